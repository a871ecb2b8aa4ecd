import { afterEach, describe, expect, it } from "vitest";
import { type EmulatorHandle, type EmulatorOptions, startEmulator } from "../../emulator";
import { isLoopback } from "../../emulator/control-routes";
import { client, SMALL_ORG } from "./fixtures";

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe("faults and timing", () => {
  let emulator: EmulatorHandle | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  async function start(options: EmulatorOptions) {
    emulator = await startEmulator({ org: SMALL_ORG, ...options });
    return { emulator, api: client(emulator.url, emulator.apiKey) };
  }

  /** Status of each of n sequential requests; 0 for a reset connection. */
  async function statuses(url: string, key: string, n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      try {
        const response = await fetch(`${url}/api/v2/roles`, { headers: { "x-api-key": key } });
        await response.arrayBuffer();
        out.push(response.status);
      } catch {
        out.push(0);
      }
    }
    return out;
  }

  it("throttles with a token bucket and answers 429 with Retry-After", async () => {
    const clock = manualClock();
    const { api } = await start({ clock: clock.now, faults: { rateLimitPerSecond: 2, rateLimitBurst: 2 } });
    expect((await api("GET", "/api/v2/roles")).status).toBe(200);
    expect((await api("GET", "/api/v2/roles")).status).toBe(200);
    const limited = await api("GET", "/api/v2/roles");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.json.message).toBe("Too Many Requests");
    clock.advance(500);
    expect((await api("GET", "/api/v2/roles")).status).toBe(200);
    expect((await api("GET", "/api/v2/roles")).status).toBe(429);
  });

  it("answers 429 without Retry-After when so configured", async () => {
    const clock = manualClock();
    const { api } = await start({ clock: clock.now, faults: { rateLimitPerSecond: 1, retryAfter: false } });
    expect((await api("GET", "/api/v2/roles")).status).toBe(200);
    const limited = await api("GET", "/api/v2/roles");
    expect(limited.status).toBe(429);
    expect(limited.headers.has("retry-after")).toBe(false);
  });

  it("fails about the configured fraction with 500, 502 and 503, the same requests for the same seed", async () => {
    const { emulator: first } = await start({ faults: { errorRate: 0.3, seed: 42 } });
    const a = await statuses(first.url, first.apiKey, 200);
    await first.stop();
    const { emulator: second } = await start({ faults: { errorRate: 0.3, seed: 42 } });
    const b = await statuses(second.url, second.apiKey, 200);
    expect(b).toEqual(a);
    const failed = a.filter((s) => s >= 500);
    expect(failed.length).toBeGreaterThan(40);
    expect(failed.length).toBeLessThan(80);
    expect(new Set(failed)).toEqual(new Set([500, 502, 503]));
    expect(a.filter((s) => s !== 200 && s < 500)).toEqual([]);
    second.setFaults({ seed: 43 });
    expect(await statuses(second.url, second.apiKey, 200)).not.toEqual(a);
  });

  it("resets connections without an answer, deterministically, and logs them with status 0", async () => {
    const { emulator: first } = await start({ faults: { resetRate: 0.25, seed: 7 } });
    const a = await statuses(first.url, first.apiKey, 40);
    expect(a.filter((s) => s === 0).length).toBeGreaterThan(3);
    expect(a.filter((s) => s === 0).length).toBeLessThan(20);
    expect(first.requestLog().map((e) => e.status)).toEqual(a);
    first.setFaults({ seed: 7 });
    first.clearRequestLog();
    expect(await statuses(first.url, first.apiKey, 40)).toEqual(a);
  });

  it("hides a graph write from reads until the visibility delay has passed, but validates against it at once", async () => {
    const clock = manualClock();
    const { emulator: e, api } = await start({ clock: clock.now, faults: { visibilityDelayMs: 1000 } });
    const group = (await api("GET", "/api/v2/usergroups?filter=name:eq:empty")).json[0];
    const alice = (await api("GET", "/api/systemusers?filter=email:$eq:alice@test.example")).json.results[0];
    const members = () => api("GET", `/api/v2/usergroups/${group.id}/members`);
    const add = { op: "add", type: "user", id: alice._id };
    expect((await api("POST", `/api/v2/usergroups/${group.id}/members`, add)).status).toBe(204);
    expect((await members()).json).toEqual([]);
    expect((await api("POST", `/api/v2/usergroups/${group.id}/members`, add)).status).toBe(409);
    expect(e.snapshot().groups.find((g) => g.name === "empty")?.members).toEqual(["alice@test.example"]);
    clock.advance(999);
    expect((await members()).json).toEqual([]);
    clock.advance(1);
    expect((await members()).json).toEqual([
      { attributes: null, to: { attributes: null, id: alice._id, type: "user" } },
    ]);
    expect((await api("GET", `/api/v2/users/${alice._id}/memberof`)).json.map((g: { id: string }) => g.id)).toContain(
      group.id,
    );
  });

  it("waits the configured latency on every API request, not on control requests", async () => {
    const waits: number[] = [];
    const { emulator: e, api } = await start({
      faults: { latencyMs: 20 },
      sleep: async (ms) => void waits.push(ms),
    });
    await api("GET", "/api/v2/roles");
    await api("GET", "/api/systemusers");
    await fetch(`${e.url}/__emulator/faults`);
    expect(waits).toEqual([20, 20]);
  });

  it("changes faults at run time through the control route and rejects impossible settings", async () => {
    const clock = manualClock();
    const { emulator: e, api } = await start({ clock: clock.now });
    const put = await fetch(`${e.url}/__emulator/faults`, {
      method: "PUT",
      body: JSON.stringify({ rateLimitPerSecond: 1, retryAfter: false }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ rateLimitPerSecond: 1, retryAfter: false, errorRate: 0 });
    expect((await api("GET", "/api/v2/roles")).status).toBe(200);
    expect((await api("GET", "/api/v2/roles")).status).toBe(429);
    const bad = await fetch(`${e.url}/__emulator/faults`, { method: "PUT", body: JSON.stringify({ errorRate: 2 }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ message: "Emulator fault setting errorRate must be between 0 and 1, got 2." });
    expect(() => e.setFaults({ latencyMs: -1 })).toThrow("latencyMs must be >= 0");
  });

  it("reorders graph listings on every request when graph order is unstable, so skip paging can repeat or miss", async () => {
    const users = Array.from({ length: 250 }, (_, i) => ({ email: `u${i}@order.example` }));
    const org = { name: "Order", users, groups: [{ name: "big", members: users.map((u) => u.email) }] };
    const pageAll = async (e: EmulatorHandle) => {
      const api = client(e.url, e.apiKey);
      const [group] = (await api("GET", "/api/v2/usergroups")).json;
      const seen: string[] = [];
      for (let skip = 0; skip < 250; skip += 100) {
        const page = await api("GET", `/api/v2/usergroups/${group.id}/members?limit=100&skip=${skip}`);
        expect(page.headers.get("x-total-count")).toBe("250");
        seen.push(...page.json.map((m: { to: { id: string } }) => m.to.id));
      }
      return seen;
    };
    emulator = await startEmulator({ org, faults: { unstableGraphOrder: true, seed: 5 } });
    const first = await pageAll(emulator);
    expect(first).toHaveLength(250);
    expect(new Set(first).size).toBeLessThan(250);
    emulator.setFaults({ seed: 5 });
    expect(await pageAll(emulator)).toEqual(first);
    emulator.setFaults({ unstableGraphOrder: false });
    expect(new Set(await pageAll(emulator)).size).toBe(250);
  });

  it("answers control routes only to loopback peers", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopback("10.0.0.5")).toBe(false);
    expect(isLoopback("::ffff:192.168.1.4")).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
});
