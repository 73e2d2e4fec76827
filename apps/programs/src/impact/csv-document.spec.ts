import { CsvDocument } from './csv-document';
import { impactReportCsv } from './impact-report.csv';
import { ImpactReportBuilder } from './impact-report';

describe('CsvDocument', () => {
  it('writes a header and rows with CRLF endings, quoting commas, quotes and line breaks', () => {
    expect(new CsvDocument(['a', 'b']).add(['x, y', 'say "hi"']).add([null, 3]).toString()).toBe('a,b\r\n"x, y","say ""hi"""\r\n,3\r\n');
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1 555', `'+1 555`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
  ])('keeps text a spreadsheet would run as a formula as text: %s', (input, expected) => {
    expect(CsvDocument.cell(input)).toBe(expected);
  });

  it('writes numbers as numbers', () => {
    expect(CsvDocument.cell(-3)).toBe('-3');
  });

  it('refuses a row with the wrong number of cells', () => {
    expect(() => new CsvDocument(['a', 'b']).add(['only one'])).toThrow(/2 columns/);
  });
});

describe('impactReportCsv', () => {
  it('writes every count as a (section, item, value) row and neutralises formulas in names', () => {
    const report = new ImpactReportBuilder({ kind: 'program', programId: 'p' }, new Date('2027-04-01T00:00:00Z'))
      .addPrograms([{ programId: 'p', title: '=cmd|calc', kind: 'international-visitor', status: 'completed', startDate: '2027-03-01', endDate: '2027-03-02' }])
      .addParticipants([{ programId: 'p', country: 'KE', gender: null, role: 'observer' }])
      .addAgendaItems([
        {
          itemId: 'i',
          programId: 'p',
          kind: 'resource-meeting',
          status: 'confirmed',
          startsAt: new Date('2027-03-01T10:00:00Z'),
          endsAt: new Date('2027-03-01T11:00:00Z'),
          resourceId: 'r',
          resourceName: '@evil',
        },
      ])
      .addCheckIns([{ registrationId: 'x', programId: 'p', partySize: 4 }])
      .build();
    const rows = impactReportCsv(report).trimEnd().split('\r\n');
    expect(rows[0]).toBe('section,item,value');
    expect(rows).toEqual(
      expect.arrayContaining([
        'report,scope,program',
        'report,id,p',
        'report,as-of,2027-04-01T00:00:00.000Z',
        "program,p,'=cmd|calc",
        'participants,total,1',
        'participants-by-country,KE,1',
        'participants-by-gender,not-stated,1',
        'participants-by-involvement,observer,1',
        'participants-by-role,observer,1',
        'meetings,held,1',
        'meetings,organisations-met,1',
        "organisation-met,'@evil,1",
        'community,members-reached,4',
        'community,check-ins,1',
      ]),
    );
    expect(rows).toHaveLength(1 + 3 + 1 + 1 + 1 + 6 + 3 + 6 + 2 + 1 + 2);
  });
});
