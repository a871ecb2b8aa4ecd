import { describe, expect, it } from "vitest";
import {
  applyReview,
  applySummary,
  buildCampaign,
  formatSheetIssue,
  parseDecision,
  sheetCsv,
} from "../../../provider/review/campaign";
import type { AccessGraph } from "../../../provider/sync/graph";
import {
  campaignGraph,
  campaignManifest,
  campaignNow,
  campaignOrg,
  editSheet,
  fillSheet,
  parsedManifest,
} from "./campaign-fixture";

const campaign = buildCampaign({
  graph: campaignGraph(),
  manifest: parsedManifest(),
  manifestText: campaignManifest,
  now: campaignNow,
});
const csvOf = (owner: string): string => {
  const sheet = campaign.sheets.find((s) => s.owner === owner);
  if (!sheet) throw new Error(`no sheet for ${owner}`);
  return sheetCsv(sheet.cells);
};
const LEAD = "lead.csv";
const IT = "it.csv";

function apply(sheets: Record<string, string>, options: { graph?: AccessGraph; partial?: boolean } = {}) {
  return applyReview({
    sheets: Object.entries(sheets).map(([file, text]) => ({ file, text })),
    manifestFile: "access.yaml",
    manifestText: campaignManifest,
    graph: options.graph ?? campaignGraph(),
    now: campaignNow,
    partial: options.partial ?? false,
  });
}

const is = (type: string, user: string, entitlement?: string) => (row: Record<string, string>) =>
  row.type === type && row.user === user && (entitlement === undefined || row.entitlement === entitlement);

describe("review decisions", () => {
  it("parses keep, revoke and keep-until with a real day no earlier than today, and nothing else", () => {
    const today = "2026-12-01";
    expect(parseDecision("", today)).toEqual({ ok: true, decision: null });
    expect(parseDecision(" Keep ", today)).toEqual({ ok: true, decision: { kind: "keep" } });
    expect(parseDecision("REVOKE", today)).toEqual({ ok: true, decision: { kind: "revoke" } });
    expect(parseDecision("keep-until:2026-12-01", today)).toEqual({
      ok: true,
      decision: { kind: "keep-until", day: "2026-12-01" },
    });
    expect(parseDecision("keep-until: 2027-03-31", today)).toEqual({
      ok: true,
      decision: { kind: "keep-until", day: "2027-03-31" },
    });
    const reasons = [
      "keep-until:2027-02-30",
      "keep-until:31/03/2027",
      "keep-until:2026-11-30",
      "maybe",
      "keep until",
    ].map((cell) => {
      const parsed = parseDecision(cell, today);
      return parsed.ok ? "accepted" : parsed.reason;
    });
    expect(reasons).toEqual([
      '"keep-until:2027-02-30" has no valid date: Write keep, revoke or keep-until:YYYY-MM-DD (e.g. keep-until:2027-03-31), or leave it empty.',
      '"keep-until:31/03/2027" has no valid date: Write keep, revoke or keep-until:YYYY-MM-DD (e.g. keep-until:2027-03-31), or leave it empty.',
      '"keep-until:2026-11-30" ends before today (2026-12-01). Choose a later day, or revoke.',
      '"maybe" is not a decision. Write keep, revoke or keep-until:YYYY-MM-DD (e.g. keep-until:2027-03-31), or leave it empty.',
      '"keep until" is not a decision. Write keep, revoke or keep-until:YYYY-MM-DD (e.g. keep-until:2027-03-31), or leave it empty.',
    ]);
  });
});

describe("review apply", () => {
  it("turns keep, revoke (direct, via group, unmanaged), keep-until and adoption into an edit that keeps every other byte", () => {
    const lead = fillSheet(csvOf("lead@review.example"), (row) => {
      if (is("group", "bob@review.example")(row)) return ["revoke", "left the company"];
      if (is("group", "dan@review.example")(row)) return ["keep-until:2027-06-30", "contractor"];
      if (is("application", "erin@review.example")(row)) return ["keep"];
      if (is("group", "alice@review.example")(row)) return ["keep"];
      return undefined;
    });
    const it = fillSheet(csvOf("it@review.example"), (row) => {
      if (is("application", "carol@review.example")(row)) return ["revoke", "no longer needs it"];
      if (is("application", "alice@review.example")(row)) return ["Keep-Until:2027-03-31"];
      return undefined;
    });
    const outcome = apply({ [LEAD]: lead, [IT]: it });
    expect(outcome.issues.map(formatSheetIssue)).toEqual([]);
    expect(outcome.proceed).toBe(true);
    expect(outcome.manifestText).toBe(`# Access for Review Corp
version: 1

groups:
  engineering: # the builders
    owner: lead@review.example
    members:
      - email: alice@review.example # founder
        expires: 2027-03-31T23:59:59Z
      - email: dan@review.example
        expires: 2027-06-30T23:59:59Z
        reason: contractor
  sales:
    owner: [sales-lead@review.example]
    members: [erin@review.example]

applications:
  Slack:
    owner: it@review.example
    groups: [engineering]
    users:
      - email: alice@review.example # direct too
        expires: 2027-03-31T23:59:59Z
  GitHub:
    owner: lead@review.example
    groups:
      - engineering
    users:
      - erin@review.example
revoked:
  applications:
    Slack:
      users:
        - email: carol@review.example
          reason: no longer needs it
          reviewedAt: 2026-12-01
# trailing comment
`);
    const changes = Object.fromEntries(outcome.decisions.map((d) => [`${d.sheet}:${d.row}`, d.changes.join(" | ")]));
    const bobRow = outcome.decisions.find((d) => d.current.user === "bob@review.example");
    expect(changes[`${LEAD}:${bobRow?.row}`]).toBe(
      'removes bob@review.example in group "engineering" (groups.engineering.members[1]); leaving the group also ends their access (through it) to "GitHub", "Slack"',
    );
    expect(outcome.run.decisions.map((d) => [d.reviewer, d.user, d.entitlement, d.decision])).toEqual([
      ["lead@review.example", "erin@review.example", "GitHub", "keep"],
      ["lead@review.example", "alice@review.example", "engineering", "keep"],
      ["lead@review.example", "bob@review.example", "engineering", "revoke"],
      ["lead@review.example", "dan@review.example", "engineering", "keep-until:2027-06-30"],
      ["it@review.example", "alice@review.example", "Slack", "keep-until:2027-03-31"],
      ["it@review.example", "carol@review.example", "Slack", "revoke"],
    ]);
    expect(outcome.run.edit.map((c) => [c.op, c.path, c.grant])).toEqual(
      expect.arrayContaining([
        ["remove", "groups.engineering.members[1]", "membership:engineering:bob@review.example"],
        ["adopt", "groups.engineering.members", "membership:engineering:dan@review.example"],
        ["adopt", "applications.GitHub.users", "assignment:GitHub:user:erin@review.example"],
        ["revoke", "revoked.applications.Slack.users", "assignment:Slack:user:carol@review.example"],
        ["set-expires", "applications.Slack.users[0]", "assignment:Slack:user:alice@review.example"],
        ["set-expires", "groups.engineering.members[0]", "membership:engineering:alice@review.example"],
      ]),
    );
    expect(outcome.run.edit).toHaveLength(6);
    expect(outcome.run.sheets.map((s) => [s.file, s.reviewer, s.rows, s.decided, s.current])).toEqual([
      [LEAD, "lead@review.example", 7, 4, true],
      [IT, "it@review.example", 4, 2, true],
    ]);
    expect(outcome.run.sheets[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const summary = applySummary(outcome, "access.yaml", "access-review-x.json");
    expect(summary).toContain(`### Access review ${campaign.id}: decisions applied to \`access.yaml\``);
    expect(summary).toContain("6 decisions applied, 6 manifest entries changed, 5 rows left undecided.");
    expect(summary).toContain(
      "| it@review.example | carol@review.example | application Slack (direct; unmanaged) | revoke | no longer needs it |",
    );
  });

  it("refuses edited rows, unknown people, malformed dates and conflicting decisions, naming sheet and row, and changes nothing", () => {
    let lead = fillSheet(csvOf("lead@review.example"), (row) => {
      if (is("group", "alice@review.example")(row)) return ["keep"];
      if (is("group", "dan@review.example")(row)) return ["keep-until:2027-02-30"];
      if (is("group", "bob@review.example")(row)) return ["revoke"];
      return undefined;
    });
    lead = editSheet(lead, is("application", "erin@review.example"), "how", "via group sales");
    lead = editSheet(lead, is("application", "bob@review.example"), "user", "zed@review.example");
    const it = fillSheet(csvOf("it@review.example"), (row) =>
      is("application", "alice@review.example")(row) ? ["revoke"] : undefined,
    );
    const outcome = apply({ [LEAD]: lead, [IT]: it });
    expect(outcome.proceed).toBe(false);
    expect(outcome.manifestText).toBe(campaignManifest);
    const issues = outcome.issues.map(formatSheetIssue).map((m) => m.replace(/\((A|G)-[0-9a-f]{12}\)/, "(id)"));
    expect(issues).toEqual([
      'it.csv row 2 (id): conflicts with lead.csv row 6 (keep by lead@review.example) on alice@review.example in group "engineering": agree on one decision.',
      'lead.csv row 3 (id): unknown person "zed@review.example": no user of the organization has that email. Only decision and note may change.',
      "lead.csv row 5 (id): edited row cells (how): only decision and note may change. Restore the row as the campaign wrote it.",
      'lead.csv row 6 (id): conflicts with it.csv row 2 (revoke by it@review.example) on alice@review.example in group "engineering": agree on one decision.',
      'lead.csv row 8 (id): "keep-until:2027-02-30" has no valid date: Write keep, revoke or keep-until:YYYY-MM-DD (e.g. keep-until:2027-03-31), or leave it empty.',
    ]);

    // With --partial, the valid decision (bob's revoke) is applied and the rest reported.
    const partial = apply({ [LEAD]: lead, [IT]: it }, { partial: true });
    expect(partial.proceed).toBe(true);
    expect(partial.issues).toHaveLength(5);
    expect(partial.run.refused).toHaveLength(5);
    expect(partial.decisions.map((d) => [d.current.user, d.current.entitlement])).toEqual([
      ["bob@review.example", "engineering"],
    ]);
    expect(partial.manifestText).toBe(
      campaignManifest.replace("      - email: bob@review.example\n        reason: on leave\n", ""),
    );
  });

  it("refuses a stale sheet: access added, removed or changed since it was written, and unknown rows", () => {
    const lead = fillSheet(csvOf("lead@review.example"), (row) => {
      if (is("application", "erin@review.example")(row)) return ["revoke"];
      if (is("application", "dan@review.example")(row)) return ["keep"];
      if (is("group", "alice@review.example")(row)) return ["keep"];
      return undefined;
    });
    // Since the campaign: erin's direct GitHub assignment was removed, carol joined engineering, dan also got GitHub
    // directly.
    const later = campaignGraph({
      ...campaignOrg,
      groups: campaignOrg.groups.map((g) =>
        g.name === "engineering" ? { ...g, members: [...g.members, "carol@review.example"] } : g,
      ),
      applications: campaignOrg.applications.map((a) =>
        a.name === "github" ? { ...a, users: ["dan@review.example"] } : a,
      ),
    });
    const outcome = apply({ [LEAD]: lead }, { graph: later });
    expect(outcome.proceed).toBe(false);
    expect(outcome.manifestText).toBe(campaignManifest);
    const issues = outcome.issues.map(formatSheetIssue).map((m) => m.replace(/\((A|G)-[0-9a-f]{12}\)/, "(id)"));
    expect(issues).toEqual([
      "lead.csv: stale sheet: the access it shows changed since it was written (2 accesses added (carol@review.example on GitHub, carol@review.example on engineering); 1 removed (erin@review.example on GitHub); 1 changed (dan@review.example on GitHub)). Start a new campaign for lead@review.example.",
      'lead.csv row 4 (id): the grant changed since the sheet was written: how was "via group engineering", is now "direct and via group engineering". Review it again in a new campaign.',
      'lead.csv row 5 (id): unknown row: erin@review.example has no application "GitHub" on lead@review.example\'s sheet any more (the access was removed, or the owner changed, since the sheet was written).',
    ]);
  });

  it("refuses rows removed from a sheet, rows pasted from another sheet, and sheets of two campaigns", () => {
    const lead = csvOf("lead@review.example");
    const lines = lead.split("\r\n");
    const shortened = [...lines.slice(0, 3), ...lines.slice(4)].join("\r\n");
    const pasted = `${lead}${csvOf("it@review.example").split("\r\n")[1]}\r\n`;
    const other = buildCampaign({
      graph: campaignGraph(),
      manifest: parsedManifest(),
      manifestText: `${campaignManifest}# another comment\n`,
      now: campaignNow,
    });
    const otherIt = sheetCsv(other.sheets.find((s) => s.owner === "it@review.example")?.cells ?? []);
    const messages = (sheets: Record<string, string>) =>
      apply(sheets)
        .issues.map(formatSheetIssue)
        .map((m) => m.replace(/\((A|G)-[0-9a-f]{12}\)/, "(id)"));
    expect(messages({ [LEAD]: shortened })).toEqual([
      "lead.csv: rows were removed from or added to the sheet: return the whole sheet as it was written, with decisions filled in.",
    ]);
    expect(messages({ [LEAD]: pasted })).toEqual([
      "lead.csv row 9 (id): edited row cells: its owner differs from the sheet's first row (a row pasted from another sheet?). Only decision and note may change.",
      "lead.csv row 9 (id): edited row cells: its sheet_fingerprint differs from the sheet's first row (a row pasted from another sheet?). Only decision and note may change.",
    ]);
    expect(messages({ [LEAD]: lead, [IT]: otherIt })).toEqual([
      `lead.csv, it.csv: the sheets come from 2 campaigns (${[campaign.id, other.id].sort().join(", ")}): apply one campaign's sheets at a time.`,
    ]);
    expect(messages({ [LEAD]: "owner,decision\r\nx,keep\r\n" })[0]).toMatch(
      /^lead\.csv: not a review sheet: the columns row_id, type, .* are missing\./,
    );
  });
});
