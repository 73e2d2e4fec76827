import { transitions, vtimezone } from './vtimezone';

describe('vtimezone', () => {
  const year2027 = [Date.parse('2027-01-01T00:00:00Z'), Date.parse('2027-12-31T23:59:00Z')] as const;

  it('finds the US changes of 2027 to the minute: 14 March 02:00 CST and 7 November 02:00 CDT', () => {
    expect(transitions('America/Chicago', ...year2027)).toEqual([
      { at: Date.parse('2027-03-14T08:00:00Z'), from: -360, to: -300 },
      { at: Date.parse('2027-11-07T07:00:00Z'), from: -300, to: -360 },
    ]);
  });

  it('writes the observances with local DTSTARTs in the offset before each change', () => {
    const text = vtimezone('America/Chicago', ...year2027);
    expect(text).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0600\r\nTZOFFSETTO:-0500\r\nTZNAME:CDT\r\nEND:DAYLIGHT');
    expect(text).toContain('BEGIN:STANDARD\r\nDTSTART:20271107T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0600\r\nTZNAME:CST\r\nEND:STANDARD');
    expect(text.startsWith('BEGIN:VTIMEZONE\r\nTZID:America/Chicago\r\n')).toBe(true);
  });

  it('gives a zone without daylight saving one observance', () => {
    const text = vtimezone('Asia/Tokyo', ...year2027);
    expect(text.match(/BEGIN:STANDARD/g)).toHaveLength(1);
    expect(text).toContain('TZOFFSETTO:+0900');
    expect(text).not.toContain('DAYLIGHT');
  });
});
