import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReview } from "../../../cli/commands/review";
import { REVIEW_APPLY_REFUSED_EXIT_CODE } from "../../../cli/commands/review-apply";
import { startEmulator } from "../../../emulator";
import type { EmulatorHandle, OrgSpec } from "../../../emulator/types";
import { parseManifest } from "../../../provider/manifest";
import type { ReviewRecord } from "../../../provider/review/campaign";
import { campaignManifest, editSheet, fillSheet } from "../../provider/review/campaign-fixture";

const apiKey = `jca_campaign_${randomBytes(16).toString("hex")}`;
const OUT = join(__dirname, "..", "..", "..", "test-output", "cli-review-campaign");
let emulator: EmulatorHandle;

/** The campaign fixture's org, served over HTTP. */
const org: OrgSpec = {
  name: "Review Corp",
  users: [
    { email: "alice@review.example", firstname: "Alice", lastname: "Adams" },
    { email: "bob@review.example", firstname: "Bob", lastname: "Brown", state: "SUSPENDED" },
    { email: "carol@review.example", firstname: "Carol", lastname: "Clark" },
    { email: "dan@review.example", firstname: "Dan", lastname: "Dunn" },
    { email: "erin@review.example", firstname: "Erin", lastname: "Evans" },
  ],
  groups: [
    { name: "engineering", members: ["alice@review.example", "bob@review.example", "dan@review.example"] },
    { name: "sales", members: ["erin@review.example"] },
  ],
  applications: [
    { name: "slack", label: "Slack", groups: ["engineering"], users: ["alice@review.example", "carol@review.example"] },
    { name: "github", label: "GitHub", groups: ["engineering"], users: ["erin@review.example"] },
  ],
  admins: [],
};

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    env: { JUMPCLOUD_API_KEY: apiKey, JUMPCLOUD_API_URL: emulator.url },
  };
  return runReview(args, io).then((code) => ({ code, out: out.join(""), err: err.join("") }));
}

const is = (type: string, user: string) => (row: Record<string, string>) => row.type === type && row.user === user;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey, org, port: 0 });
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
});
afterAll(async () => {
  await emulator?.stop();
});

describe("jumpcloud-access review campaign / apply", () => {
  it("writes a sheet per owner from a live sync, applies two owners' decisions to access.yaml, and records them", async () => {
    const dir = join(OUT, "loop");
    await mkdir(dir, { recursive: true });
    const manifest = join(dir, "access.yaml");
    await writeFile(manifest, campaignManifest);
    const sheets = join(dir, "sheets");

    const campaign = await run(["campaign", "--manifest", manifest, "--out", sheets]);
    expect(campaign.err).toBe("");
    expect(campaign.code).toBe(0);
    expect(campaign.out).toMatch(/^Campaign \d{4}-\d{2}-\d{2}-[0-9a-f]{8} of Review Corp .*: 3 sheets in /);
    expect((await readdir(sheets)).sort()).toEqual([
      "campaign.json",
      "it@review.example.csv",
      "it@review.example.html",
      "lead@review.example.csv",
      "lead@review.example.html",
      "sales-lead@review.example.csv",
      "sales-lead@review.example.html",
    ]);
    for (const file of await readdir(sheets)) expect(await readFile(join(sheets, file), "utf8")).not.toContain(apiKey);

    const leadCsv = join(sheets, "lead@review.example.csv");
    const itCsv = join(sheets, "it@review.example.csv");
    const leadSheet = await readFile(leadCsv, "utf8");
    const itSheet = await readFile(itCsv, "utf8");

    // A file that is not a sheet, or a manifest with errors, is refused before any request.
    emulator.clearRequestLog();
    const notASheet = join(dir, "notes.csv");
    await writeFile(notASheet, "who,what\r\nbob,revoke\r\n");
    const notSheet = await run(["apply", notASheet, "--manifest", manifest]);
    expect(notSheet.code).toBe(REVIEW_APPLY_REFUSED_EXIT_CODE);
    expect(notSheet.err).toContain(`refused: ${notASheet}: not a review sheet: the columns row_id, owner,`);
    const broken = join(dir, "broken.yaml");
    await writeFile(broken, campaignManifest.replace("owner: lead@review.example", "owner: lead"));
    const badManifest = await run(["apply", leadCsv, "--manifest", broken]);
    expect(badManifest.code).toBe(2);
    expect(badManifest.err).toContain(`${broken}:6:12 groups.engineering.owner: "lead" is not a valid email address.`);
    expect(emulator.requestLog()).toEqual([]);

    // A bad sheet first: refused, naming sheet and row, and nothing is written.
    const edited = join(dir, "edited.csv");
    await writeFile(
      edited,
      editSheet(
        fillSheet(leadSheet, (row) => (is("group", "bob@review.example")(row) ? ["revoke"] : undefined)),
        is("group", "alice@review.example"),
        "status",
        "managed; expiring",
      ),
    );
    const refused = await run(["apply", edited, "--manifest", manifest]);
    expect(refused.code).toBe(REVIEW_APPLY_REFUSED_EXIT_CODE);
    expect(refused.err).toMatch(
      new RegExp(
        `refused: ${edited.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} row 6 \\(G-[0-9a-f]{12}\\): edited row cells \\(status\\)`,
      ),
    );
    expect(refused.err).toContain("Nothing was written: 1 problem.");
    expect(await readFile(manifest, "utf8")).toBe(campaignManifest);
    expect((await readdir(dir)).filter((f) => f.startsWith("access-review-"))).toEqual([]);

    await writeFile(
      leadCsv,
      fillSheet(leadSheet, (row) => {
        if (is("group", "bob@review.example")(row)) return ["revoke", "left the company"];
        if (is("group", "dan@review.example")(row)) return ["keep-until:2099-06-30", "contractor"];
        if (is("application", "erin@review.example")(row)) return ["keep"];
        return undefined;
      }),
    );
    await writeFile(
      itCsv,
      fillSheet(itSheet, (row) => (is("application", "carol@review.example")(row) ? ["revoke"] : undefined)),
    );
    const applied = await run(["apply", leadCsv, itCsv, "--manifest", manifest, "--ticket", "SEC-7"]);
    expect(applied.err).toBe("");
    expect(applied.code).toBe(0);
    expect(applied.out).toContain("4 decisions applied, 4 manifest entries changed, 7 rows left undecided.");

    const after = await readFile(manifest, "utf8");
    const parsed = parseManifest(after);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.grants.map((g) => [g.key, g.expires?.toISOString() ?? ""])).toEqual([
      ["assignment:GitHub:group:engineering", ""],
      ["assignment:GitHub:user:erin@review.example", ""],
      ["assignment:Slack:group:engineering", ""],
      ["assignment:Slack:user:alice@review.example", ""],
      ["membership:engineering:alice@review.example", ""],
      ["membership:engineering:dan@review.example", "2099-06-30T23:59:59.000Z"],
      ["membership:sales:erin@review.example", ""],
    ]);
    expect(parsed.manifest.revoked?.applications?.Slack?.users).toEqual([
      {
        email: "carol@review.example",
        reason: expect.stringMatching(/^revoked in access review .* by it@review\.example$/),
        ticket: "SEC-7",
        reviewedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    ]);
    // Every comment survives, byte for byte.
    for (const line of campaignManifest.split("\n").filter((l) => l.includes("#"))) expect(after).toContain(line);

    const [recordFile] = (await readdir(dir)).filter((f) => f.startsWith("access-review-"));
    const record = JSON.parse(await readFile(join(dir, recordFile ?? ""), "utf8")) as ReviewRecord;
    expect(record.runs).toHaveLength(1);
    expect(record.runs[0]?.sheets.map((s) => [s.reviewer, s.decided])).toEqual([
      ["lead@review.example", 3],
      ["it@review.example", 1],
    ]);
    expect(record.runs[0]?.decisions.map((d) => d.decision)).toEqual([
      "keep",
      "revoke",
      "keep-until:2099-06-30",
      "revoke",
    ]);

    // Applying the same sheets again is refused: the manifest they were checked against has changed.
    const again = await run(["apply", leadCsv, itCsv, "--manifest", manifest]);
    expect(again.code).toBe(REVIEW_APPLY_REFUSED_EXIT_CODE);
    expect(again.err).toContain("stale sheet");
    expect(await readFile(manifest, "utf8")).toBe(after);

    // A campaign from a saved graph sends no request at all, and the sheets are the same as from a live sync.
    const graphFile = join(dir, "report-live", "graph.json");
    expect((await run(["--out", join(dir, "report-live"), "--quiet"])).code).toBe(0);
    emulator.clearRequestLog();
    const offline = join(dir, "offline");
    const fromGraph = await run([
      "campaign",
      "--manifest",
      manifest,
      "--out",
      offline,
      "--graph",
      graphFile,
      "--quiet",
    ]);
    expect(fromGraph).toEqual({ code: 0, out: "", err: "" });
    expect(emulator.requestLog()).toEqual([]);
    const live = join(dir, "live-again");
    expect((await run(["campaign", "--manifest", manifest, "--out", live, "--quiet"])).code).toBe(0);
    for (const file of ["lead@review.example.csv", "it@review.example.csv"]) {
      expect(await readFile(join(offline, file), "utf8")).toBe(await readFile(join(live, file), "utf8"));
    }

    // The review report shows the last review from the records next to the manifest.
    const report = join(dir, "report");
    expect((await run(["--out", report, "--records", dir, "--quiet"])).code).toBe(0);
    const html = await readFile(join(report, "review.html"), "utf8");
    expect(html).toContain('<section id="last-review"><h2>Last review</h2>');
    expect(html).toContain(`Campaign <code>${record.campaign}</code>`);
    expect(html).toContain("1 keep, 2 revoke, 1 keep-until");
  });
});
