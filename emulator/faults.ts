import { mulberry32 } from "./mulberry32";
import type { FaultSettings } from "./types";

export const DEFAULT_FAULTS: FaultSettings = {
  latencyMs: 0,
  rateLimitPerSecond: 0,
  rateLimitBurst: 0,
  retryAfter: true,
  errorRate: 0,
  resetRate: 0,
  visibilityDelayMs: 0,
  seed: 1,
  unstableGraphOrder: false,
};

export type FaultDecision =
  /** `orderDie` (0..1) picks where an unstable graph listing starts. */
  | { kind: "none"; orderDie: number }
  | { kind: "reset" }
  | { kind: "rate-limited"; retryAfterSeconds: number | null }
  | { kind: "error"; status: 500 | 502 | 503 };

const ERROR_STATUSES = [500, 502, 503] as const;

function check(settings: FaultSettings): void {
  const fraction = (name: keyof FaultSettings) => {
    const v = settings[name] as number;
    if (!(v >= 0 && v <= 1)) throw new Error(`Emulator fault setting ${name} must be between 0 and 1, got ${v}.`);
  };
  const nonNegative = (name: keyof FaultSettings) => {
    const v = settings[name] as number;
    if (!(Number.isFinite(v) && v >= 0)) throw new Error(`Emulator fault setting ${name} must be >= 0, got ${v}.`);
  };
  fraction("errorRate");
  fraction("resetRate");
  nonNegative("latencyMs");
  nonNegative("rateLimitPerSecond");
  nonNegative("rateLimitBurst");
  nonNegative("visibilityDelayMs");
  if (!Number.isInteger(settings.seed))
    throw new Error(`Emulator fault setting seed must be an integer, got ${settings.seed}.`);
  if (typeof settings.retryAfter !== "boolean") throw new Error("Emulator fault setting retryAfter must be a boolean.");
  if (settings.unstableGraphOrder !== undefined && typeof settings.unstableGraphOrder !== "boolean") {
    throw new Error("Emulator fault setting unstableGraphOrder must be a boolean.");
  }
}

/**
 * Decides, per API request and in arrival order, whether the request is reset, throttled or failed. Every request
 * draws the same number of random values whatever the settings, so a given seed always faults the same requests.
 * The token bucket runs on the injected clock.
 */
export class FaultInjector {
  private settings: FaultSettings;
  private random: () => number;
  private tokens: number;
  private refilledAt: number | null = null;

  constructor(initial: Partial<FaultSettings> = {}) {
    this.settings = { ...DEFAULT_FAULTS, ...initial };
    check(this.settings);
    this.random = mulberry32(this.settings.seed);
    this.tokens = this.capacity();
  }

  current(): FaultSettings {
    return { ...this.settings };
  }

  /** Changes settings at run time. A new seed restarts the dice; a new rate or burst refills the bucket. */
  update(changes: Partial<FaultSettings>): void {
    const next = { ...this.settings, ...changes };
    check(next);
    const reseed = changes.seed !== undefined;
    const refill = changes.rateLimitPerSecond !== undefined || changes.rateLimitBurst !== undefined;
    this.settings = next;
    if (reseed) this.random = mulberry32(next.seed);
    if (refill) {
      this.tokens = this.capacity();
      this.refilledAt = null;
    }
  }

  private capacity(): number {
    const { rateLimitBurst, rateLimitPerSecond } = this.settings;
    return rateLimitBurst > 0 ? rateLimitBurst : Math.max(1, rateLimitPerSecond);
  }

  private takeToken(now: number): number | null {
    const rate = this.settings.rateLimitPerSecond;
    if (rate <= 0) return null;
    const capacity = this.capacity();
    if (this.refilledAt !== null)
      this.tokens = Math.min(capacity, this.tokens + ((now - this.refilledAt) / 1000) * rate);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / rate));
  }

  decide(now: number): FaultDecision {
    const resetDie = this.random();
    const errorDie = this.random();
    const statusDie = this.random();
    const orderDie = this.random();
    if (resetDie < this.settings.resetRate) return { kind: "reset" };
    const wait = this.takeToken(now);
    if (wait !== null) return { kind: "rate-limited", retryAfterSeconds: this.settings.retryAfter ? wait : null };
    if (errorDie < this.settings.errorRate) {
      return { kind: "error", status: ERROR_STATUSES[Math.floor(statusDie * 3)] ?? 503 };
    }
    return { kind: "none", orderDie };
  }
}
