import { PollingWorker } from './polling-worker';

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

describe('PollingWorker', () => {
  it('backs off after failed rounds, counts them, and reports the recovery', async () => {
    const failures: number[] = [];
    const recovered: number[] = [];
    let calls = 0;
    const worker = new PollingWorker(
      async () => {
        calls += 1;
        if (calls <= 2) throw new Error(`round ${calls} failed`);
        return { moreWaiting: false };
      },
      { pollIntervalMs: 60_000, retryBaseMs: 1, retryMaxMs: 2, onFailure: (_, n) => failures.push(n), onRecovered: (n) => recovered.push(n) },
    );
    worker.start();
    await until(() => calls >= 3);
    expect(failures).toEqual([1, 2]);
    expect(recovered).toEqual([2]);
    expect(worker.consecutiveFailures).toBe(0);
    await worker.stop();
    expect(worker.isRunning).toBe(false);
  });

  it('goes again at once while more is waiting, and a wake-up cuts the poll interval short', async () => {
    const waiting = [true, true, false];
    let calls = 0;
    const worker = new PollingWorker(
      async () => {
        calls += 1;
        return { moreWaiting: waiting.shift() ?? false };
      },
      { pollIntervalMs: 60_000, retryBaseMs: 1, retryMaxMs: 2, onFailure: () => undefined },
    );
    worker.start();
    await until(() => calls === 3);
    // Now asleep for a minute: only a wake-up brings the next round.
    worker.wake();
    await until(() => calls === 4);
    await worker.stop();
    expect(calls).toBe(4);
  });
});
