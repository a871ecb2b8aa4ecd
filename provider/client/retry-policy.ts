import type { JumpCloudError } from "../errors";

export interface RetryPolicyOptions {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** The most a request may spend sleeping between attempts, in total. */
  maxRetryWaitMs: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A number in [0, 1); injected so tests are deterministic. */
  random?: () => number;
}

/**
 * Which failures are worth another attempt, and how long to wait first. Only throttling (429), transient server
 * errors (500, 502, 503, 504), connection resets and timeouts are retried: a 400, 401, 403, 404 or 409 will give
 * the same answer again, and retrying a 401 only delays the message the user needs.
 */
export class RetryPolicy {
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;

  constructor(private readonly options: RetryPolicyOptions) {
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  static isRetryable(error: JumpCloudError): boolean {
    if (error.code === "rate_limited" || error.code === "timeout") return true;
    if (error.code === "network") return error.status === undefined && isTransientNetworkError(error.cause);
    return error.code === "unavailable" && [500, 502, 503, 504].includes(error.status ?? 0);
  }

  /**
   * The wait before attempt `attempt + 1`, or undefined to give up. `retryAfterMs` (from a Retry-After header) is
   * honoured as given; otherwise exponential backoff with full jitter over the upper half of the window, so
   * concurrent requests refused together do not come back together.
   */
  delayBeforeNext(attempt: number, waitedMs: number, retryAfterMs: number | undefined): number | undefined {
    if (attempt >= this.options.maxAttempts) return undefined;
    const window = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    const delay = retryAfterMs ?? Math.round(window / 2 + (this.random() * window) / 2);
    if (waitedMs + delay > this.options.maxRetryWaitMs) return undefined;
    return delay;
  }
}

const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** A connection reset or dropped socket; a refused connection or a DNS failure is not transient. */
export function isTransientNetworkError(cause: unknown): boolean {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
