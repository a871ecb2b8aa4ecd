import { describe, expect, it } from "vitest";
import { generateSyntheticOrg, startEmulator } from "../../emulator";
import { OrgStore } from "../../emulator/org-store";
import { client } from "./fixtures";

describe("synthetic orgs", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const options = {
      users: 200,
      groups: 20,
      apps: 5,
      admins: 6,
      membersPerGroup: 15,
      groupsPerApp: 3,
      usersPerApp: 4,
    };
    const a = generateSyntheticOrg({ ...options, seed: 7 });
    expect(generateSyntheticOrg({ ...options, seed: 7 })).toEqual(a);
    expect(generateSyntheticOrg({ ...options, seed: 8 }).groups).not.toEqual(a.groups);
    expect(a.users).toHaveLength(200);
    expect(a.groups?.every((g) => g.members?.length === 15 && new Set(g.members).size === 15)).toBe(true);
    expect(a.applications?.every((app) => app.groups?.length === 3 && app.users?.length === 4)).toBe(true);
    expect(a.admins?.filter((admin) => admin.roles.length === 2)).toHaveLength(1);
  });

  it("spreads zipf members over a few large groups and many small ones", () => {
    const org = generateSyntheticOrg({
      users: 1000,
      groups: 100,
      apps: 0,
      admins: 0,
      membersPerGroup: 20,
      distribution: "zipf",
    });
    const sizes = (org.groups ?? []).map((g) => g.members?.length ?? 0);
    expect(sizes[0]).toBeGreaterThan(300);
    expect(sizes[99]).toBeLessThan(10);
    expect(sizes.every((s) => s >= 1)).toBe(true);
  });

  it("builds the 50,000-user org with 5,000 groups and 250,000 memberships and serves it", async () => {
    const emulator = await startEmulator({
      synthetic: { users: 50_000, groups: 5_000, apps: 100, admins: 20, membersPerGroup: 50, groupsPerApp: 5, seed: 1 },
    });
    try {
      const api = client(emulator.url, emulator.apiKey);
      const users = await api("GET", "/api/systemusers?limit=100&skip=49950&sort=_id");
      expect(users.json.totalCount).toBe(50_000);
      expect(users.json.results).toHaveLength(50);
      const groups = await api("GET", "/api/v2/usergroups?limit=100&skip=4900");
      expect(groups.headers.get("x-total-count")).toBe("5000");
      const snap = emulator.snapshot();
      expect(snap.groups.reduce((n, g) => n + g.members.length, 0)).toBe(250_000);
    } finally {
      await emulator.stop();
    }
  });

  it("derives distinct ids for every object of a 50,000-user org", () => {
    const spec = generateSyntheticOrg({
      users: 50_000,
      groups: 5_000,
      apps: 100,
      admins: 20,
      membersPerGroup: 1,
      seed: 9,
    });
    const store = new OrgStore(spec);
    const ids = new Set([...store.userById.keys(), ...store.groupById.keys(), ...store.applicationById.keys()]);
    expect(ids.size).toBe(55_100);
    expect([...ids].every((id) => /^[0-9a-f]{24}$/.test(id))).toBe(true);
  });

  it("rejects impossible options with the option's name", () => {
    expect(() => generateSyntheticOrg({ users: -1, groups: 0, apps: 0, admins: 0, membersPerGroup: 0 })).toThrow(
      "Synthetic org option users must be a non-negative integer, got -1.",
    );
    expect(() =>
      generateSyntheticOrg({ users: 1, groups: 1, apps: 1, admins: 0, membersPerGroup: 1, groupsPerApp: 2 }),
    ).toThrow(/groupsPerApp \(2\) exceeds groups \(1\)/);
  });
});
