import { LocalTimeFormatter } from './local-time';
import { FALLBACK_LANGUAGE, isRightToLeft, templateLanguageFor } from './languages';
import type { SupportedLanguage } from './languages';
import { ENGLISH, LANGUAGE_PACKS } from './message-templates';
import type { LanguagePack, MessageVariables, TemplateId, TimeText } from './message-templates';

export interface RenderRequest {
  template: TemplateId;
  /** The recipient's preferred language tag, e.g. `es-MX`; unknown or untranslated → English. */
  language: string | null;
  recipientName: string;
  /** Used only when the message has no venue zone of its own. */
  recipientTimeZone: string | null;
  variables: MessageVariables;
}

export interface RenderedMessage {
  /** The language actually used, after fallback. */
  language: SupportedLanguage;
  direction: 'ltr' | 'rtl';
  subject: string;
  /** Plain text with greeting: email text part, in-app body. */
  text: string;
  /** A full HTML document with `lang` and `dir` set. */
  html: string;
  /** The one-line statement of what happened: SMS text, digest line. */
  summary: string;
}

export interface DigestRequest {
  language: string;
  recipientName: string;
  programTitle: string | null;
  /** Summaries already rendered in the recipient's language, oldest first. */
  lines: string[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Turns a template and its variables into subject, text and HTML in the reader's language. */
export class MessageRenderer {
  render(request: RenderRequest): RenderedMessage {
    const wanted = templateLanguageFor(request.language);
    const translated = LANGUAGE_PACKS[wanted].templates[request.template];
    // A missing translation falls back as a whole message, greeting included, so no message mixes languages.
    const language: SupportedLanguage = translated ? wanted : FALLBACK_LANGUAGE;
    const pack = LANGUAGE_PACKS[language];
    const phrase = translated ?? ENGLISH.templates[request.template];
    const zone = request.variables.timeZone ?? request.recipientTimeZone ?? 'UTC';
    const { subject, body } = phrase(request.variables, this.timeText(pack, language, zone));
    const summary = body.replace(/\s+/g, ' ').trim();
    return this.assemble(language, subject, pack.greeting(request.recipientName), [summary], summary);
  }

  renderDigest(request: DigestRequest): RenderedMessage {
    const language = templateLanguageFor(request.language);
    const pack = LANGUAGE_PACKS[language];
    const subject = pack.digestSubject(request.lines.length, request.programTitle);
    const intro = pack.digestIntro(request.lines.length);
    return this.assemble(language, subject, pack.greeting(request.recipientName), [intro, ...request.lines.map((line) => `• ${line}`)], `${subject}: ${request.lines.join(' | ')}`);
  }

  private assemble(language: SupportedLanguage, subject: string, greeting: string, paragraphs: string[], summary: string): RenderedMessage {
    const direction = isRightToLeft(language) ? 'rtl' : 'ltr';
    const align = direction === 'rtl' ? 'right' : 'left';
    const html = [
      '<!doctype html>',
      `<html lang="${language}" dir="${direction}">`,
      `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
      `<body dir="${direction}" style="direction:${direction};text-align:${align};font-family:sans-serif">`,
      `<p>${escapeHtml(greeting)}</p>`,
      ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
      '</body>',
      '</html>',
    ].join('\n');
    return { language, direction, subject, text: `${greeting}\n\n${paragraphs.join('\n')}\n`, html, summary };
  }

  private timeText(pack: LanguagePack, language: string, zone: string): TimeText {
    const formatter = new LocalTimeFormatter(language, zone);
    return {
      dayTime: (iso, otherZone) => (iso ? formatter.dayTime(iso, otherZone ?? zone) : '—'),
      dateTime: (iso, otherZone) => (iso ? formatter.dateTime(iso, otherZone ?? zone) : '—'),
      date: (iso) => formatter.date(iso, zone),
      zone: (iso) => (iso ? pack.zoneNote(formatter.zoneName(iso)) : ''),
    };
  }
}
