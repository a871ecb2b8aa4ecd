import { afterEach, describe, expect, it } from "vitest";
import type { OrgSpec } from "../../../emulator/types";
import { fullSync } from "../../../provider/sync/full-sync";
import { startSync } from "./sync-harness";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** n of every kind; the first group holds every user, the first app is assigned to every user and every group. */
function orgOf(n: number): OrgSpec {
  const emails = Array.from({ length: n }, (_, i) => `user${i}@example.com`);
  const groupNames = Array.from({ length: n }, (_, i) => `group-${i}`);
  return {
    name: `paging-${n}`,
    users: emails.map((email) => ({ email })),
    admins: Array.from({ length: n }, (_, i) => ({ email: `admin${i}@example.com`, roles: ["Read Only"] })),
    customRoles: Array.from({ length: Math.max(0, n - 8) }, (_, i) => `custom-${i}`),
    groups: groupNames.map((name, i) => ({ name, members: i === 0 ? emails : [] })),
    applications: Array.from({ length: n }, (_, i) => ({
      name: `app-${i}`,
      users: i === 0 ? emails : [],
      groups: i === 0 ? groupNames : [],
    })),
  };
}

/** Pages the paginator reads for n items: one per 100, and one empty page after an exactly full last page. */
const pages = (n: number) => (n === 0 ? 1 : Math.ceil(n / 100) + (n % 100 === 0 ? 1 : 0));

describe("paging through every list kind", () => {
  it.each([0, 1, 99, 100, 101, 250])("syncs an org with %i of everything, completely", async (n) => {
    const { emulator, client } = await startSync({ org: orgOf(n) }, { concurrency: 16 }, cleanups);
    const graph = await fullSync(client);

    expect(graph.users).toHaveLength(n);
    expect(graph.admins).toHaveLength(n);
    expect(graph.roles).toHaveLength(Math.max(8, n));
    expect(graph.groups).toHaveLength(n);
    expect(graph.applications).toHaveLength(n);
    expect(graph.memberships).toHaveLength(n);
    expect(graph.applicationAssignments).toHaveLength(2 * n);
    expect(graph.adminRoles).toHaveLength(n);
    // Every user reaches app-0 directly and through group-0.
    expect(graph.effectiveAccess).toHaveLength(n);
    expect(graph.effectiveAccess.every((e) => e.paths.length === 2)).toBe(true);

    const perList = new Map<string, number>();
    for (const entry of emulator.requestLog()) {
      expect(entry.status).toBe(200);
      const query = new URLSearchParams(entry.query);
      expect(query.get("limit")).toBe("100");
      query.delete("skip");
      const key = `${entry.path}?${query}`;
      perList.set(key, (perList.get(key) ?? 0) + 1);
    }
    const read = (prefix: string) => [...perList].filter(([key]) => key.startsWith(prefix)).map(([, count]) => count);
    expect(read("/api/systemusers?")).toEqual([pages(n)]);
    expect(read("/api/users?")).toEqual([pages(n)]);
    expect(read("/api/v2/roles?")).toEqual([pages(Math.max(8, n))]);
    expect(read("/api/v2/usergroups?")).toEqual([pages(n)]);
    expect(read("/api/applications?")).toEqual([pages(n)]);
    const members = read("/api/v2/usergroups/").sort((a, b) => b - a);
    expect(members).toEqual(n === 0 ? [] : [pages(n), ...Array(n - 1).fill(1)]);
    const assignments = read("/api/v2/applications/").sort((a, b) => b - a);
    expect(assignments).toEqual(n === 0 ? [] : [pages(2 * n), ...Array(n - 1).fill(1)]);
  });
});
