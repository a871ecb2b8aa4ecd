import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../../emulator";
import type { EmulatorHandle } from "../../../emulator/types";
import { REVIEW_UNMANAGED_EXIT_CODE, runReview } from "../../../cli/commands/review";
import { allGrants, parseCsvRecords } from "../../../provider/review";
import type { AccessGraph } from "../../../provider/sync/graph";
import { reviewOrg } from "../../provider/review/review-org";

const apiKey = `jca_review_${randomBytes(16).toString("hex")}`;
const OUT = join(__dirname, "..", "..", "..", "test-output", "cli-review");
let emulator: EmulatorHandle;

function io(extraEnv: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      env: { JUMPCLOUD_API_KEY: apiKey, JUMPCLOUD_API_URL: emulator.url, ...extraEnv },
    },
  };
}

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, "utf8")) as T;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey, org: reviewOrg });
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(() => emulator.reset());

describe("jumpcloud-access review", () => {
  it("syncs live from the environment and writes every export", async () => {
    const run = io();
    const dir = join(OUT, "live");
    expect(await runReview(["--out", dir], run.io)).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      "access.csv",
      "graph.json",
      "groups-applications.mmd",
      "review.html",
      "review.md",
      "reviews.json",
      "summary.json",
      "unmanaged.json",
    ]);
    const graph = await readJson<AccessGraph>(join(dir, "graph.json"));
    expect(graph.users.map((u) => u.email).sort()).toEqual(reviewOrg.users?.map((u) => u.email).sort());
    expect(run.out.join("")).toMatch(/Review of "Review Corp".*4 users, 2 admin accounts/);
    expect(run.out.join("")).toContain("unmanaged grants: not computed (no --managed)");
    expect(run.out.join("")).toContain("suspended or locked users with access: 1");

    const html = await readFile(join(dir, "review.html"), "utf8");
    expect(html).toContain("alice@review.example");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src=/);
    const csv = parseCsvRecords(await readFile(join(dir, "access.csv"), "utf8"));
    expect(csv.filter((r) => r.derived === "no")).toHaveLength(allGrants(graph).length);
    const md = await readFile(join(dir, "review.md"), "utf8");
    expect(md).toContain("| Alice@Review.example | Administrator, Help Desk | alice@review.example (active) |");
    for (const file of await readdir(dir)) expect(await readFile(join(dir, file), "utf8")).not.toContain(apiKey);
  });

  it("reports changes --since a saved graph and unmanaged grants from --managed, offline with --graph", async () => {
    const before = join(OUT, "before");
    expect(await runReview(["--out", before, "--quiet"], io().io)).toBe(0);
    const old = await readJson<AccessGraph>(join(before, "graph.json"));

    emulator.outOfBand.addGroupMember("engineering", "dan@review.example");
    emulator.outOfBand.unassignApplication("slack", { user: "carol@review.example" });
    const after = join(OUT, "after");
    const managedFile = join(OUT, "managed.json");
    await writeFile(managedFile, JSON.stringify(allGrants(old).map((g) => g.id)));
    const run = io();
    const args = ["--out", after, "--since", join(before, "graph.json"), "--managed", managedFile];
    expect(await runReview(args, run.io)).toBe(0);
    expect(run.out.join("")).toMatch(/since .*: access \+1 −1 ~0; grants \+1 −1/);
    expect(run.out.join("")).toContain("unmanaged grants: 1; declared but absent from JumpCloud: 1");

    const diff = await readJson<{
      access: { added: { user: string; after: string[] }[]; removed: { user: string }[] };
    }>(join(after, "diff.json"));
    expect(diff.access.added).toEqual([
      expect.objectContaining({ user: "dan@review.example", application: "Slack", after: ["via group engineering"] }),
    ]);
    expect(diff.access.removed).toEqual([
      expect.objectContaining({ user: "carol@review.example", application: "Slack" }),
    ]);
    const unmanaged = await readJson<{ unmanaged: { description: string }[]; managedButAbsent: string[] }>(
      join(after, "unmanaged.json"),
    );
    expect(unmanaged.unmanaged.map((u) => u.description)).toEqual([
      'dan@review.example is a member of group "engineering"',
    ]);
    expect(unmanaged.managedButAbsent).toHaveLength(1);

    // The same from the saved graph, without a single request, and as a CI gate.
    emulator.clearRequestLog();
    const gate = io({ JUMPCLOUD_API_KEY: "" });
    const offline = ["--out", join(OUT, "offline"), "--graph", join(after, "graph.json"), "--managed", managedFile];
    expect(await runReview([...offline, "--fail-on-unmanaged"], gate.io)).toBe(REVIEW_UNMANAGED_EXIT_CODE);
    expect(emulator.requestLog()).toEqual([]);
    expect(await readFile(join(OUT, "offline", "review.md"), "utf8")).toContain("## Unmanaged access (1)");
  });

  it("accepts managed ids from `pulumi stack output --json` and from a state export", async () => {
    const dir = join(OUT, "forms");
    expect(await runReview(["--out", dir, "--quiet"], io().io)).toBe(0);
    const graph = await readJson<AccessGraph>(join(dir, "graph.json"));
    const [first, second, ...rest] = graph.memberships;
    const stackOutput = join(OUT, "stack-output.json");
    await writeFile(stackOutput, JSON.stringify({ managedEdgeIds: allGrants(graph).map((g) => g.id), other: 1 }));
    const run = io();
    expect(await runReview(["--out", dir, "--graph", join(dir, "graph.json"), "--managed", stackOutput], run.io)).toBe(
      0,
    );
    expect(run.out.join("")).toContain("unmanaged grants: 0");

    const exported = join(OUT, "stack-export.json");
    const resources = [
      { type: "pulumi:pulumi:Stack", id: "" },
      { type: "pulumi-nodejs:dynamic/jumpcloud:UserGroupMembership", id: first?.id },
      { type: "pulumi-nodejs:dynamic/jumpcloud:UserGroupMembers", id: "g", outputs: { grantIds: [second?.id] } },
      {
        type: "pulumi-nodejs:dynamic/jumpcloud:ApplicationAssignments",
        id: "a",
        outputs: { grantIds: [graph.applicationAssignments[0]?.id] },
      },
      { type: "pulumi-nodejs:dynamic/jumpcloud:AdminRoles", id: "r", outputs: { grantIds: [graph.adminRoles[0]?.id] } },
      { type: "pulumi-nodejs:dynamic/jumpcloud:AccessGraph", id: "access-graph/x" },
    ];
    await writeFile(exported, JSON.stringify({ version: 3, deployment: { resources } }));
    const fromExport = io();
    expect(
      await runReview(["--out", dir, "--graph", join(dir, "graph.json"), "--managed", exported], fromExport.io),
    ).toBe(0);
    expect(fromExport.out.join("")).toContain(`unmanaged grants: ${allGrants(graph).length - 4}`);
    expect(rest.length + 2).toBe(graph.memberships.length);
  });

  it("redacts every email in every file with --redact-emails", async () => {
    const dir = join(OUT, "redacted");
    expect(await runReview(["--out", dir, "--redact-emails", "--quiet"], io().io)).toBe(0);
    for (const file of await readdir(dir)) {
      const text = (await readFile(join(dir, file), "utf8")).toLowerCase();
      expect(text, file).not.toMatch(/(alice|bob|carol|dan|root)@review\.example/);
    }
    expect(await readFile(join(dir, "review.html"), "utf8")).toMatch(/user-[0-9a-f]{8}@review\.example/);
  });

  it("refuses bad input with exit 2 and a fix, before any request", async () => {
    emulator.clearRequestLog();
    const noOut = io();
    expect(await runReview([], noOut.io)).toBe(2);
    expect(noOut.err.join("")).toContain("--out is required");

    const badGraph = join(OUT, "not-a-graph.json");
    await writeFile(badGraph, JSON.stringify({ schemaVersion: 1, users: "nope" }));
    const bad = io();
    expect(await runReview(["--out", join(OUT, "x"), "--since", badGraph], bad.io)).toBe(2);
    expect(bad.err.join("")).toMatch(/not-a-graph\.json is not an access graph \(.*users/);
    expect(bad.err.join("")).toContain("Pass the graph.json");

    const gate = io();
    expect(await runReview(["--out", join(OUT, "x"), "--fail-on-unmanaged"], gate.io)).toBe(2);
    expect(gate.err.join("")).toContain("--fail-on-unmanaged needs --managed");

    const noKey = io({ JUMPCLOUD_API_KEY: "" });
    expect(await runReview(["--out", join(OUT, "x")], noKey.io)).toBe(2);
    expect(noKey.err.join("")).toContain("No JumpCloud API key is configured");
    expect(emulator.requestLog()).toEqual([]);
  });

  it("exits 3 on a wrong key and never prints it", async () => {
    const wrong = `jca_wrong_${randomBytes(12).toString("hex")}`;
    const run = io({ JUMPCLOUD_API_KEY: wrong });
    expect(await runReview(["--out", join(OUT, "wrong")], run.io)).toBe(3);
    expect(run.err.join("")).not.toContain(wrong);
  });
});
