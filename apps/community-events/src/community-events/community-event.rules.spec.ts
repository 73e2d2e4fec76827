import { CommunityEventRules } from './community-event.rules';

const at = (iso: string) => new Date(iso);
const base = { startsAt: at('2027-03-09T23:00:00Z'), endsAt: at('2027-03-10T01:00:00Z'), registrationOpensAt: null, registrationClosesAt: null };

describe('CommunityEventRules', () => {
  it('accepts ordered times and an open-ended registration window', () => {
    expect(CommunityEventRules.check(base)).toEqual([]);
    expect(CommunityEventRules.check({ ...base, registrationOpensAt: at('2027-02-01T00:00:00Z'), registrationClosesAt: at('2027-03-09T22:00:00Z') })).toEqual([]);
  });

  it('names endsAt when the event ends before it starts', () => {
    expect(CommunityEventRules.check({ ...base, endsAt: base.startsAt }).map((e) => e.field)).toEqual(['endsAt']);
  });

  it('names the window fields when the window is backwards or outlives the event', () => {
    const backwards = CommunityEventRules.check({ ...base, registrationOpensAt: at('2027-03-01T00:00:00Z'), registrationClosesAt: at('2027-02-01T00:00:00Z') });
    expect(backwards.map((e) => e.field)).toEqual(['registrationClosesAt']);
    const late = CommunityEventRules.check({ ...base, registrationClosesAt: at('2027-03-11T00:00:00Z') });
    expect(late.map((e) => e.field)).toEqual(['registrationClosesAt']);
    const opensAfterEnd = CommunityEventRules.check({ ...base, registrationOpensAt: at('2027-03-12T00:00:00Z') });
    expect(opensAfterEnd.map((e) => e.field)).toEqual(['registrationOpensAt']);
  });

  it.each([
    ['America/Chicago', true],
    ['Europe/Kyiv', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    [42, false],
  ])('knows whether %p is an IANA time zone', (zone, expected) => {
    expect(CommunityEventRules.isTimeZone(zone)).toBe(expected);
  });
});
