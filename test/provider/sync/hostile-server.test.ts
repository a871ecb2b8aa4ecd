/**
 * The sync against a hostile server (#12, "Also"): a proxy in front of the emulator bends its answers, and the sync
 * either returns exactly the graph a direct sync returns, or fails closed with a clear error. Never a partial graph,
 * never a write reported that did not happen, never a hang: every client has a short timeout and few attempts, and
 * every case is bounded in requests.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runSync, SYNC_EXIT_CODES } from "../../../cli/commands/sync";
import { startEmulator } from "../../../emulator";
import type { EmulatorHandle, OrgSpec } from "../../../emulator/types";
import { JumpCloudClient } from "../../../provider/client/jumpcloud-client";
import { JumpCloudError } from "../../../provider/errors";
import { fullSync } from "../../../provider/sync/full-sync";
import type { AccessGraph } from "../../../provider/sync/graph";
import { type HostileMode, type HostileProxy, startHostileProxy } from "../../helpers/hostile-proxy";
import { content } from "./sync-harness";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const emails = Array.from({ length: 260 }, (_, i) => `user${String(i).padStart(3, "0")}@example.com`);

/** Lists over one page of every kind, and a group over 100 members (the case unstable listing order broke). */
const ORG: OrgSpec = {
  name: "Hostile Corp",
  users: emails.map((email) => ({ email })),
  admins: [
    { email: "root@example.com", roles: ["Administrator"] },
    { email: "help@example.com", roles: ["Help Desk", "Read Only"] },
  ],
  groups: [
    { name: "everyone", members: emails },
    { name: "engineering", members: emails.slice(0, 120) },
    { name: "sales", members: emails.slice(200, 203) },
    ...Array.from({ length: 110 }, (_, i) => ({ name: `team-${i}` })),
  ],
  applications: [
    { name: "wiki", groups: ["everyone"], users: emails.slice(0, 150) },
    { name: "github", groups: ["engineering", "sales"] },
  ],
};

/** Ids of the v2 graph listings and the v2 bare-array lists: the ones that carry `x-total-count`. */
const V2_ARRAYS = /^\/api\/v2\/(usergroups|applications)/;

let emulator: EmulatorHandle;
let direct: Omit<AccessGraph, "generatedAt" | "sync">;

async function setUp() {
  emulator = await startEmulator({ org: ORG });
  cleanups.push(() => emulator.stop());
  const client = clientFor(emulator.url);
  direct = content(await fullSync(client));
}

function clientFor(url: string): JumpCloudClient {
  const client = new JumpCloudClient({
    apiKey: emulator.apiKey,
    apiUrl: url,
    requestsPerSecond: 0,
    concurrency: 8,
    maxAttempts: 2,
    maxRetryWaitMs: 1_000,
    timeoutMs: 5_000,
  });
  cleanups.push(() => client.close());
  return client;
}

async function proxied(mode: HostileMode): Promise<{ proxy: HostileProxy; client: JumpCloudClient }> {
  await setUp();
  const proxy = await startHostileProxy(emulator.url, mode);
  cleanups.push(() => proxy.stop());
  return { proxy, client: clientFor(proxy.url) };
}

async function failure(promise: Promise<unknown>): Promise<JumpCloudError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome instanceof JumpCloudError) return outcome;
  throw new Error(`expected a JumpCloudError, got ${String(outcome)}`);
}

/** Requests a correct sync of this org needs, with room to spare: a runaway reader goes far past it. */
const REQUEST_BOUND = 600;

describe("hostile server: the sync succeeds correctly or fails closed", () => {
  it("passes answers through unchanged when the proxy bends nothing (the proxy itself is faithful)", async () => {
    const { client } = await proxied({});
    expect(content(await fullSync(client))).toEqual(direct);
    expect(direct.memberships.length).toBe(260 + 120 + 3);
  });

  it("point 10: v2 lists without x-total-count, paged at 10 whatever the limit, are read completely", async () => {
    const { proxy, client } = await proxied({ match: V2_ARRAYS, stripTotal: "header", pageSize: 10 });
    expect(content(await fullSync(client))).toEqual(direct);
    expect(proxy.requests()).toBeLessThan(REQUEST_BOUND);
  });

  it("point 10: lists paged at 10 under a total fail closed, never as a 10-item list", async () => {
    const { client } = await proxied({ pageSize: 10 });
    const error = await failure(fullSync(client));
    expect(error.code).toBe("incomplete_listing");
    expect(error.message).toContain("held 10 items instead of 100");
  });

  it("point 11: graph listings in an order that changes on every read are read completely", async () => {
    const { proxy, client } = await proxied({ reorderPages: "graph" });
    expect(content(await fullSync(client))).toEqual(direct);
    expect(proxy.requests()).toBeLessThan(REQUEST_BOUND);
  });

  it("point 11: sorted lists whose order changes anyway fail closed", async () => {
    const { client } = await proxied({ reorderPages: "all", match: /^\/api\/systemusers$/ });
    const error = await failure(fullSync(client));
    expect(error.code).toBe("incomplete_listing");
    expect(error.message).toContain("system users");
  });

  it.each<[string, HostileMode]>([
    ["every list", {}],
    ["v2 lists without a total", { match: V2_ARRAYS, stripTotal: "header" }],
  ])("point 9: a server that ignores skip on %s: fails closed within a bounded number of requests", async (_, mode) => {
    const { proxy, client } = await proxied({ ...mode, ignoreSkip: true });
    const error = await failure(fullSync(client));
    expect(error.code).toBe("incomplete_listing");
    expect(proxy.requests()).toBeLessThan(REQUEST_BOUND);
  });

  it.each<[string, (real: number) => number, string]>([
    ["too small", (real) => Math.max(0, real - 1), "incomplete_listing"],
    ["too large", (real) => real + 1, "incomplete_listing"],
    ["absurdly large", () => 10_000_000, "incomplete_listing"],
  ])("point 9: a total that is %s fails closed within a bounded number of requests", async (_, total, code) => {
    const { proxy, client } = await proxied({ total });
    const error = await failure(fullSync(client));
    expect(error.code).toBe(code);
    expect(proxy.requests()).toBeLessThan(REQUEST_BOUND);
  });

  it("an envelope without its total fails closed, naming the field", async () => {
    const { client } = await proxied({ stripTotal: "all" });
    const error = await failure(fullSync(client));
    expect(error.code).toBe("invalid_response");
    expect(error.message).toContain('field "totalCount"');
  });

  it.each([
    ["email", "email"],
    ["to", "to"],
    ["id", "id"],
  ])("stripping %s from the answers fails closed, naming the field", async (field, named) => {
    const { client } = await proxied({ stripFields: [field] });
    const error = await failure(fullSync(client));
    expect(error.code).toBe("invalid_response");
    expect(error.message).toMatch(new RegExp(`field "[^"]*${named}"`));
  });

  it("HTML in answer to reads fails closed", async () => {
    const { client } = await proxied({ html: "all" });
    const error = await failure(fullSync(client));
    expect(error.code).toBe("invalid_response");
    expect(error.message).toContain("the body is not JSON");
  });

  it("the CLI exits 6 without writing a graph when the listing cannot be trusted", async () => {
    const { proxy } = await proxied({ ignoreSkip: true });
    const dir = mkdtempSync(join(tmpdir(), "jca-hostile-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, "graph.json");
    const err: string[] = [];
    const stdout: string[] = [];
    const code = await runSync(["--out", out, "--quiet"], {
      stdout: { write: (t: string) => stdout.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      env: { JUMPCLOUD_API_KEY: emulator.apiKey, JUMPCLOUD_API_URL: proxy.url },
    });
    expect(code).toBe(SYNC_EXIT_CODES.data);
    expect(err.join("")).toContain("No partial list was used");
    expect(existsSync(out)).toBe(false);
    expect(stdout.join("")).toBe("");
  });

  it("the CLI writes the complete graph through a server that pages v2 lists at 10 without totals", async () => {
    const { proxy } = await proxied({ match: V2_ARRAYS, stripTotal: "header", pageSize: 10 });
    const stdout: string[] = [];
    const code = await runSync(["--quiet", "--requests-per-second", "0"], {
      stdout: { write: (t: string) => stdout.push(t) },
      stderr: { write: () => true },
      env: { JUMPCLOUD_API_KEY: emulator.apiKey, JUMPCLOUD_API_URL: proxy.url },
    });
    expect(code).toBe(SYNC_EXIT_CODES.ok);
    expect(content(JSON.parse(stdout.join("")) as AccessGraph)).toEqual(direct);
  });
});

describe("hostile server: writes", () => {
  const groupId = (graph: typeof direct, name: string) => graph.groups.find((g) => g.name === name)?.id ?? "";
  const userId = (graph: typeof direct, email: string) => graph.users.find((u) => u.email === email)?.id ?? "";

  it("point 12: an HTML page in answer to a write is an error, and nothing was applied", async () => {
    const { proxy, client } = await proxied({ html: "writes" });
    const sales = groupId(direct, "sales");
    const error = await failure(client.addGroupMember(sales, userId(direct, "user000@example.com")));
    expect(error.code).toBe("invalid_response");
    expect(await failure(client.removeGroupMember(sales, userId(direct, "user200@example.com")))).toMatchObject({
      code: "invalid_response",
    });
    proxy.setMode({});
    expect(content(await fullSync(client))).toEqual(direct);
  });

  it("a write accepted but not applied: the next sync shows JumpCloud's state, not the write", async () => {
    // The client cannot tell from the answer alone (204 is all JumpCloud says); what it must never do is report
    // the edge as gone afterwards. Resources confirm a revocation with a read before reporting it done.
    const { proxy, client } = await proxied({ dropWrites: true });
    const sales = groupId(direct, "sales");
    const member = userId(direct, "user200@example.com");
    expect(await client.removeGroupMember(sales, member)).toBe("removed");
    expect(proxy.droppedWrites()).toBe(1);
    expect(await client.listGroupMembers(sales)).toContain(member);
    const graph = content(await fullSync(client));
    expect(graph).toEqual(direct);
    expect(graph.memberships).toContainEqual(expect.objectContaining({ groupId: sales, userId: member }));
  });

  it("an administrator's roles accepted but not applied: the client returns what JumpCloud answered, not what was asked", async () => {
    // What the resources compare with the requested roles before reporting a grant or a revocation as done.
    const { proxy, client } = await proxied({ dropWrites: true });
    const admin = direct.admins.find((a) => a.email === "help@example.com");
    const readOnly = direct.roles.find((r) => r.name === "Read Only");
    expect(admin && readOnly).toBeTruthy();
    const answer = await client.setAdminRoles(admin?.id ?? "", [readOnly?.id ?? ""]);
    expect(proxy.droppedWrites()).toBe(1);
    expect(answer.roles?.length).toBe(2);
    expect(answer.roles).toContain(readOnly?.id);
    expect(content(await fullSync(client))).toEqual(direct);
  });

  it("a key lost on the way (302 to the login page) is an authentication failure, not followed", async () => {
    // The client refuses to send an empty key, so the key is dropped between it and the emulator instead.
    const { proxy, client } = await proxied({ dropRequestHeaders: ["x-api-key"] });
    const before = emulator.requestLog().length;
    const error = await failure(fullSync(client));
    expect(error.code).toBe("unauthorized");
    expect(error.message).toContain("redirect (302 to /login)");
    const log = emulator.requestLog().slice(before);
    expect(log.every((e) => e.status === 302 && e.path.startsWith("/api/"))).toBe(true);
    const paths = log.map((e) => `${e.path}?${e.query}`);
    expect(new Set(paths).size).toBe(paths.length);
    expect(proxy.requests()).toBeLessThan(20);
  });
});
