import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";
import { reviewOrg } from "../provider/review/review-org";

// The AccessGraph resource on the real engine against the emulator: the reviewer's loop of `pulumi up --refresh`
// and `pulumi stack output`, with a grant made outside code showing up in `unmanaged` and a managed grant removed
// outside code restored and published as present by the same `pulumi up --refresh`.
const apiKey = `jca_e2e_graph_${randomBytes(16).toString("hex")}`;

const program = `
import * as jc from "pulumi-jumpcloud-access";

const danInSales = new jc.UserGroupMembership("dan-sales", { groupName: "sales", userEmail: "dan@review.example" });
const salesGithub = new jc.ApplicationAssignment("sales-github", { applicationName: "github", userGroupName: "sales" });
const graph = new jc.AccessGraph("access-graph", {
  managedEdgeIds: [danInSales.id, salesGithub.id],
  outputDir: "access-review",
});

export const summary = graph.summary;
export const unmanaged = graph.unmanaged;
export const reviews = graph.reviews;
export const contentHash = graph.contentHash;
export const reportDir = graph.reportDir;
`;

interface Outputs {
  summary: {
    generatedAt: string;
    contentHash: string;
    counts: { unmanaged: number; grants: number; managedButAbsent: number };
  };
  unmanaged: { id: string; description: string }[];
  reviews: {
    applications: { label: string; access: { user: { email: string }; how: string; description: string }[] }[];
  };
  contentHash: string;
  reportDir: string;
}

describe("AccessGraph on the real engine", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;
  const transcript: RunResult[] = [];
  const run = async (step: Promise<RunResult>) => {
    const result = await step;
    transcript.push(result);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ apiKey, org: reviewOrg });
    project = await createPulumiProject({
      name: "access-graph",
      program,
      config: { "jumpcloud:apiUrl": { value: emulator.url }, "jumpcloud:apiKey": { value: apiKey, secret: true } },
    });
  });
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("publishes reviews; `pulumi up --refresh` shows an added grant in unmanaged and a restored one as present", async () => {
    // A first preview: the managed ids are not known yet, and check lets them through.
    const preview = await run(project.preview());
    expect(preview.stdout).toMatch(/\+ +pulumi-nodejs:dynamic\/jumpcloud:AccessGraph +access-graph +create/);
    await run(project.up());
    const first = (await project.outputs()) as unknown as Outputs;
    const descriptions = (o: Outputs) => o.unmanaged.map((u) => u.description);
    // What the org had before the stack is unmanaged; the two edges the stack declares are not.
    expect(descriptions(first)).toContain('alice@review.example is a member of group "engineering"');
    expect(descriptions(first).filter((d) => d.includes("sales"))).toEqual([]);
    expect(first.summary.counts.unmanaged).toBe(first.summary.counts.grants - 2);
    const github = (o: Outputs) => o.reviews.applications.find((a) => a.label === "GitHub")?.access;
    expect(github(first)).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ email: "dan@review.example" }), how: "via_group" }),
    ]);

    // Nothing changed: the drift gate passes (`up --expect-no-changes` is checked after the restore below).
    await run(project.refresh(["--preview-only", "--expect-no-changes"]));

    emulator.outOfBand.addGroupMember("sales", "carol@review.example");
    const refreshed = await run(project.up(["--refresh"]));
    expect(refreshed.stdout).toMatch(/access-graph/);
    const second = (await project.outputs()) as unknown as Outputs;
    const before = new Set(first.unmanaged.map((u) => u.id));
    expect(second.unmanaged.filter((u) => !before.has(u.id)).map((u) => u.description)).toEqual([
      'carol@review.example is a member of group "sales"',
    ]);
    expect(second.summary.counts.unmanaged).toBe(first.summary.counts.unmanaged + 1);
    expect(github(second)?.map((a) => `${a.user.email}: ${a.description}`)).toEqual([
      "carol@review.example: via group sales",
      "dan@review.example: via group sales",
    ]);
    expect(second.contentHash).not.toBe(first.contentHash);
    expect(second.summary.generatedAt > first.summary.generatedAt).toBe(true);

    // A managed grant removed out of band: the same `up --refresh` restores it and publishes the graph as the
    // update left it (the refresh alone saw the grant missing), so nothing but the sync time moves.
    emulator.outOfBand.removeGroupMember("sales", "dan@review.example");
    await run(project.up(["--refresh"]));
    expect(emulator.snapshot().groups.find((g) => g.name === "sales")?.members).toEqual([
      "carol@review.example",
      "dan@review.example",
    ]);
    const restored = (await project.outputs()) as unknown as Outputs;
    expect(restored.summary.counts.managedButAbsent).toBe(0);
    expect(restored.unmanaged).toEqual(second.unmanaged);
    expect(github(restored)).toEqual(github(second));
    expect(restored.contentHash).toBe(second.contentHash);
    expect(restored.summary.generatedAt > second.summary.generatedAt).toBe(true);
    const summaryFile = JSON.parse(await readFile(join(project.dir, restored.reportDir, "summary.json"), "utf8"));
    expect(summaryFile.contentHash).toBe(second.contentHash);
    // An unchanged organization: the graph's diff syncs, finds the same content, and reports nothing to do.
    await run(project.up(["--expect-no-changes"]));

    // The commands a reviewer runs.
    const reviewsJson = await run(project.run(["stack", "output", "reviews", "--json"]));
    expect(JSON.parse(reviewsJson.stdout)).toEqual(restored.reviews);
    const unmanagedJson = await run(project.run(["stack", "output", "unmanaged", "--json"]));
    expect(JSON.parse(unmanagedJson.stdout)).toEqual(restored.unmanaged);

    // The report files follow every sync.
    const html = await readFile(join(project.dir, second.reportDir, "review.html"), "utf8");
    expect(html).toContain("carol@review.example is a member of group &quot;sales&quot;");

    // The state holds the graph but never the key.
    const state = JSON.stringify(await project.exportState());
    expect(state).not.toContain(apiKey);
    for (const result of transcript) expect(result.stdout + result.stderr).not.toContain(apiKey);

    await run(project.destroy());
    expect(emulator.snapshot().groups.find((g) => g.name === "sales")?.members).toEqual(["carol@review.example"]);
  }, 600_000);
});
