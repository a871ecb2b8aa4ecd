import { describe, expect, it } from "vitest";
import { KeyedLock } from "../../../provider/resources/keyed-lock";
import { SyncCache } from "../../../provider/resources/sync-cache";
import { VisibilityWaiter } from "../../../provider/resources/visibility";
import { handGraph } from "./graph-fixture";

/** A virtual clock: sleeping advances time at once, so waits cost nothing and bounds are exact. */
function virtualTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
      await Promise.resolve();
    },
  };
}

describe("sync cache", () => {
  it("shares one in-flight sync per organization among parallel callers and keeps a failure for the process", async () => {
    const loads: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const cache = new SyncCache(async (org) => {
      loads.push(org);
      await gate;
      if (org === "broken") throw new Error("listing incomplete");
      return handGraph();
    });
    const waiting = Promise.all([cache.get(""), cache.get(""), cache.get("aa"), cache.get("")]);
    expect(cache.peek("")).toBeUndefined();
    release();
    const [a, b, c, d] = await waiting;
    expect(a).toBe(b);
    expect(a).toBe(d);
    expect(c).not.toBe(a);
    expect(cache.peek("")).toBe(a);
    expect(loads).toEqual(["", "aa"]);
    await expect(cache.get("broken")).rejects.toThrow("listing incomplete");
    await expect(cache.get("broken")).rejects.toThrow("listing incomplete");
    expect(loads).toEqual(["", "aa", "broken"]);
  });
});

describe("keyed lock", () => {
  it("runs tasks of one key one at a time in call order, other keys alongside, and survives a failing task", async () => {
    const events: string[] = [];
    const lock = new KeyedLock();
    const task =
      (name: string, fail = false) =>
      async () => {
        events.push(`start ${name}`);
        await Promise.resolve();
        await Promise.resolve();
        events.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      lock.run("admin-1", task("a1", true)),
      lock.run("admin-1", task("a2")),
      lock.run("admin-2", task("b1")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(events.indexOf("end a1")).toBeLessThan(events.indexOf("start a2"));
    expect(events.indexOf("start b1")).toBeLessThan(events.indexOf("end a1"));
  });
});

describe("visibility waiter", () => {
  it("shares listings among waiters on one parent and resolves each when a later listing agrees", async () => {
    const time = virtualTime();
    const waiter = new VisibilityWaiter({ ...time, timeoutMs: 10_000, initialIntervalMs: 50, maxIntervalMs: 400 });
    let visible: string[] = [];
    let listings = 0;
    const list = async () => {
      listings++;
      if (listings === 2) visible = ["u1", "u2"];
      return visible;
    };
    const results = await Promise.all([
      waiter.waitFor("group-1", list, "u1", true),
      waiter.waitFor("group-1", list, "u2", true),
      waiter.waitFor("group-1", list, "gone", false),
    ]);
    expect(results).toEqual([true, true, true]);
    expect(listings).toBe(2);
    expect(time.sleeps).toEqual([50, 100]);
  });

  it("gives up at the bound (the write itself succeeded) and retries a failing listing", async () => {
    const time = virtualTime();
    const waiter = new VisibilityWaiter({ ...time, timeoutMs: 1_000, initialIntervalMs: 100, maxIntervalMs: 400 });
    let calls = 0;
    const list = async () => {
      calls++;
      if (calls === 1) throw new Error("502");
      return [] as string[];
    };
    expect(await waiter.waitFor("group-2", list, "u1", true)).toBe(false);
    expect(time.sleeps).toEqual([100, 200, 400, 400]);
    expect(time.now()).toBeGreaterThanOrEqual(1_000);
    expect(waiter.listings).toBe(4);
  });
});
