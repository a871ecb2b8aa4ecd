import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { afterEach, describe, expect, it } from "vitest";
import { fullSync } from "../../../provider/sync/full-sync";
import type { AccessGraph } from "../../../provider/sync/graph";
import { graphToJson } from "../../../provider/sync/graph-json";
import { FIXTURE_ORG } from "./org-fixture";
import { startSync } from "./sync-harness";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const schema = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "..", "provider", "sync", "access-graph.schema.json"), "utf8"),
);

function lookup(graph: AccessGraph) {
  const user = (email: string) => graph.users.find((u) => u.email === email)!;
  const group = (name: string) => graph.groups.find((g) => g.name === name)!;
  const app = (name: string) => graph.applications.find((a) => a.name === name)!;
  return { user, group, app };
}

describe("fullSync", () => {
  it("builds the complete, sorted graph of an org", async () => {
    const { client } = await startSync({ org: FIXTURE_ORG }, {}, cleanups);
    const graph = await fullSync(client, { now: () => new Date("2026-03-01T12:00:00Z") });
    const { user, group, app } = lookup(graph);

    expect(graph.schemaVersion).toBe(1);
    expect(graph.generatedAt).toBe("2026-03-01T12:00:00.000Z");
    expect(graph.org).toMatchObject({ name: "Acme Corp", apiUrl: client.apiUrl });
    expect(graph.org.id).toMatch(/^[0-9a-f]{24}$/);

    expect(graph.users.map((u) => [u.email, u.state])).toEqual(
      expect.arrayContaining([
        ["alice@example.com", "active"],
        ["carol@example.com", "staged"],
        ["dave@example.com", "suspended"],
        ["erin@example.com", "locked"],
      ]),
    );
    expect(user("alice@example.com").displayName).toBe("Alice Liddell");
    expect(user("bob@example.com").username).toBe("bobby");

    // The user who is also an admin: two accounts, linked by email whatever its case, no profile copied.
    const aliceAdmin = graph.admins.find((a) => a.email === "Alice@Example.COM")!;
    expect(aliceAdmin.linkedUserId).toBe(user("alice@example.com").id);
    expect(aliceAdmin.roleNames).toEqual(["Administrator"]);
    expect(Object.keys(aliceAdmin).sort()).toEqual([
      "email",
      "id",
      "linkedUserId",
      "roleIds",
      "roleNames",
      "suspended",
    ]);
    // The admin-only, multi-role account with a custom role.
    const ops = graph.admins.find((a) => a.email === "ops@example.com")!;
    expect(ops.linkedUserId).toBeNull();
    expect([...ops.roleNames].sort()).toEqual(["Auditor", "Help Desk", "Read Only"]);
    expect(ops.roleIds).toEqual([...ops.roleIds].sort());
    expect(ops.roleIds.map((id) => graph.roles.find((r) => r.id === id)?.name)).toEqual(ops.roleNames);
    expect(graph.adminRoles.filter((g) => g.adminId === ops.id).map((g) => g.id)).toEqual(
      ops.roleIds.map((r) => `${ops.id}/${r}`),
    );
    expect(graph.roles.find((r) => r.name === "Auditor")?.builtIn).toBe(false);
    expect(graph.roles.filter((r) => r.builtIn)).toHaveLength(8);

    expect(group("sales").membershipMethod).toBe("DYNAMIC_AUTOMATED");
    expect(
      graph.memberships
        .filter((m) => m.groupId === group("sales").id)
        .map((m) => m.userId)
        .sort(),
    ).toEqual([user("alice@example.com").id, user("carol@example.com").id].sort());
    expect(graph.memberships.some((m) => m.groupId === group("empty").id)).toBe(false);
    expect(app("zoom")).toMatchObject({ label: "zoom", active: false });

    // Slack is assigned to alice directly and to engineering, of which she is a member: both paths are kept.
    const slackAlice = graph.effectiveAccess.find((e) => e.id === `${app("slack").id}/${user("alice@example.com").id}`);
    expect(slackAlice?.paths).toEqual([{ via: "direct" }, { via: "user_group", groupId: group("engineering").id }]);
    const slackBob = graph.effectiveAccess.find((e) => e.id === `${app("slack").id}/${user("bob@example.com").id}`);
    expect(slackBob?.paths).toEqual([{ via: "user_group", groupId: group("engineering").id }]);
    const githubAlice = graph.effectiveAccess.find(
      (e) => e.id === `${app("github").id}/${user("alice@example.com").id}`,
    );
    expect(githubAlice?.paths.map((p) => (p.via === "user_group" ? p.groupId : p.via))).toEqual(
      [group("engineering").id, group("sales").id].sort(),
    );
    expect(graph.applicationAssignments.map((a) => a.id)).toContain(
      `${app("slack").id}/user/${user("alice@example.com").id}`,
    );

    for (const list of [graph.users, graph.admins, graph.roles, graph.groups, graph.applications, graph.memberships]) {
      const ids = list.map((item) => item.id);
      expect(ids).toEqual([...ids].sort());
    }
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(graph), JSON.stringify(validate.errors)).toBe(true);
  });

  it("lists every collection once, each group's members once, each app's assignments once, and nothing per user", async () => {
    const { emulator, client } = await startSync({ org: FIXTURE_ORG }, {}, cleanups);
    const graph = await fullSync(client);
    const log = emulator.requestLog();
    const requests = log.map((e) => `${e.method} ${e.path}?${e.query}`);
    expect(new Set(requests).size).toBe(requests.length);
    const routes = log.map((e) => e.route);
    const count = (route: string) => routes.filter((r) => r === route).length;
    expect(count("GET /api/systemusers")).toBe(1);
    expect(count("GET /api/users")).toBe(1);
    expect(count("GET /api/v2/roles")).toBe(1);
    expect(count("GET /api/v2/usergroups")).toBe(1);
    expect(count("GET /api/applications")).toBe(1);
    expect(count("GET /api/organizations")).toBe(1);
    expect(count("GET /api/v2/usergroups/{id}/members")).toBe(graph.groups.length);
    expect(count("GET /api/v2/applications/{id}/associations")).toBe(graph.applications.length);
    expect(
      routes.filter((r) => /systemusers\/\{|users\/\{|\/memberof|\/membership|applications\/\{id\}\/users/.test(r)),
    ).toEqual([]);
    expect(log).toHaveLength(6 + graph.groups.length + graph.applications.length);
    expect(graph.sync).toMatchObject({ requests: log.length, pages: log.length, retries: 0 });
  });

  it("reports progress as pages done of pages known", async () => {
    const { client } = await startSync({ org: FIXTURE_ORG }, {}, cleanups);
    const seen: Array<[number, number]> = [];
    await fullSync(client, { onProgress: (done, known) => seen.push([done, known]) });
    const last = seen.at(-1)!;
    expect(last[0]).toBe(last[1]);
    expect(seen.every(([done, known]) => done <= known)).toBe(true);
    expect(last[0]).toBe(client.stats().pages);
  });

  it("serializes the same org to the same bytes", async () => {
    const first = await startSync({ org: FIXTURE_ORG }, { concurrency: 1 }, cleanups);
    const second = await startSync({ org: FIXTURE_ORG }, { concurrency: 16 }, cleanups);
    const at = () => new Date("2026-03-01T12:00:00Z");
    const a = await fullSync(first.client, { now: at });
    const b = await fullSync(second.client, { now: at });
    // Two emulators listen on two ports; everything else must match byte for byte.
    const bytes = (g: AccessGraph) => JSON.stringify({ ...g, org: { ...g.org, apiUrl: "" }, sync: undefined });
    expect(bytes(a)).toBe(bytes(b));
    // The file form is JSON of the same graph, one array item per line.
    const file = graphToJson(a);
    expect(JSON.parse(file)).toEqual(a);
    expect(file.split("\n").filter((line) => line.includes('"kind":"group_membership"'))).toHaveLength(
      a.memberships.length,
    );
  });
});
