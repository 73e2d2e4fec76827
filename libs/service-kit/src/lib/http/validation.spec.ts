import { findUnstorableText } from './validation';

describe('findUnstorableText', () => {
  it('names each field holding NUL or an unpaired surrogate, however deep', () => {
    expect(findUnstorableText({ name: 'Ana', email: '\u0000\ud800', legs: [{ city: 'ok' }, { city: 'x\u0000' }] }).map((e) => e.field)).toEqual(['email', 'legs.1.city']);
  });

  it('accepts ordinary text, including paired surrogates such as emoji and right-to-left scripts', () => {
    expect(findUnstorableText({ title: 'Potluck 🎉', note: 'مرحبا', list: ['a', 'b'], n: 3, nothing: null })).toEqual([]);
  });
});
