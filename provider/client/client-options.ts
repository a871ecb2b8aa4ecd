import type { Clock } from "./clock";

/** Everything a `JumpCloudClient` needs. Build it with `resolveClientOptions()` (provider/config.ts). */
export interface ClientOptions {
  /** Sent as `x-api-key`; registered as a secret so no message can carry it. */
  apiKey: string;
  /** Console base URL without `/api`, e.g. https://console.jumpcloud.com. */
  apiUrl: string;
  /** Sent as `x-org-id`: required for multi-tenant (MSP) keys. */
  orgId?: string | undefined;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Request starts per second, evenly spaced; 0 = no rate cap. */
  requestsPerSecond?: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  /** Longest total wait between attempts of one request. */
  maxRetryWaitMs?: number;
  /** Per attempt: the whole answer must arrive within this time. */
  timeoutMs?: number;
  /**
   * The most items one list may hold (users, or the members of one group). A list announced or read longer than
   * this is an error naming the list, never an unbounded read or a large allocation.
   */
  maxListItems?: number;
  /**
   * Send the key to an https host outside *.jumpcloud.com (a proxy of your own). Without it the client refuses any
   * host but JumpCloud's and this machine's (see api-url.ts): a mistyped or injected URL must not receive the key.
   */
  allowNonJumpCloudHost?: boolean;
  clock?: Clock;
  /** In [0, 1), for retry jitter. */
  random?: () => number;
  /** Debug lines: method, path, status, duration. Never headers or bodies. */
  log?: (line: string) => void;
}

/**
 * Conservative defaults: JumpCloud publishes no rate limits, and one stack's refresh should not starve the console
 * of the people using it. Large orgs raise `concurrency` (the benchmarks use 16 with no rate cap).
 */
export const DEFAULT_TUNING = {
  concurrency: 4,
  requestsPerSecond: 20,
  maxAttempts: 6,
  maxRetryWaitMs: 120_000,
  timeoutMs: 30_000,
  /** Ten times JumpCloud's largest organizations (about 100,000 users), as memberships of one group or users. */
  maxListItems: 1_000_000,
} as const;
