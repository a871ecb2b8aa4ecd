import type { Clock } from "./clock";

/**
 * Caps how many requests one client has in flight and how fast it starts them. One instance per client: two clients
 * (two stacks, two orgs) never throttle each other, and nothing is shared through module state.
 *
 * The rate cap spaces request starts evenly (1/rate apart): JumpCloud publishes no limits, and an even stream stays
 * under any token bucket whose rate is at least ours. The schedule may fall at most CATCH_UP intervals behind the
 * clock, so timers that fire late on a busy machine do not slow every later request; the price is a burst of at most
 * CATCH_UP + 1 starts after an idle spell, which any real bucket absorbs.
 */
const CATCH_UP = 4;

export class RequestLimiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private nextStart = 0;
  private pausedUntil = 0;
  private readonly intervalMs: number;

  constructor(
    private readonly concurrency: number,
    requestsPerSecond: number,
    private readonly clock: Clock,
  ) {
    this.intervalMs = requestsPerSecond > 0 ? 1000 / requestsPerSecond : 0;
  }

  /** Runs `task` once a concurrency slot is free and the rate allows another start. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      await this.waitForStart();
      return await task();
    } finally {
      this.release();
    }
  }

  /**
   * Holds every new start until `untilMs` (clock time). Called on a 429 so the whole client backs off, not only the
   * request that was refused.
   */
  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  private async waitForStart(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const at = Math.max(this.nextStart, now - this.intervalMs * CATCH_UP, this.pausedUntil);
      if (at <= now) {
        this.nextStart = at + this.intervalMs;
        return;
      }
      // Reserve the slot before sleeping so waiting requests keep their order; re-check the pause on waking.
      this.nextStart = at + this.intervalMs;
      await this.clock.sleep(at - now);
      if (this.pausedUntil <= this.clock.now()) return;
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }
}
