import { BATCH_OVERHEAD_BYTES, MessageSizeLimit, recordSize } from './message-size';
import { classifyPublishError, refusalOf } from './publish-errors';

describe('recordSize', () => {
  it('counts key, value and headers in UTF-8 bytes, plus framing', () => {
    const plain = recordSize({ key: 'k', value: 'abc', headers: {} });
    const accented = recordSize({ key: 'k', value: 'àbc', headers: {} });
    expect(accented - plain).toBe(1);
    const withHeader = recordSize({ key: 'k', value: 'abc', headers: { 'event-id': '1234' } });
    expect(withHeader - plain).toBeGreaterThanOrEqual('event-id'.length + 4);
    expect(recordSize({ key: 'k', value: Buffer.alloc(1000), headers: {} })).toBeGreaterThan(1000);
  });
});

describe('MessageSizeLimit', () => {
  it('uses the configured bound until the broker reports a smaller one, and never grows again', () => {
    const limit = new MessageSizeLimit(786_432);
    expect(limit.bytes).toBe(786_432);
    limit.learnBrokerLimit(1_048_588);
    expect(limit.bytes).toBe(786_432);
    limit.learnBrokerLimit(100_000);
    expect(limit.bytes).toBe(90_000 - BATCH_OVERHEAD_BYTES);
    limit.learnBrokerLimit(5_000_000);
    expect(limit.bytes).toBe(90_000 - BATCH_OVERHEAD_BYTES);
    expect(limit.maxEventBytes).toBe(limit.bytes - BATCH_OVERHEAD_BYTES);
  });

  it('refuses a bound too small to hold an event', () => {
    expect(() => new MessageSizeLimit(10)).toThrow(/1024/);
  });
});

describe('classifyPublishError', () => {
  const protocol = (type: string) => Object.assign(new Error(type), { name: 'KafkaJSProtocolError', type });

  it('splits what the broker refuses for its contents, wherever kafkajs wrapped it', () => {
    expect(classifyPublishError(protocol('MESSAGE_TOO_LARGE'))).toBe('split');
    expect(classifyPublishError(Object.assign(new Error('retries exceeded'), { cause: protocol('RECORD_LIST_TOO_LARGE') }))).toBe('split');
    expect(refusalOf(Object.assign(new Error('aggregate'), { errors: [new Error('x'), protocol('INVALID_TOPIC_EXCEPTION')] }))).toBe('INVALID_TOPIC_EXCEPTION');
  });

  it('retries the broker being away, a leader moving or anything unknown', () => {
    expect(classifyPublishError(Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' }))).toBe('retry');
    expect(classifyPublishError(protocol('NOT_LEADER_FOR_PARTITION'))).toBe('retry');
    expect(classifyPublishError(protocol('UNKNOWN_TOPIC_OR_PARTITION'))).toBe('retry');
    expect(classifyPublishError('weird')).toBe('retry');
  });
});
