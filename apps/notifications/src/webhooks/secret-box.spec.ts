import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const key = randomBytes(32).toString('hex');

  it('seals a secret so it reads back, never as plain text, and differently each time', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('whsec-very-secret-value');
    expect(sealed).not.toContain('whsec');
    expect(box.seal('whsec-very-secret-value')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('whsec-very-secret-value');
  });

  it('cannot be opened with another key or after tampering', () => {
    const sealed = new SecretBox(key).seal('whsec-very-secret-value');
    expect(() => new SecretBox(randomBytes(32).toString('base64')).open(sealed)).toThrow();
    const tampered = `${sealed.slice(0, -4)}${sealed.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(() => new SecretBox(key).open(tampered)).toThrow();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new SecretBox('abcd')).toThrow(/32 bytes/);
  });
});
