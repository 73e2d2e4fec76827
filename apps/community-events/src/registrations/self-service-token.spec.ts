import { SelfServiceToken } from './self-service-token';

describe('SelfServiceToken', () => {
  it('makes a different 43-character base64url token each time, with its sha256', () => {
    const a = SelfServiceToken.generate();
    const b = SelfServiceToken.generate();
    expect(a.token).not.toBe(b.token);
    expect(SelfServiceToken.isWellFormed(a.token)).toBe(true);
    expect(a.hash).toHaveLength(32);
    expect(a.hash.equals(SelfServiceToken.hash(a.token))).toBe(true);
  });

  it('matches only the token that produced the hash', () => {
    const { token, hash } = SelfServiceToken.generate();
    expect(SelfServiceToken.matches(token, hash)).toBe(true);
    expect(SelfServiceToken.matches(SelfServiceToken.generate().token, hash)).toBe(false);
    expect(SelfServiceToken.matches(token, Buffer.alloc(3))).toBe(false);
  });

  it('refuses malformed tokens before any lookup', () => {
    expect(SelfServiceToken.isWellFormed('short')).toBe(false);
    expect(SelfServiceToken.isWellFormed(`${'a'.repeat(42)}=`)).toBe(false);
  });
});
