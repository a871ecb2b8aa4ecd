/**
 * Time as a parameter: the limiter and the retry policy read the time and sleep only through a `Clock`, so tests can
 * run a minute of backoff in milliseconds and benchmarks can use the real one.
 */
export interface Clock {
  /** Milliseconds since an arbitrary epoch; only differences are used. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
