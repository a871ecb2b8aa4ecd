import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, type OrgSpec, startEmulator } from "../../emulator";
import { client } from "./fixtures";

const SIZES = [0, 1, 99, 100, 101, 250];

/** One org per size: that many users, all in group "g"; plus a 250-user org for the limit checks. */
function orgOf(size: number): OrgSpec {
  const users = Array.from({ length: size }, (_, i) => ({ email: `u${String(i).padStart(3, "0")}@paging.example` }));
  return { name: `Paging ${size}`, users, groups: [{ name: "g", members: users.map((u) => u.email) }] };
}

describe("paging", () => {
  const emulators = new Map<number, EmulatorHandle>();
  let clamping: EmulatorHandle;

  beforeAll(async () => {
    for (const size of SIZES) emulators.set(size, await startEmulator({ org: orgOf(size) }));
    clamping = await startEmulator({ org: orgOf(250), overLimit: "clamp" });
  });
  afterAll(async () => {
    for (const e of emulators.values()) await e.stop();
    await clamping.stop();
  });

  for (const size of SIZES) {
    it(`pages ${size} system users (v1) with limit=100, skip and sort=_id: every one exactly once`, async () => {
      const e = emulators.get(size)!;
      const api = client(e.url, e.apiKey);
      const seen: string[] = [];
      const pageSizes: number[] = [];
      for (let skip = 0; ; skip += 100) {
        const page = await api("GET", `/api/systemusers?limit=100&skip=${skip}&sort=_id`);
        expect(page.status).toBe(200);
        expect(page.json.totalCount).toBe(size);
        pageSizes.push(page.json.results.length);
        seen.push(...page.json.results.map((u: { _id: string }) => u._id));
        if (page.json.results.length < 100) break;
      }
      expect(seen).toHaveLength(size);
      expect(new Set(seen).size).toBe(size);
      expect([...seen].sort()).toEqual(seen);
      expect(pageSizes).toEqual(
        Array.from({ length: Math.floor(size / 100) + 1 }, (_, i) => Math.min(100, size - i * 100)),
      );
    });

    it(`pages ${size} group members (v2) with x-total-count: every one exactly once`, async () => {
      const e = emulators.get(size)!;
      const api = client(e.url, e.apiKey);
      const [group] = (await api("GET", "/api/v2/usergroups")).json;
      const seen: string[] = [];
      for (let skip = 0; ; skip += 100) {
        const page = await api("GET", `/api/v2/usergroups/${group.id}/members?limit=100&skip=${skip}`);
        expect(page.status).toBe(200);
        expect(page.headers.get("x-total-count")).toBe(String(size));
        seen.push(...page.json.map((m: { to: { id: string } }) => m.to.id));
        if (page.json.length < 100) break;
      }
      expect(new Set(seen).size).toBe(size);
      expect(seen).toHaveLength(size);
    });
  }

  it("serves 10 items when no limit is given", async () => {
    const e = emulators.get(250)!;
    const api = client(e.url, e.apiKey);
    expect((await api("GET", "/api/systemusers")).json.results).toHaveLength(10);
    const [group] = (await api("GET", "/api/v2/usergroups")).json;
    expect((await api("GET", `/api/v2/usergroups/${group.id}/members`)).json).toHaveLength(10);
  });

  it("answers limit=101 with 400 by default, on v1 and v2", async () => {
    const e = emulators.get(250)!;
    const api = client(e.url, e.apiKey);
    const v1 = await api("GET", "/api/systemusers?limit=101");
    expect(v1.status).toBe(400);
    expect(v1.json.message).toBe("limit must be between 1 and 100, got 101");
    expect((await api("GET", "/api/v2/usergroups?limit=101")).status).toBe(400);
    expect((await api("GET", "/api/systemusers?limit=100")).status).toBe(200);
  });

  it("clamps limit=101 to 100 when the emulator is set to clamp", async () => {
    const api = client(clamping.url, clamping.apiKey);
    const page = await api("GET", "/api/systemusers?limit=101");
    expect(page.status).toBe(200);
    expect(page.json.results).toHaveLength(100);
    expect(page.json.totalCount).toBe(250);
  });

  it("rejects a malformed limit or skip and serves an empty page past the end", async () => {
    const e = emulators.get(250)!;
    const api = client(e.url, e.apiKey);
    expect((await api("GET", "/api/systemusers?limit=ten")).status).toBe(400);
    expect((await api("GET", "/api/systemusers?skip=-1")).status).toBe(400);
    expect((await api("GET", "/api/systemusers?limit=0")).status).toBe(400);
    const past = await api("GET", "/api/systemusers?limit=100&skip=300");
    expect(past.json).toEqual({ totalCount: 250, results: [] });
  });

  it("sorts v1 descending with '-' and several space-separated keys, v2 with comma-separated keys", async () => {
    const e = emulators.get(101)!;
    const api = client(e.url, e.apiKey);
    const desc = (await api("GET", "/api/systemusers?limit=100&sort=-email%20_id")).json.results.map(
      (u: { email: string }) => u.email,
    );
    expect(desc[0]).toBe("u100@paging.example");
    expect([...desc].sort().reverse()).toEqual(desc);
    const fields = (await api("GET", "/api/systemusers?limit=1&fields=email")).json.results[0];
    expect(Object.keys(fields).sort()).toEqual(["_id", "email"]);
    const group = (await api("GET", "/api/v2/usergroups?fields=name&sort=-name,id")).json[0];
    expect(Object.keys(group).sort()).toEqual(["id", "name"]);
  });
});
