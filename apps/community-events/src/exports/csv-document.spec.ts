import { CsvDocument } from './csv-document';

describe('CsvDocument', () => {
  it('writes a header and rows with CRLF endings', () => {
    const csv = new CsvDocument(['name', 'party']).add(['Ana', 2]).add(['Bo', 1]).toString();
    expect(csv).toBe('name,party\r\nAna,2\r\nBo,1\r\n');
  });

  it('quotes commas, quotes and line breaks, and leaves empty cells for missing values', () => {
    expect(CsvDocument.cell('Smith, "Jo"')).toBe('"Smith, ""Jo"""');
    expect(CsvDocument.cell('line\nbreak')).toBe('"line\nbreak"');
    expect(CsvDocument.cell(null)).toBe('');
    expect(CsvDocument.cell(new Date('2027-03-01T00:00:00Z'))).toBe('2027-03-01T00:00:00.000Z');
  });

  it('keeps formulas typed by registrants as text', () => {
    expect(CsvDocument.cell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(CsvDocument.cell('+1 555 0100')).toBe(`'+1 555 0100`);
    expect(CsvDocument.cell(-3)).toBe('-3');
  });

  it('refuses a row with the wrong number of cells', () => {
    expect(() => new CsvDocument(['a', 'b']).add(['only one'])).toThrow(/2 columns/);
  });
});
