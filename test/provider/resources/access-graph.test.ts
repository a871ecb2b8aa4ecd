import { randomBytes } from "node:crypto";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../../emulator";
import type { EmulatorHandle } from "../../../emulator/types";
import { configure, kind } from "../../../provider/dynamic";
import type { Props } from "../../../provider/dynamic/types";
import { allGrants, DEFAULT_MAX_INLINE_BYTES } from "../../../provider/review";
import type { AccessGraph } from "../../../provider/sync/graph";
import { reviewOrg } from "../review/review-org";

// The AccessGraph resource kind's methods called as the engine calls them, against the emulator over real HTTP.
const apiKey = `jca_graph_${randomBytes(16).toString("hex")}`;
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const OUT = join(__dirname, "..", "..", "..", "test-output", "access-graph-kind");
const graphKind = kind("access-graph");
let emulator: EmulatorHandle;
const config: Record<string, string> = {};

beforeAll(async () => {
  emulator = await startEmulator({ apiKey, org: reviewOrg });
  Object.assign(config, { "jumpcloud:apiKey": apiKey, "jumpcloud:apiUrl": emulator.url });
  await configure({ get: (key) => config[key] });
  await rm(OUT, { recursive: true, force: true });
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(() => emulator.reset());

const create = async (inputs: Props) => {
  const result = await graphKind.create(inputs);
  return { id: result.id, outs: result.outs as Props };
};

describe("AccessGraph resource kind", () => {
  it("publishes summary, reviews, unmanaged, graph and content hash from a full sync", async () => {
    const { id, outs } = await create({});
    expect(id).toBe(`access-graph/${emulator.orgIds[0]}`);
    expect(outs.summary).toMatchObject({
      org: { id: emulator.orgIds[0], name: "Review Corp" },
      counts: {
        users: 4,
        admins: 2,
        groups: 2,
        applications: 2,
        roles: 8,
        suspendedWithAccess: 1,
        adminsWithoutUser: 1,
      },
      omitted: [],
      maxInlineBytes: DEFAULT_MAX_INLINE_BYTES,
      emailsRedacted: false,
    });
    const graph = outs.graph as AccessGraph;
    // Without managed ids the stack manages nothing, so every grant is unmanaged.
    expect((outs.unmanaged as unknown[]).length).toBe(allGrants(graph).length);
    expect(outs.summary.counts.unmanaged).toBe(allGrants(graph).length);
    expect(outs.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(outs.reportDir).toBeNull();
    expect(outs.reviews.dualAccounts).toEqual([
      expect.objectContaining({ userEmail: "alice@review.example", adminEmail: "Alice@Review.example" }),
    ]);
    expect(JSON.stringify(outs)).not.toContain(apiKey);
    const syncs = emulator.requestCounts().byRoute["GET /api/systemusers"];
    expect(syncs).toBe(1);
  });

  it("keeps its outputs on a refresh that finds nothing new, and publishes fresh ones when access changed", async () => {
    const first = await create({});
    const managed = allGrants(first.outs.graph as AccessGraph).map((g) => g.id);
    const created = await create({ managedEdgeIds: managed });
    expect(created.outs.unmanaged).toEqual([]);
    const state = { ...created.outs, __provider: "serialized provider text" };

    const same = await graphKind.read?.(created.id, state);
    expect(same?.props).toBe(state);

    emulator.outOfBand.addGroupMember("sales", "dan@review.example");
    const refreshed = await graphKind.read?.(created.id, state);
    expect(refreshed?.id).toBe(created.id);
    expect(refreshed?.props?.unmanaged.map((u: { description: string }) => u.description)).toEqual([
      'dan@review.example is a member of group "sales"',
    ]);
    expect(refreshed?.props?.contentHash).not.toBe(created.outs.contentHash);
    expect(refreshed?.props?.managedEdgeIds).toEqual(managed);
    // A refresh changes outputs only: the update that follows in `pulumi up --refresh` has nothing to do.
    expect(await graphKind.diff?.(created.id, refreshed?.props ?? {}, { managedEdgeIds: managed })).toEqual({
      changes: false,
    });
  });

  it("reports a change when its inputs change or are not known yet, and the update publishes the diff's sync", async () => {
    const { id, outs } = await create({ managedEdgeIds: ["a/b"] });
    const diff = (news: Props) => graphKind.diff?.(id, outs, news);
    emulator.clearRequestLog();
    // Unknown inputs only occur in a preview, which runs no update: nothing to sync.
    expect(await diff({ managedEdgeIds: UNKNOWN })).toEqual({ changes: true });
    expect(emulator.requestLog()).toEqual([]);
    expect(await diff({ managedEdgeIds: ["a/b"] })).toEqual({ changes: false });
    expect(await diff({ managedEdgeIds: ["a/b", "c/d"] })).toEqual({ changes: true });
    expect(await graphKind.diff?.(id, { managedEdgeIds: ["a/b"] }, { managedEdgeIds: ["a/b"] })).toEqual({
      changes: true,
    });
    expect(await diff({ managedEdgeIds: ["a/b"], redactEmails: true })).toEqual({ changes: true });

    emulator.clearRequestLog();
    const updated = await graphKind.update?.(id, outs, { managedEdgeIds: ["a/b"], redactEmails: true });
    expect(emulator.requestLog()).toEqual([]);
    expect(JSON.stringify(updated?.outs).toLowerCase()).not.toContain("alice@review.example");
    expect(updated?.outs?.summary.emailsRedacted).toBe(true);
    expect(updated?.outs?.summary.counts.managedButAbsent).toBe(1);
  });

  it("reports a change when access changed since the graph was published, reading only", async () => {
    const first = await create({});
    const managed = allGrants(first.outs.graph as AccessGraph).map((g) => g.id);
    const { id, outs } = await create({ managedEdgeIds: managed });
    const inputs = { managedEdgeIds: managed };

    emulator.outOfBand.removeGroupMember("engineering", "alice@review.example");
    emulator.clearRequestLog();
    expect(await graphKind.diff?.(id, outs, inputs)).toEqual({ changes: true });
    expect(emulator.requestLog().filter((r) => r.method !== "GET")).toEqual([]);

    // The update right after the diff publishes the graph the diff synced, without syncing again.
    const syncs = emulator.requestCounts().byRoute["GET /api/systemusers"];
    const updated = await graphKind.update?.(id, outs, inputs);
    expect(emulator.requestCounts().byRoute["GET /api/systemusers"]).toBe(syncs);
    expect(updated?.outs?.contentHash).not.toBe(outs.contentHash);
    expect(updated?.outs?.summary.counts.managedButAbsent).toBe(1);

    // Access put back as it was: the published graph is current again once it says so.
    emulator.outOfBand.addGroupMember("engineering", "alice@review.example");
    expect(await graphKind.diff?.(id, updated?.outs ?? {}, inputs)).toEqual({ changes: true });
    expect(await graphKind.diff?.(id, outs, inputs)).toEqual({ changes: false });
  });

  it("fails the diff when the sync fails, never reporting no changes", async () => {
    const { id, outs } = await create({});
    config["jumpcloud:maxAttempts"] = "1";
    emulator.setFaults({ errorRate: 1 });
    try {
      const failed = graphKind.diff?.(id, outs, {});
      await expect(failed).rejects.toMatchObject({ name: "JumpCloudError", code: "unavailable" });
      await expect(failed).rejects.toThrow(/cannot tell whether the published access graph is current/);
    } finally {
      emulator.setFaults({ errorRate: 0 });
      delete config["jumpcloud:maxAttempts"];
    }
    // The failed sync is not kept: the update syncs for itself.
    emulator.clearRequestLog();
    const updated = await graphKind.update?.(id, outs, {});
    expect(emulator.requestCounts().byRoute["GET /api/systemusers"]).toBe(1);
    expect(updated?.outs?.contentHash).toBe(outs.contentHash);
  });

  it("leaves out what does not fit the inline limit, largest last, and writes everything to outputDir", async () => {
    const dir = join(OUT, "reports");
    const full = await create({});
    const sizes = full.outs.summary.sizes as { unmanaged: number; reviews: number; graph: number };
    const limit = sizes.unmanaged + sizes.reviews;
    const { outs } = await create({ maxInlineBytes: limit, outputDir: dir });
    expect(outs.summary.omitted).toEqual(["graph"]);
    expect(outs.graph).toBeNull();
    expect(outs.reviews).not.toBeNull();
    expect(outs.reportDir).toBe(dir);
    expect((await readdir(dir)).sort()).toContain("graph.json");
    const written = JSON.parse(await readFile(join(dir, "graph.json"), "utf8")) as AccessGraph;
    expect(written.users).toHaveLength(4);
    const summary = JSON.parse(await readFile(join(dir, "summary.json"), "utf8"));
    expect(summary.contentHash).toBe(outs.contentHash);

    const tiny = await create({ maxInlineBytes: 0 });
    expect(tiny.outs.summary.omitted).toEqual(["unmanaged", "reviews", "graph"]);
    expect([tiny.outs.unmanaged, tiny.outs.reviews, tiny.outs.graph]).toEqual([null, null, null]);
    expect(tiny.outs.contentHash).toBe(full.outs.contentHash);
  });

  it("refuses bad inputs in check, naming the property and the fix, and lets unknown values through", async () => {
    const check = (news: Props) => graphKind.check?.({}, news);
    expect((await check({}))?.failures).toEqual([]);
    expect((await check({ managedEdgeIds: UNKNOWN, outputDir: UNKNOWN }))?.failures).toEqual([]);
    const failures = (await check({ managedEdgeIds: "a/b", maxInlineBytes: -1, orgId: "acme", outputDir: " " }))
      ?.failures;
    expect(failures?.map((f) => f.property).sort()).toEqual(["managedEdgeIds", "maxInlineBytes", "orgId", "outputDir"]);
    expect(failures?.find((f) => f.property === "managedEdgeIds")?.reason).toContain("policy.managedEdgeIds");
    expect(failures?.find((f) => f.property === "orgId")?.reason).toContain("24 hexadecimal characters");
    expect(failures?.find((f) => f.property === "maxInlineBytes")?.reason).toContain("must not be negative");
    expect(emulator.requestLog()).toEqual([]);
  });

  it("fails closed: a sync that cannot complete publishes nothing", async () => {
    // One attempt per request: the retry policy is the client's business, not this test's.
    config["jumpcloud:maxAttempts"] = "1";
    emulator.setFaults({ errorRate: 1 });
    try {
      await expect(create({})).rejects.toMatchObject({ name: "JumpCloudError", code: "unavailable" });
    } finally {
      emulator.setFaults({ errorRate: 0 });
      delete config["jumpcloud:maxAttempts"];
    }
  });
});
