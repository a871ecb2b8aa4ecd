import type { RequestLogEntry } from "./types";

/**
 * The request log and counters. Entries hold method, path, query, route, status and org: never headers, so never the
 * key. The log keeps the newest `limit` entries (a 50,000-user sync makes hundreds of thousands); counts are exact.
 */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private byRoute = new Map<string, number>();
  private byStatus = new Map<string, number>();
  private total = 0;

  constructor(private readonly limit: number) {}

  record(entry: RequestLogEntry): void {
    this.total++;
    this.byRoute.set(entry.route, (this.byRoute.get(entry.route) ?? 0) + 1);
    const status = String(entry.status);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    this.entries.push(entry);
    if (this.entries.length > this.limit * 2) this.entries = this.entries.slice(-this.limit);
  }

  list(): RequestLogEntry[] {
    return this.entries.slice(-this.limit).map((e) => ({ ...e }));
  }

  counts(): { byRoute: Record<string, number>; byStatus: Record<string, number>; total: number } {
    return {
      byRoute: Object.fromEntries([...this.byRoute].sort(([a], [b]) => (a < b ? -1 : 1))),
      byStatus: Object.fromEntries([...this.byStatus].sort(([a], [b]) => (a < b ? -1 : 1))),
      total: this.total,
    };
  }

  clear(): void {
    this.entries = [];
    this.byRoute.clear();
    this.byStatus.clear();
    this.total = 0;
  }
}
