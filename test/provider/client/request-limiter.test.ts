import { describe, expect, it } from "vitest";
import { RequestLimiter } from "../../../provider/client/request-limiter";
import { fakeClock } from "./fake-api";

describe("RequestLimiter", () => {
  it("never runs more tasks at once than its cap", async () => {
    const limiter = new RequestLimiter(3, 0, fakeClock());
    let active = 0;
    let peak = 0;
    const task = async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setImmediate(resolve));
      active--;
    };
    await Promise.all(Array.from({ length: 20 }, () => limiter.run(task)));
    expect(peak).toBe(3);
  });

  it("spaces starts evenly at the rate cap", async () => {
    const clock = fakeClock(0);
    const limiter = new RequestLimiter(10, 4, clock);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 5 }, () => limiter.run(async () => starts.push(clock.now()))));
    expect(starts).toEqual([0, 250, 500, 750, 1000]);
  });

  it("does not let late timers push the whole schedule back", async () => {
    // Every sleep overshoots by 100 ms, as timers do on a loaded machine.
    let now = 0;
    const lateClock = {
      now: () => now,
      sleep: async (ms: number) => {
        now += ms + 100;
      },
    };
    const limiter = new RequestLimiter(1, 4, lateClock);
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) await limiter.run(async () => starts.push(now));
    // Without catching up: 0, 350, 700, 1050, 1400.
    expect(starts).toEqual([0, 350, 600, 850, 1100]);
  });

  it("holds new starts while paused after a 429", async () => {
    const clock = fakeClock(0);
    const limiter = new RequestLimiter(2, 0, clock);
    limiter.pause(2_000);
    const starts: number[] = [];
    await limiter.run(async () => starts.push(clock.now()));
    expect(starts).toEqual([2_000]);
  });

  it("keeps two clients independent", async () => {
    const clock = fakeClock(0);
    const a = new RequestLimiter(1, 1, clock);
    const b = new RequestLimiter(1, 1, clock);
    await a.run(async () => undefined);
    const started: number[] = [];
    await b.run(async () => started.push(clock.now()));
    expect(started).toEqual([0]);
  });
});
