export type CsvValue = string | number | Date | null | undefined;

/**
 * RFC 4180 CSV for organisers' spreadsheets. Cells that a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR) get a leading apostrophe: registrants
 * type these values, and a name such as `=HYPERLINK(...)` must stay text.
 */
export class CsvDocument {
  private readonly lines: string[];

  constructor(private readonly columns: readonly string[]) {
    this.lines = [columns.map((c) => CsvDocument.cell(c)).join(',')];
  }

  add(row: readonly CsvValue[]): this {
    if (row.length !== this.columns.length) throw new Error(`CSV row has ${row.length} cells for ${this.columns.length} columns`);
    this.lines.push(row.map((value) => CsvDocument.cell(value)).join(','));
    return this;
  }

  toString(): string {
    return `${this.lines.join('\r\n')}\r\n`;
  }

  static cell(value: CsvValue): string {
    if (value === null || value === undefined) return '';
    let text = value instanceof Date ? value.toISOString() : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
}
