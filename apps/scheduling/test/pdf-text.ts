import { inflateSync } from 'node:zlib';

/**
 * Reads the text back out of a pdfkit document: the strings of every TJ/Tj operator,
 * one line per BT…ET block. pdfkit writes the standard fonts' text as hex strings in
 * WinAnsi (Windows-1252), e.g. `BT … [<4d6f6e> 20 <646179>] TJ ET`; numbers between
 * strings are kerning. FlateDecode streams (the default `compress: true`) are inflated
 * first; with `compress: false` the content streams are plain text already.
 */
export function pdfText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const source = raw.replace(/<<((?:(?!>>)[\s\S])*?\/FlateDecode[\s\S]*?)>>\s*stream\r?\n([\s\S]*?)\r?\nendstream/g, (whole, _dict: string, data: string) => {
    try {
      return `stream\n${inflateSync(Buffer.from(data, 'latin1')).toString('latin1')}\nendstream`;
    } catch {
      return whole;
    }
  });
  const decoder = new TextDecoder('windows-1252');
  const lines: string[] = [];
  for (const block of source.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
    let line = '';
    for (const op of block[1].matchAll(/\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g)) {
      if (op[1] !== undefined) {
        for (const part of op[1].matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g)) line += part[1] !== undefined ? decoder.decode(Buffer.from(part[1], 'hex')) : unescape(part[2]);
      } else if (op[2] !== undefined) line += decoder.decode(Buffer.from(op[2], 'hex'));
      else line += unescape(op[3]);
    }
    if (line.length > 0) lines.push(line);
  }
  return lines;
}

function unescape(literal: string): string {
  return literal.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) => {
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    return map[c] ?? String.fromCharCode(parseInt(c, 8));
  });
}
