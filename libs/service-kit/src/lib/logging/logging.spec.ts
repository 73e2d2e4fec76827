import { redactUrl } from './logging';

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
