/**
 * Waits until JumpCloud's reads show our writes. JumpCloud answers 204 before a new edge is visible to listings, so
 * a refresh right after `up` could report a grant we just made as missing. After a write, a resource waits here
 * until a listing of the parent (a group's members, an application's associations) agrees, within a bound.
 *
 * Waiters on the same parent share each listing: many resources adding members to one group in parallel cost one
 * listing per round, not one each.
 */
export interface VisibilityOptions {
  sleep(ms: number): Promise<void>;
  now(): number;
  /** Give up waiting after this long: the write is then not confirmed, and the operation fails. */
  timeoutMs: number;
  /** First pause before listing; doubles per round up to `maxIntervalMs`. */
  initialIntervalMs: number;
  maxIntervalMs: number;
}

interface Waiter {
  id: string;
  /** Only listings started after the waiter joined count: an earlier one may predate the write. */
  joinedAfterRound: number;
  present: boolean;
  deadline: number;
  resolve(visible: boolean): void;
}

interface Parent {
  list: () => Promise<Iterable<string>>;
  round: number;
  waiters: Waiter[];
}

export class VisibilityWaiter {
  private readonly parents = new Map<string, Parent>();
  private readonly options: VisibilityOptions;
  /** Listings made while waiting (reported by benchmarks as their own kind of call). */
  listings = 0;

  constructor(options: VisibilityOptions) {
    this.options = options;
  }

  /** How long a waiter waits at most (messages say it). */
  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  /**
   * Resolves true once a listing of `parentKey` shows `id` present (or absent, for removals), false when the bound
   * runs out first. A failing listing is retried in the next round rather than failing the write that succeeded.
   */
  waitFor(parentKey: string, list: () => Promise<Iterable<string>>, id: string, present: boolean): Promise<boolean> {
    return new Promise((resolve) => {
      const parent = this.parents.get(parentKey);
      const deadline = this.options.now() + this.options.timeoutMs;
      const waiter: Waiter = { id, present, deadline, resolve, joinedAfterRound: parent?.round ?? 0 };
      if (parent) {
        parent.waiters.push(waiter);
        return;
      }
      const created: Parent = { list, round: 0, waiters: [waiter] };
      this.parents.set(parentKey, created);
      void this.poll(parentKey, created);
    });
  }

  private async poll(parentKey: string, parent: Parent): Promise<void> {
    let interval = this.options.initialIntervalMs;
    try {
      while (parent.waiters.length) {
        await this.options.sleep(interval);
        interval = Math.min(interval * 2, this.options.maxIntervalMs);
        let ids: Set<string> | undefined;
        const round = ++parent.round;
        try {
          this.listings++;
          ids = new Set(await parent.list());
        } catch {
          ids = undefined;
        }
        const now = this.options.now();
        parent.waiters = parent.waiters.filter((waiter) => {
          if (ids && round > waiter.joinedAfterRound && ids.has(waiter.id) === waiter.present) waiter.resolve(true);
          else if (now >= waiter.deadline) waiter.resolve(false);
          else return true;
          return false;
        });
      }
    } finally {
      this.parents.delete(parentKey);
      for (const waiter of parent.waiters) waiter.resolve(false);
    }
  }
}
