/**
 * Reads the version out of an If-Match header. ETags are the quoted version (`"3"`);
 * a weak tag or a bare number is accepted too, since clients and proxies differ.
 * Returns undefined when absent and null when present but unreadable.
 */
export function parseIfMatch(header: string | undefined): number | null | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return match ? Number(match[1]) : null;
}

export function etagOf(version: number): string {
  return `"${version}"`;
}
