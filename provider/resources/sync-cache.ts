import { OrgIndex } from "./org-index";
import type { AccessGraph } from "../sync/graph";

/**
 * One full sync per organization per provider process. The engine runs reads, checks and diffs of many resources
 * in parallel in one process, so the in-flight promise is memoized, not just its result: the first caller starts
 * the sync and every other caller awaits the same promise. A failed sync stays failed for the process, so every
 * resource reports the same error instead of each starting a sync of its own; nothing is ever answered from a
 * partial graph. Keyed by the organization's one key (`ResourceContext.org`), so a resource without `orgId` and
 * one naming the same organization share one sync and one graph.
 */
export class SyncCache {
  private readonly entries = new Map<string, Promise<OrgIndex>>();
  private readonly settled = new Map<string, OrgIndex>();
  private readonly load: (orgKey: string) => Promise<AccessGraph>;

  constructor(load: (orgKey: string) => Promise<AccessGraph>) {
    this.load = load;
  }

  get(orgKey: string): Promise<OrgIndex> {
    let entry = this.entries.get(orgKey);
    if (!entry) {
      entry = this.load(orgKey).then((graph) => {
        const index = new OrgIndex(graph, orgKey);
        this.settled.set(orgKey, index);
        return index;
      });
      this.entries.set(orgKey, entry);
    }
    return entry;
  }

  /** The index if a sync of this org already completed in this process; never starts one. */
  peek(orgKey: string): OrgIndex | undefined {
    return this.settled.get(orgKey);
  }

  /** How many syncs were started (for tests and benchmarks). */
  get started(): number {
    return this.entries.size;
  }
}
