import type { AccessGraph } from "../sync/graph";

/**
 * The latest graph synced per organization in this provider process: `diff` syncs to see whether the published
 * graph is still current, and the `update` the engine runs right after it publishes that same graph instead of
 * syncing the organization a second time.
 *
 * Why reuse is safe: the engine calls a resource's `diff` only after every resource it depends on has finished, and
 * its `update` right after that `diff`. Every `diff` that leads to an update stores its own sync here, and a later
 * entry only ever replaces it with a sync started later still, so an update never receives a graph older than its
 * own diff. One entry per organization keeps memory bounded; the memo lives in process memory only, so it never
 * outlives one engine run (preview and update run in separate processes).
 */
export class LatestGraphMemo {
  private readonly entries = new Map<string, Promise<AccessGraph>>();

  /**
   * Starts a sync for `key` and remembers it, in flight, as the latest for `key`. Never joins a sync already under
   * way: that one may have started before the caller's dependencies finished writing.
   */
  remember(key: string, sync: () => Promise<AccessGraph>): Promise<AccessGraph> {
    const pending = sync();
    this.entries.set(key, pending);
    // A failed sync must never be handed to a later update: forget it, so the update syncs for itself.
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    return pending;
  }

  /** The latest sync for `key`, if a diff in this process started one. */
  latest(key: string): Promise<AccessGraph> | undefined {
    return this.entries.get(key);
  }

  /** How many organizations have a graph remembered (one entry each, however many syncs ran). */
  get size(): number {
    return this.entries.size;
  }
}
