import { CachedReading, KafkaMetricsReader, endOffsetTotal, topicLag, withTimeout } from './kafka-metrics';
import { fakeKafka } from './testing/fakes';

describe('topicLag', () => {
  const ends = [
    { partition: 1, high: '10', low: '0' },
    { partition: 0, high: '5', low: '2' },
    { partition: 2, high: '7', low: '7' },
  ];

  it('is end offset minus committed offset, per partition, sorted by partition', () => {
    const lag = topicLag('t', ends, [
      { partition: 0, offset: '5' },
      { partition: 1, offset: '4' },
      { partition: 2, offset: '7' },
    ]);
    expect(lag).toEqual([
      { topic: 't', partition: 0, lag: 0 },
      { topic: 't', partition: 1, lag: 6 },
      { topic: 't', partition: 2, lag: 0 },
    ]);
  });

  it('counts from the earliest retained offset where nothing was committed (-1 or absent)', () => {
    const lag = topicLag('t', ends, [{ partition: 1, offset: '-1' }]);
    expect(lag.map((l) => l.lag)).toEqual([3, 10, 0]);
  });

  it('never counts below the earliest retained offset, and is never negative', () => {
    expect(topicLag('t', [{ partition: 0, high: '100', low: '90' }], [{ partition: 0, offset: '10' }])[0].lag).toBe(10);
    expect(topicLag('t', [{ partition: 0, high: '5', low: '0' }], [{ partition: 0, offset: '9' }])[0].lag).toBe(0);
  });
});

describe('endOffsetTotal', () => {
  it('adds the end offsets of every partition', () => {
    expect(endOffsetTotal([{ high: '3' }, { high: '0' }, { high: '12' }])).toBe(15);
    expect(endOffsetTotal([])).toBe(0);
  });
});

describe('CachedReading', () => {
  it('computes once per ttl and shares the promise between concurrent callers', async () => {
    let now = 1000;
    let calls = 0;
    const reading = new CachedReading(5000, async () => ++calls, () => now);
    expect(await Promise.all([reading.get(), reading.get()])).toEqual([1, 1]);
    now += 4999;
    expect(await reading.get()).toBe(1);
    now += 1;
    expect(await reading.get()).toBe(2);
  });

  it('does not keep a failure: the next call computes again', async () => {
    let calls = 0;
    const reading = new CachedReading(60_000, async () => {
      calls += 1;
      if (calls === 1) throw new Error('broker down');
      return calls;
    });
    await expect(reading.get()).rejects.toThrow('broker down');
    expect(await reading.get()).toBe(2);
  });
});

describe('withTimeout', () => {
  it('rejects with the name of what did not answer', async () => {
    await expect(withTimeout(new Promise(() => undefined), 10, 'describe group g')).rejects.toThrow('describe group g: no answer within 10 ms');
    await expect(withTimeout(Promise.resolve(3), 10, 'x')).resolves.toBe(3);
  });
});

describe('KafkaMetricsReader', () => {
  it("reads the lag of every partition of the group's topics and the dead-letter end offsets", async () => {
    const { kafka } = fakeKafka({ deadLetterEnds: ['3', '4'] });
    const reader = new KafkaMetricsReader(kafka, 'notifications', 'notifications.dead-letter', 500);
    expect(await reader.read()).toEqual({
      lag: [
        { topic: 'programs.events', partition: 0, lag: 6 },
        { topic: 'programs.events', partition: 1, lag: 5 },
        { topic: 'programs.events', partition: 2, lag: 0 },
      ],
      deadLetters: 7,
    });
    await reader.close();
  });

  it('reports no lag for a service without a consumer group', async () => {
    const reader = new KafkaMetricsReader(fakeKafka().kafka, null, 'programs.dead-letter', 500);
    expect(await reader.read()).toEqual({ lag: [], deadLetters: 2 });
  });

  it('fails within its timeout when the broker does not answer, and connects again next time', async () => {
    const fake = fakeKafka({ hang: true });
    const reader = new KafkaMetricsReader(fake.kafka, 'g', 'g.dead-letter', 50);
    await expect(reader.read()).rejects.toThrow('no answer within 50 ms');
    fake.state.hang = false;
    await expect(reader.read()).resolves.toMatchObject({ deadLetters: 2 });
    expect(fake.calls.filter((c) => c === 'connect')).toHaveLength(2);
  });
});
