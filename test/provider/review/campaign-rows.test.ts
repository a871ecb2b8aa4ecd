import { describe, expect, it } from "vitest";
import { buildCampaign, campaignRows, parseSheet, sheetCsv } from "../../../provider/review/campaign";
import { sheetHtml } from "../../../provider/review/campaign/campaign-html";
import { sheetCells } from "../../../provider/review/campaign/campaign-sheet";
import { campaignGraph, campaignManifest, campaignNow, campaignOrg, parsedManifest } from "./campaign-fixture";

const rowsOf = (text = campaignManifest, graph = campaignGraph()) => {
  const parsed = parsedManifest(text);
  return campaignRows({ graph, manifest: parsed.manifest, grants: parsed.grants });
};
const table = (owner: string, text = campaignManifest) =>
  (rowsOf(text).find((o) => o.owner === owner)?.rows ?? []).map((r) => [
    r.entitlementType,
    r.entitlement,
    r.user,
    r.how,
    r.status,
    r.expires,
  ]);

describe("review campaign rows", () => {
  it("lists, per owner, everyone who reaches each application or is in each group, how, and the grant's status", () => {
    expect(rowsOf().map((o) => o.owner)).toEqual([
      "it@review.example",
      "lead@review.example",
      "sales-lead@review.example",
    ]);
    expect(table("it@review.example")).toEqual([
      ["application", "Slack", "alice@review.example", "direct and via group engineering", "managed", ""],
      ["application", "Slack", "bob@review.example", "via group engineering", "managed; suspended-user", ""],
      ["application", "Slack", "carol@review.example", "direct", "unmanaged", ""],
      ["application", "Slack", "dan@review.example", "via group engineering", "unmanaged", ""],
    ]);
    expect(table("lead@review.example")).toEqual([
      ["application", "GitHub", "alice@review.example", "via group engineering", "managed", ""],
      ["application", "GitHub", "bob@review.example", "via group engineering", "managed; suspended-user", ""],
      ["application", "GitHub", "dan@review.example", "via group engineering", "unmanaged", ""],
      ["application", "GitHub", "erin@review.example", "direct", "unmanaged", ""],
      ["group", "engineering", "alice@review.example", "direct", "managed", ""],
      ["group", "engineering", "bob@review.example", "direct", "managed; suspended-user", ""],
      ["group", "engineering", "dan@review.example", "direct", "unmanaged", ""],
    ]);
    const dan = rowsOf()[0]?.rows.find((r) => r.user === "dan@review.example");
    // The group's assignment is shared; dan's own grant is the membership, which the manifest does not declare.
    expect(dan?.grants.map((g) => [g.key, g.personal, g.declaredAt ?? null])).toEqual([
      ["assignment:Slack:group:engineering", false, "applications.Slack.groups[0]"],
      ["membership:engineering:dan@review.example", true, null],
    ]);
  });

  it("shows expiring and already-revoked grants, and gives each of several owners the same rows", () => {
    const text = campaignManifest
      .replace("    owner: it@review.example", "    owner: [it@review.example, Lead@review.example]")
      .replace(
        "      - alice@review.example # founder",
        "      - email: alice@review.example\n        expires: 2027-01-31T17:00:00Z",
      )
      .replace("# trailing comment", "revoked:\n  applications:\n    Slack:\n      users: [carol@review.example]");
    expect(table("it@review.example", text).slice(0, 3)).toEqual([
      [
        "application",
        "Slack",
        "alice@review.example",
        "direct and via group engineering",
        "managed; expiring",
        "2027-01-31T17:00:00.000Z",
      ],
      ["application", "Slack", "bob@review.example", "via group engineering", "managed; suspended-user", ""],
      ["application", "Slack", "carol@review.example", "direct", "unmanaged; revoked", ""],
    ]);
    const lead = table("lead@review.example", text);
    expect(lead.filter((r) => r[1] === "Slack")).toEqual(table("it@review.example", text));
    expect(lead).toHaveLength(7 + 4);
  });

  it("keeps row ids and the sheet fingerprint across syncs of unchanged access, and changes the fingerprint when access changes", () => {
    const parsed = parsedManifest();
    const make = (graph = campaignGraph()) =>
      buildCampaign({ graph, manifest: parsed, manifestText: campaignManifest, now: campaignNow });
    const first = make();
    const again = make(campaignGraph({ ...campaignOrg, generatedAt: "2026-12-01T10:00:00.000Z" }));
    expect(again.id).toBe(first.id);
    expect(again.sheets.map((s) => s.fingerprint)).toEqual(first.sheets.map((s) => s.fingerprint));
    expect(again.sheets.map((s) => s.cells.map((c) => c.row_id))).toEqual(
      first.sheets.map((s) => s.cells.map((c) => c.row_id)),
    );
    const groups = campaignOrg.groups.map((g) =>
      g.name === "engineering" ? { ...g, members: [...g.members, "carol@review.example"] } : g,
    );
    // Fingerprints are compared within one campaign (they cover its id): the owners' rows as of another sync.
    const fingerprints = (graph: ReturnType<typeof campaignGraph>) =>
      Object.fromEntries(
        rowsOf(campaignManifest, graph).map((o) => [
          o.owner,
          sheetCells(o.owner, first.id, o.rows)[0]?.sheet_fingerprint,
        ]),
      );
    const before = fingerprints(campaignGraph());
    expect(before["lead@review.example"]).toBe(
      first.sheets.find((s) => s.owner === "lead@review.example")?.fingerprint,
    );
    const after = fingerprints(campaignGraph({ ...campaignOrg, groups }));
    expect(after["sales-lead@review.example"]).toBe(before["sales-lead@review.example"]);
    expect(after["lead@review.example"]).not.toBe(before["lead@review.example"]);
    expect(after["it@review.example"]).not.toBe(before["it@review.example"]);
  });

  it("writes the same rows to the CSV and the HTML page, and reads the CSV back unchanged", () => {
    const parsed = parsedManifest();
    const campaign = buildCampaign({
      graph: campaignGraph(),
      manifest: parsed,
      manifestText: campaignManifest,
      now: campaignNow,
    });
    const sheet = campaign.sheets.find((s) => s.owner === "lead@review.example");
    if (!sheet) throw new Error("no sheet for lead@review.example");
    const read = parseSheet(sheetCsv(sheet.cells));
    if (!read.ok) throw new Error(read.reason);
    expect(read.rows.map((r) => r.cells)).toEqual(sheet.cells);
    expect(read.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const html = sheetHtml({
      owner: sheet.owner,
      campaign: campaign.id,
      graphGeneratedAt: campaign.graph.generatedAt,
      organization: "Review Corp",
      csvFile: sheet.csvFile,
      cells: sheet.cells,
    });
    for (const cells of sheet.cells) expect(html).toContain(`<code>${cells.row_id}</code>`);
    expect(html.match(/<tr class="[^"]*"|<tr>/g)?.length).toBe(sheet.cells.length + 2);
    expect(html).toContain(sheet.fingerprint);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src=/);
  });

  it("refuses an owner on a group or application the organization does not have, naming it", () => {
    const text = campaignManifest.replace("  sales:\n", "  sales-team:\n");
    expect(() => rowsOf(text)).toThrow(/owners for group "sales-team", which the organization does not have/);
  });
});
