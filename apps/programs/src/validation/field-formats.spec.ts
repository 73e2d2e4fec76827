import { CalendarDate, IanaTimeZone, LanguageTag } from './field-formats';

describe('IanaTimeZone', () => {
  it.each(['America/Chicago', 'Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires', 'Asia/Calcutta'])('accepts %s', (zone) => {
    expect(IanaTimeZone.isValid(zone)).toBe(true);
  });

  it.each(['Foo/Bar', '+01:00', 'america/chicago', '', 'Chicago', 42, null])('refuses %p', (zone) => {
    expect(IanaTimeZone.isValid(zone)).toBe(false);
  });
});

describe('LanguageTag', () => {
  it.each(['en', 'en-US', 'pt-BR', 'zh-Hant-TW', 'es-419'])('accepts %s', (tag) => expect(LanguageTag.isValid(tag)).toBe(true));
  it.each(['en_US', 'e', 'english-language-x', '', 7])('refuses %p', (tag) => expect(LanguageTag.isValid(tag)).toBe(false));
});

describe('CalendarDate', () => {
  it('accepts real days and refuses impossible or differently formatted ones', () => {
    expect(CalendarDate.isValid('2028-02-29')).toBe(true);
    expect(CalendarDate.isValid('2027-02-29')).toBe(false);
    expect(CalendarDate.isValid('2027-02-30')).toBe(false);
    expect(CalendarDate.isValid('2027-3-1')).toBe(false);
    expect(CalendarDate.isValid('2027-03-01T00:00')).toBe(false);
  });
});
