import { randomBytes } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReview } from "../../cli/commands/review";
import { REVIEW_APPLY_REFUSED_EXIT_CODE } from "../../cli/commands/review-apply";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle, OrgSnapshot, OrgSpec } from "../../emulator/types";
import { parseCsv } from "../../provider/review";
import type { ReviewRecord } from "../../provider/review/campaign";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";
import { fillSheet } from "../provider/review/campaign-fixture";

// The whole quarterly review on the real engine: an AccessPolicy stack, a campaign with sheets for two owners,
// decisions filled in (keep, revoke of a direct grant, revoke of access via a group, keep-until, adopt and revoke
// access granted outside code), `review apply`, `pulumi up`; then JumpCloud, the next campaign and access.yaml show
// exactly those changes, and a console re-grant of the revoked access is drift that the next `up` removes again.
const apiKey = `jca_loop_${randomBytes(16).toString("hex")}`;

const org: OrgSpec = {
  name: "Review Corp",
  users: ["alice", "bob", "carol", "dan", "erin", "frank"].map((name) => ({ email: `${name}@review.example` })),
  groups: [
    { name: "engineering", members: ["alice@review.example", "bob@review.example", "dan@review.example"] },
    { name: "sales", members: ["erin@review.example"] },
  ],
  applications: [
    {
      name: "slack",
      label: "Slack",
      groups: ["engineering"],
      users: ["alice@review.example", "carol@review.example", "frank@review.example"],
    },
    { name: "github", label: "GitHub", groups: ["engineering"], users: ["erin@review.example"] },
  ],
  admins: [],
};

// dan's membership and carol's and frank's Slack assignments were granted in the console: unmanaged.
const manifest = `# Access for Review Corp, reviewed every quarter
version: 1

groups:
  engineering: # the builders
    owner: lead@review.example
    members:
      - alice@review.example # founder
      - email: bob@review.example
        reason: on leave
  sales:
    owner: [sales-lead@review.example]
    members: [erin@review.example]

applications:
  Slack:
    owner: it@review.example # IT signs off on chat
    groups: [engineering]
    users:
      - alice@review.example # direct too
  GitHub:
    owner: lead@review.example
    groups:
      - engineering
    users:
      - erin@review.example # release manager
# trailing comment
`;

const program = `
import { AccessPolicy } from "pulumi-jumpcloud-access";

const policy = new AccessPolicy("review-corp", { manifest: "access.yaml" });
export const counts = policy.counts;
`;

const is = (type: string, entitlement: string, user: string) => (row: Record<string, string>) =>
  row.type === type && row.entitlement === entitlement && row.user === user;

/** Every row of every sheet in a campaign directory, as the reviewer sees it (no ids or checks). */
async function campaignRows(dir: string): Promise<string[]> {
  const rows: string[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith(".csv")).sort()) {
    const [header = [], ...lines] = parseCsv(await readFile(join(dir, file), "utf8"));
    const cell = (fields: string[], name: string) => fields[header.indexOf(name)] ?? "";
    for (const fields of lines) {
      const seen = ["owner", "type", "entitlement", "user", "how", "status", "expires"].map((c) => cell(fields, c));
      rows.push(seen.join(" | "));
    }
  }
  return rows.sort();
}

/** access.yaml after the decisions: the edited entries, and nothing else, differ from `manifest`. */
const expectedManifest = (campaign: string, appliedAt: string) => `# Access for Review Corp, reviewed every quarter
version: 1

groups:
  engineering: # the builders
    owner: lead@review.example
    members:
      - alice@review.example # founder
      - email: dan@review.example
        expires: 2099-06-30T23:59:59Z
        reason: contractor
        ticket: SEC-42
  sales:
    owner: [sales-lead@review.example]
    members: [erin@review.example]

applications:
  Slack:
    owner: it@review.example # IT signs off on chat
    groups: [engineering]
    users:
      - alice@review.example # direct too
      - email: frank@review.example
        reason: support rota
        ticket: SEC-42
  GitHub:
    owner: lead@review.example
    groups:
      - engineering
    users: []
revoked:
  applications:
    Slack:
      users:
        - email: carol@review.example
          reason: revoked in access review ${campaign} by it@review.example
          ticket: SEC-42
          reviewedAt: ${appliedAt.slice(0, 10)}
# trailing comment
`;

/** JumpCloud after the update: bob out of engineering, erin's GitHub and carol's Slack assignments gone. */
function decided(before: OrgSnapshot): OrgSnapshot {
  const after = structuredClone(before);
  for (const group of after.groups) {
    if (group.name === "engineering") group.members = group.members.filter((m) => m !== "bob@review.example");
  }
  for (const app of after.applications) {
    const gone = app.name === "github" ? "erin@review.example" : "carol@review.example";
    app.users = app.users.filter((u) => u !== gone);
  }
  return after;
}

const minus = (a: string[], b: string[]) => a.filter((row) => !b.includes(row));

describe("the quarterly review loop on the real engine", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;
  const transcript: RunResult[] = [];
  const run = async (step: Promise<RunResult>, code = 0) => {
    const result = await step;
    transcript.push(result);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(code);
    return result;
  };
  const review = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      env: { JUMPCLOUD_API_KEY: apiKey, JUMPCLOUD_API_URL: emulator.url, JUMPCLOUD_REQUESTS_PER_SECOND: "0" },
    };
    const code = await runReview(args, io);
    return { code, out: out.join(""), err: err.join("") };
  };

  beforeAll(async () => {
    emulator = await startEmulator({ apiKey, org });
    project = await createPulumiProject({
      name: "review-loop",
      program,
      config: {
        "jumpcloud:apiUrl": { value: emulator.url },
        "jumpcloud:apiKey": { value: apiKey, secret: true },
        "jumpcloud:requestsPerSecond": { value: "0" },
      },
    });
    await writeFile(join(project.dir, "access.yaml"), manifest);
  }, 120_000);
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("campaign, decisions, apply, pulumi up: JumpCloud and the next review show exactly the decisions", async () => {
    const file = join(project.dir, "access.yaml");
    const original = emulator.snapshot();
    await run(project.up());
    expect(emulator.snapshot()).toEqual(original);

    const sheets = join(project.dir, "review-q4");
    const campaign = await review(["campaign", "--manifest", file, "--out", sheets, "--quiet"]);
    expect(campaign).toMatchObject({ code: 0, err: "" });
    const before = await campaignRows(sheets);
    const leadCsv = join(sheets, "lead@review.example.csv");
    const itCsv = join(sheets, "it@review.example.csv");
    const leadSheet = await readFile(leadCsv, "utf8");
    await writeFile(
      leadCsv,
      fillSheet(leadSheet, (row) => {
        if (is("group", "engineering", "alice@review.example")(row)) return ["keep"];
        if (is("application", "GitHub", "erin@review.example")(row)) return ["revoke", "moved to sales ops"];
        if (is("application", "GitHub", "bob@review.example")(row)) return ["revoke", "left the company"];
        if (is("group", "engineering", "dan@review.example")(row)) return ["keep-until:2099-06-30", "contractor"];
        return undefined;
      }),
    );
    await writeFile(
      itCsv,
      fillSheet(await readFile(itCsv, "utf8"), (row) => {
        if (is("application", "Slack", "frank@review.example")(row)) return ["keep", "support rota"];
        if (is("application", "Slack", "carol@review.example")(row)) return ["revoke"];
        return undefined;
      }),
    );
    const applied = await review(["apply", leadCsv, itCsv, "--manifest", file, "--ticket", "SEC-42"]);
    expect(applied.err).toBe("");
    expect(applied.code).toBe(0);
    const [recordFile = ""] = (await readdir(project.dir)).filter((f) => f.startsWith("access-review-"));
    const record = JSON.parse(await readFile(join(project.dir, recordFile), "utf8")) as ReviewRecord;
    expect(record.runs[0]?.decisions).toHaveLength(6);
    // Only the decided entries changed: every other line, comments and blank lines included, keeps its bytes.
    expect(await readFile(file, "utf8")).toBe(expectedManifest(record.campaign, record.runs[0]?.appliedAt ?? ""));

    const up = await run(project.up());
    // The revocation is one new RevokedAccess; the decisions change the sets of engineering, Slack and GitHub.
    expect(up.stdout).toContain("+ 1 created");
    expect(up.stdout).toContain("~ 3 updated");
    expect(up.stdout).not.toContain("deleted");
    expect(emulator.snapshot()).toEqual(decided(original));
    const state = await project.exportState();
    const revoked = state.deployment.resources.find((r: { type: string }) => r.type.endsWith(":RevokedAccess"));
    expect(revoked?.urn).toMatch(/review-corp\/revoked:application:Slack$/);
    expect(revoked?.outputs).toMatchObject({ parentName: "Slack", removed: ["carol@review.example"], regranted: [] });

    // The next review shows exactly the decisions: bob's, erin's and carol's access gone, dan and frank managed.
    const next = join(project.dir, "review-next");
    expect((await review(["campaign", "--manifest", file, "--out", next, "--quiet"])).code).toBe(0);
    const after = await campaignRows(next);
    expect(minus(before, after)).toEqual([
      "it@review.example | application | Slack | bob@review.example | via group engineering | managed | ",
      "it@review.example | application | Slack | carol@review.example | direct | unmanaged | ",
      "it@review.example | application | Slack | dan@review.example | via group engineering | unmanaged | ",
      "it@review.example | application | Slack | frank@review.example | direct | unmanaged | ",
      "lead@review.example | application | GitHub | bob@review.example | via group engineering | managed | ",
      "lead@review.example | application | GitHub | dan@review.example | via group engineering | unmanaged | ",
      "lead@review.example | application | GitHub | erin@review.example | direct | managed | ",
      "lead@review.example | group | engineering | bob@review.example | direct | managed | ",
      "lead@review.example | group | engineering | dan@review.example | direct | unmanaged | ",
    ]);
    const until = "managed; expiring | 2099-06-30T23:59:59.000Z";
    expect(minus(after, before)).toEqual([
      `it@review.example | application | Slack | dan@review.example | via group engineering | ${until}`,
      "it@review.example | application | Slack | frank@review.example | direct | managed | ",
      `lead@review.example | application | GitHub | dan@review.example | via group engineering | ${until}`,
      `lead@review.example | group | engineering | dan@review.example | direct | ${until}`,
    ]);

    // The sheets of this campaign went stale with the update: applying one again is refused and changes nothing.
    const manifestAfter = await readFile(file, "utf8");
    const stale = await review(["apply", leadCsv, "--manifest", file]);
    expect(stale.code).toBe(REVIEW_APPLY_REFUSED_EXIT_CODE);
    expect(stale.err).toContain(`${leadCsv}: stale sheet: the access it shows changed since it was written`);
    expect(await readFile(file, "utf8")).toBe(manifestAfter);
    await run(project.preview(["--expect-no-changes"]));

    // A console re-grant of the revoked access is drift, and the next update removes it again.
    emulator.outOfBand.assignApplication("slack", { user: "carol@review.example" });
    const drift = await run(project.refresh(["--preview-only", "--expect-no-changes", "--diff"]), 7);
    expect(drift.stdout).toContain("~ pulumi-nodejs:dynamic/jumpcloud:RevokedAccess: (update)");
    expect(drift.stdout).toContain("jumpcloud:RevokedAccess::review-corp/revoked:application:Slack]");
    expect(drift.stdout).toMatch(/~ regranted : \[\s+\+ \[0\]: "carol@review\.example"\s+\]/);
    expect(drift.stderr).toContain("no changes were expected for refresh but changes were proposed");
    const fix = await run(project.up());
    expect(fix.stdout).toContain("~ 1 updated");
    expect(emulator.snapshot()).toEqual(decided(original));
    await run(project.refresh(["--preview-only", "--expect-no-changes"]));

    const stateText = JSON.stringify(await project.exportState());
    expect(stateText).not.toContain(apiKey);
    for (const r of transcript) expect(`${r.stdout}${r.stderr}`).not.toContain(apiKey);
  }, 900_000);

  it("refuses at preview a program that grants an edge another resource revokes, naming both, with no write", async () => {
    const conflicting = await createPulumiProject({
      name: "review-loop-conflict",
      program: `
import { RevokedAccess, UserGroupMembership } from "pulumi-jumpcloud-access";

new UserGroupMembership("alice-engineering", { groupName: "engineering", userEmail: "alice@review.example" });
new RevokedAccess("engineering-revoked", { groupName: "engineering", userEmails: ["Alice@review.example"] });
`,
      config: {
        "jumpcloud:apiUrl": { value: emulator.url },
        "jumpcloud:apiKey": { value: apiKey, secret: true },
        "jumpcloud:requestsPerSecond": { value: "0" },
      },
    });
    try {
      const before = emulator.snapshot();
      emulator.clearRequestLog();
      // A preview checks both resources, in whichever order the engine picks: the second one checked is refused,
      // with the message of its side. (`up --skip-preview` would skip that gate; the README says to preview.)
      const preview = await conflicting.preview();
      expect(preview.code).not.toBe(0);
      expect(`${preview.stdout}${preview.stderr}`).toMatch(
        /alice@review\.example in user group "engineering" is (granted by UserGroupMembership in this program and revoked here|revoked by RevokedAccess in this program, and this UserGroupMembership grants it): each would undo the other on every update\./,
      );
      expect(emulator.requestLog().filter((r) => r.method !== "GET" && !r.path.startsWith("/api/search/"))).toEqual([]);
      expect(emulator.snapshot()).toEqual(before);
    } finally {
      await conflicting.cleanup();
    }
  }, 300_000);
});
