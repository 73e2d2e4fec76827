import { DeadLetterHeaders, deadLetterHeaders } from './dead-letter';

describe('deadLetterHeaders', () => {
  it('keeps the original headers and adds where the message came from and why it failed', () => {
    const headers = deadLetterHeaders(
      { 'event-id': Buffer.from('abc'), 'correlation-id': 'corr' },
      { reason: 'invalid-payload', error: '/kind must be one of…', topic: 'programs.events', partition: 2, offset: '41', consumerGroup: 'notifications', attempts: 0, failedAt: new Date('2026-01-01T00:00:00Z') },
    );
    expect(headers['event-id']).toEqual(Buffer.from('abc'));
    expect(headers['correlation-id']).toBe('corr');
    expect(headers[DeadLetterHeaders.reason]).toBe('invalid-payload');
    expect(headers[DeadLetterHeaders.originalTopic]).toBe('programs.events');
    expect(headers[DeadLetterHeaders.originalPartition]).toBe('2');
    expect(headers[DeadLetterHeaders.originalOffset]).toBe('41');
    expect(headers[DeadLetterHeaders.failedAt]).toBe('2026-01-01T00:00:00.000Z');
  });

  it('bounds the error text', () => {
    const headers = deadLetterHeaders(undefined, { reason: 'handler-failed', error: 'x'.repeat(10_000), topic: 't', partition: 0, offset: '0', consumerGroup: 'g', attempts: 3 });
    expect((headers[DeadLetterHeaders.error] as string).length).toBe(2000);
  });
});
