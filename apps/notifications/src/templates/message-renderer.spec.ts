import { MessageRenderer } from './message-renderer';
import { templateLanguageFor } from './languages';
import { ENGLISH, LANGUAGE_PACKS, TEMPLATE_IDS } from './message-templates';
import type { MessageVariables } from './message-templates';

const renderer = new MessageRenderer();

const reschedule: MessageVariables = {
  title: 'Election board meeting',
  withWhom: 'Election Board',
  previousStartsAt: '2027-03-09T20:00:00.000Z',
  startsAt: '2027-03-09T21:00:00.000Z',
  timeZone: 'America/Chicago',
  place: 'City Hall, 414 E 12th St, Kansas City',
};

const render = (language: string | null, variables: MessageVariables = reschedule, template: (typeof TEMPLATE_IDS)[number] = 'agenda-item.rescheduled') =>
  renderer.render({ template, language, recipientName: 'Amina', recipientTimeZone: 'Africa/Nairobi', variables });

describe('MessageRenderer', () => {
  it('spells a change out, in the venue time zone, naming the zone', () => {
    const message = render('en');
    expect(message.summary).toBe(
      'Your meeting with Election Board moved from Tue 14:00 to Tue 15:00 at City Hall, 414 E 12th St, Kansas City. Times are local to America/Chicago (CST).',
    );
    expect(message.subject).toBe('Changed: Election board meeting');
    expect(message.text.startsWith('Hello Amina,')).toBe(true);
  });

  it('renders the same instant in each venue’s own local time', () => {
    const at = (timeZone: string) => render('en', { ...reschedule, timeZone, previousStartsAt: '2027-07-01T12:00:00.000Z', startsAt: '2027-07-01T13:00:00.000Z' }).summary;
    expect(at('America/Chicago')).toContain('from Thu 07:00 to Thu 08:00');
    expect(at('America/Chicago')).toContain('America/Chicago (CDT)');
    expect(at('Europe/Paris')).toContain('from Thu 14:00 to Thu 15:00');
    expect(at('Asia/Tokyo')).toContain('from Thu 21:00 to Thu 22:00');
    expect(at('Asia/Tokyo')).toContain('Asia/Tokyo (GMT+9)');
  });

  it('uses the recipient’s zone only when the message has no venue zone', () => {
    const message = render('en', { ...reschedule, timeZone: null });
    expect(message.summary).toContain('from Tue 23:00 to Wed 00:00');
    expect(message.summary).toContain('Africa/Nairobi');
  });

  it.each([
    ['es', 'Su reunión con Election Board pasó de mar 14:00 a mar 15:00', 'Hola, Amina:'],
    ['es-MX', 'Su reunión con Election Board pasó de mar 14:00 a mar 15:00', 'Hola, Amina:'],
    ['fr', 'Votre rendez-vous avec Election Board est déplacé de mar. 14:00 à mar. 15:00', 'Bonjour Amina,'],
    ['ar', 'اجتماعك مع Election Board انتقل من الثلاثاء 14:00 إلى الثلاثاء 15:00', 'مرحباً Amina،'],
  ])('writes %s', (language, sentence, greeting) => {
    const message = render(language);
    expect(message.summary).toContain(sentence);
    expect(message.text.startsWith(greeting)).toBe(true);
  });

  it('lays Arabic out right to left and marks its language', () => {
    const message = render('ar');
    expect(message).toMatchObject({ language: 'ar', direction: 'rtl' });
    expect(message.html).toContain('<html lang="ar" dir="rtl">');
    expect(message.html).toContain('direction:rtl;text-align:right');
    const english = render('en');
    expect(english.html).toContain('<html lang="en" dir="ltr">');
  });

  it('falls back to English for a language without templates', () => {
    for (const language of ['sw', 'de-CH', null, '']) {
      const message = render(language);
      expect(message.language).toBe('en');
      expect(message.summary).toContain('Your meeting with Election Board moved from');
    }
  });

  it('falls back to English, greeting included, when one template lacks a translation', () => {
    const spanish = LANGUAGE_PACKS.es.templates;
    const saved = spanish['registration.expired'];
    delete spanish['registration.expired'];
    try {
      const message = render('es', { title: 'Potluck' }, 'registration.expired');
      expect(message.language).toBe('en');
      expect(message.text.startsWith('Hello Amina,')).toBe(true);
    } finally {
      spanish['registration.expired'] = saved;
    }
  });

  it('has every template in every supported language', () => {
    for (const [language, pack] of Object.entries(LANGUAGE_PACKS)) {
      const missing = TEMPLATE_IDS.filter((id) => id !== 'webhook.event' && !pack.templates[id]);
      expect({ language, missing }).toEqual({ language, missing: [] });
    }
    expect(Object.keys(ENGLISH.templates).sort()).toEqual([...TEMPLATE_IDS].sort());
  });

  it('escapes HTML in variables', () => {
    const message = render('en', { ...reschedule, withWhom: '<script>alert(1)</script>' });
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;');
  });

  it('merges a burst of summaries into one digest in the reader’s language', () => {
    const digest = renderer.renderDigest({ language: 'fr', recipientName: 'Jorge', programTitle: 'Gouvernement numérique', lines: ['A moved', 'B moved', 'C moved'] });
    expect(digest.subject).toBe('3 changements pour Gouvernement numérique');
    expect(digest.text).toContain('• A moved\n• B moved\n• C moved');
  });

  it('maps language tags to the templates it has', () => {
    expect(templateLanguageFor('AR-eg')).toBe('ar');
    expect(templateLanguageFor('pt-BR')).toBe('en');
  });
});
