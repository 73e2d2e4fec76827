/** Languages with complete templates; anything else falls back to English. */
export const SUPPORTED_LANGUAGES = ['en', 'es', 'fr', 'ar'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: SupportedLanguage = 'en';

const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur']);

/** `es-MX` → `es`; a language we have no templates for → English. */
export function templateLanguageFor(tag: string | null | undefined): SupportedLanguage {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(primary) ? (primary as SupportedLanguage) : FALLBACK_LANGUAGE;
}

export function isRightToLeft(language: string): boolean {
  return RIGHT_TO_LEFT.has(language);
}
