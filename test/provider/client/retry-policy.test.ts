import { describe, expect, it } from "vitest";
import { isTransientNetworkError, parseRetryAfter, RetryPolicy } from "../../../provider/client/retry-policy";
import { JumpCloudError } from "../../../provider/errors";

describe("RetryPolicy", () => {
  const policy = new RetryPolicy({ maxAttempts: 5, maxRetryWaitMs: 10_000, random: () => 0 });

  it("retries throttling, transient server errors, resets and timeouts, and nothing else", () => {
    const err = (code: ConstructorParameters<typeof JumpCloudError>[0], status?: number, cause?: unknown) =>
      new JumpCloudError(code, "x", { ...(status ? { status } : {}), cause });
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(RetryPolicy.isRetryable(err("rate_limited", 429))).toBe(true);
    for (const status of [500, 502, 503, 504]) expect(RetryPolicy.isRetryable(err("unavailable", status))).toBe(true);
    expect(RetryPolicy.isRetryable(err("unavailable", 501))).toBe(false);
    expect(RetryPolicy.isRetryable(err("timeout"))).toBe(true);
    expect(RetryPolicy.isRetryable(err("network", undefined, reset))).toBe(true);
    expect(RetryPolicy.isRetryable(err("network", undefined, refused))).toBe(false);
    for (const [code, status] of [
      ["bad_request", 400],
      ["unauthorized", 401],
      ["forbidden", 403],
      ["not_found", 404],
      ["conflict", 409],
    ] as const) {
      expect(RetryPolicy.isRetryable(err(code, status))).toBe(false);
    }
  });

  it("doubles the backoff window, caps the attempts and the total wait", () => {
    expect([1, 2, 3, 4].map((attempt) => policy.delayBeforeNext(attempt, 0, undefined))).toEqual([
      250, 500, 1000, 2000,
    ]);
    expect(policy.delayBeforeNext(5, 0, undefined)).toBeUndefined();
    expect(policy.delayBeforeNext(1, 9_900, undefined)).toBeUndefined();
    expect(policy.delayBeforeNext(1, 0, 4_000)).toBe(4_000);
    expect(policy.delayBeforeNext(1, 7_000, 4_000)).toBeUndefined();
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-03-01T12:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2_000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Sun, 01 Mar 2026 12:00:07 GMT", now)).toBe(7_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it("finds a transient code anywhere in the cause chain", () => {
    const inner = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    expect(isTransientNetworkError(new Error("fetch failed", { cause: inner }))).toBe(true);
    expect(isTransientNetworkError(new Error("nope"))).toBe(false);
  });
});
