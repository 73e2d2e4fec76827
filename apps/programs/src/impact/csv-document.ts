export type CsvValue = string | number | null | undefined;

/**
 * RFC 4180 CSV for the councils' annual-report spreadsheets. Text that a spreadsheet
 * would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe:
 * program titles and organisation names are typed by people and arrive from other
 * services, and `=HYPERLINK(...)` in a title must stay text. Numbers are ours and are
 * written as they are, so a negative count would still read as a number.
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
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
}
