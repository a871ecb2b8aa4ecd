import { afterEach, describe, expect, it } from "vitest";
import type { FaultSettings, OrgSpec } from "../../../emulator/types";
import { generateSyntheticOrg } from "../../../emulator";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import { JumpCloudError } from "../../../provider/errors";
import { fullSync } from "../../../provider/sync/full-sync";
import { content, startSync } from "./sync-harness";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ORG: OrgSpec = generateSyntheticOrg({
  users: 320,
  groups: 12,
  apps: 6,
  admins: 4,
  membersPerGroup: 40,
  groupsPerApp: 2,
  usersPerApp: 3,
  seed: 7,
});

async function baseline() {
  const { client } = await startSync({ org: ORG }, {}, cleanups);
  return content(await fullSync(client));
}

async function rejection(promise: Promise<unknown>): Promise<JumpCloudError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof JumpCloudError) return error;
  throw new Error(`expected a JumpCloudError, got ${String(error)}`);
}

describe("a sync under faults gives the same graph, or fails clearly", () => {
  const transient: Array<[string, Partial<FaultSettings>, string]> = [
    ["429 bursts with Retry-After", { rateLimitPerSecond: 20, rateLimitBurst: 4, retryAfter: true }, "429"],
    ["429 bursts without Retry-After", { rateLimitPerSecond: 20, rateLimitBurst: 4, retryAfter: false }, "429"],
    ["502s and other 5xx", { errorRate: 0.15, seed: 3 }, "5xx"],
    ["connection resets", { resetRate: 0.1, seed: 5 }, "0"],
  ];

  it.each(transient)("survives %s", async (_name, faults, status) => {
    const expected = await baseline();
    const { emulator, client, clock } = await startSync({ org: ORG, faults }, { maxAttempts: 10 }, cleanups);
    const graph = await fullSync(client);
    expect(content(graph)).toEqual(expected);
    const byStatus = emulator.requestCounts().byStatus;
    const seen =
      status === "5xx" ? (byStatus["500"] ?? 0) + (byStatus["502"] ?? 0) + (byStatus["503"] ?? 0) : byStatus[status];
    expect(seen ?? 0).toBeGreaterThan(0);
    expect(graph.sync?.retries).toBeGreaterThan(0);
    if (faults.retryAfter) expect(clock.sleeps.some((ms) => ms >= 1000 && ms % 1000 === 0)).toBe(true);
    if (faults.retryAfter === false) expect(clock.sleeps.every((ms) => ms % 1000 !== 0 || ms === 0)).toBe(true);
  });

  it("times out slow answers and fails with a timeout, not a short graph", async () => {
    const { client } = await startSync(
      { org: ORG, faults: { latencyMs: 300 } },
      { timeoutMs: 60, maxAttempts: 2 },
      cleanups,
    );
    const error = await rejection(fullSync(client));
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("within 60 ms");
  });

  it("fails on 401 without retrying, naming how to fix the key", async () => {
    const { emulator } = await startSync({ org: ORG, apiKey: "the-right-key-0123456789" }, {}, cleanups);
    const wrong = new JumpCloudClient({
      apiKey: "a-wrong-key-0123456789",
      apiUrl: emulator.url,
    });
    cleanups.push(() => wrong.close());
    const error = await rejection(fullSync(wrong));
    expect(error.code).toBe("unauthorized");
    expect(error.hint).toContain("JUMPCLOUD_API_KEY");
    const paths = emulator.requestLog().map((e) => `${e.path}?${e.query}`);
    expect(new Set(paths).size).toBe(paths.length);
    expect(emulator.requestLog().every((e) => e.status === 401)).toBe(true);
  });

  it("syncs one org of a multi-tenant key with x-org-id, and explains a missing one", async () => {
    const other: OrgSpec = { name: "Globex", users: [{ email: "hank@globex.example" }] };
    const { emulator, client } = await startSync({ org: { organizations: [ORG, other] } }, {}, cleanups);
    const missing = await rejection(fullSync(client));
    expect(missing.code).toBe("unauthorized");
    expect(missing.message).toContain("x-org-id");
    expect(missing.hint).toContain("JUMPCLOUD_ORG_ID");

    const globexId = emulator.orgIds[1]!;
    const scoped = new JumpCloudClient({ apiKey: emulator.apiKey, apiUrl: emulator.url, orgId: globexId });
    cleanups.push(() => scoped.close());
    emulator.clearRequestLog();
    const graph = await fullSync(scoped);
    expect(graph.org).toMatchObject({ id: globexId, name: "Globex" });
    expect(graph.users.map((u) => u.email)).toEqual(["hank@globex.example"]);
    // Requests of the first, failed sync may still land after the log was cleared: they are the 401s.
    const scopedLog = emulator.requestLog().filter((e) => e.path !== "/api/organizations" && e.status !== 401);
    expect(scopedLog.filter((e) => e.orgId !== globexId)).toEqual([]);
  });
});

describe("a list that changes while it is read", () => {
  const BIG: OrgSpec = {
    name: "changing",
    users: Array.from({ length: 160 }, (_, i) => ({ email: `u${i}@example.com` })),
    groups: [{ name: "big", members: Array.from({ length: 120 }, (_, i) => `u${i}@example.com`) }],
  };
  const MEMBERS = "GET /api/v2/usergroups/{id}/members";

  it("is read again, and the second, consistent reading is used", async () => {
    const { emulator, client } = await startSync({ org: BIG }, { concurrency: 1 }, cleanups);
    let changed = false;
    const graph = await fullSync(client, {
      onProgress: () => {
        if (changed || emulator.requestLog().at(-1)?.route !== MEMBERS) return;
        changed = true;
        emulator.outOfBand.addGroupMember("big", "u150@example.com");
      },
    });
    expect(graph.memberships).toHaveLength(121);
    expect(emulator.requestLog().filter((e) => e.route === MEMBERS)).toHaveLength(4);
  });

  it("fails with a clear error naming the group when it keeps changing, never with a short graph", async () => {
    const { emulator, client } = await startSync({ org: BIG }, { concurrency: 1 }, cleanups);
    let toggle = 0;
    const error = await rejection(
      fullSync(client, {
        onProgress: () => {
          if (emulator.requestLog().at(-1)?.route !== MEMBERS) return;
          const email = `u${140 + (toggle++ % 10)}@example.com`;
          emulator.outOfBand.addGroupMember("big", email);
        },
      }),
    );
    expect(error.code).toBe("incomplete_listing");
    expect(error.message).toContain('user group "big"');
    expect(error.message).toContain("changed while it was being read, twice in a row");
  });
});
