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
} as const;
