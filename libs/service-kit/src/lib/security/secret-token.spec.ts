import { SecretToken } from './secret-token';

describe('SecretToken', () => {
  it('makes a different 43-character base64url token each time, with its sha256', () => {
    const a = SecretToken.generate();
    const b = SecretToken.generate();
    expect(a.token).not.toBe(b.token);
    expect(SecretToken.isWellFormed(a.token)).toBe(true);
    expect(a.hash).toHaveLength(32);
    expect(a.hash.equals(SecretToken.hash(a.token))).toBe(true);
  });

  it('matches only the token that produced the hash', () => {
    const { token, hash } = SecretToken.generate();
    expect(SecretToken.matches(token, hash)).toBe(true);
    expect(SecretToken.matches(SecretToken.generate().token, hash)).toBe(false);
    expect(SecretToken.matches(token, Buffer.alloc(3))).toBe(false);
  });

  it('refuses malformed tokens before any lookup', () => {
    expect(SecretToken.isWellFormed('short')).toBe(false);
    expect(SecretToken.isWellFormed(`${'a'.repeat(42)}=`)).toBe(false);
  });
});
