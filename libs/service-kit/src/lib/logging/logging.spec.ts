import { redactText, redactUrl } from './logging';

describe('redactUrl', () => {
  it('keeps the route and hides the secret of self-service and calendar links', () => {
    expect(redactUrl('/registrations/self/s3cr3t-token?x=1')).toBe('/registrations/self/[redacted]?x=1');
    expect(redactUrl('/registrations/self/s3cr3t/claim')).toBe('/registrations/self/[redacted]/claim');
    expect(redactUrl('/calendar/abc.ics')).toBe('/calendar/[redacted]');
  });

  it('leaves other URLs alone', () => {
    expect(redactUrl('/programs/123?limit=5')).toBe('/programs/123?limit=5');
  });
});

describe('redactText and the query-string secrets', () => {
  it('hides JWTs, bearer tokens, 43-character secrets and emails in free text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmEifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const secret = 'A'.repeat(20) + '_' + 'b'.repeat(22);
    const text = redactText(`token ${jwt} for ana@example.org via Bearer abc.def and link ${secret} on /programs/42`);
    expect(text).not.toContain(jwt);
    expect(text).not.toContain('ana@example.org');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('abc.def');
    expect(text).toContain('/programs/42');
  });

  it('keeps uuids and routes readable', () => {
    const id = '7d4c2f4e-3b7a-4a8e-9a51-0c1f6f0e2b11';
    expect(redactText(`GET /community-events/${id} failed`)).toBe(`GET /community-events/${id} failed`);
  });

  it('hides secrets some clients send in the query string', () => {
    expect(redactUrl('/feed?access_token=abc&x=1')).toBe('/feed?access_token=[redacted]&x=1');
  });
});
