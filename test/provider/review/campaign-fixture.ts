import { parseManifest } from "../../../provider/manifest";
import { formatCsv, parseCsv } from "../../../provider/review";
import type { AccessGraph } from "../../../provider/sync/graph";
import { buildGraph, type OrgFixture } from "./fixtures";

/**
 * An org for review campaigns: access direct, via a group and both; a suspended user; access granted outside code
 * (dan's membership, carol's and erin's direct assignments); two owners sharing the engineering group's members.
 */
export const campaignOrg: OrgFixture = {
  users: [
    { email: "alice@review.example" },
    { email: "bob@review.example", state: "suspended" },
    { email: "carol@review.example" },
    { email: "dan@review.example" },
    { email: "erin@review.example" },
  ],
  groups: [
    { name: "engineering", members: ["alice@review.example", "bob@review.example", "dan@review.example"] },
    { name: "sales", members: ["erin@review.example"] },
  ],
  applications: [
    { name: "slack", label: "Slack", groups: ["engineering"], users: ["alice@review.example", "carol@review.example"] },
    { name: "github", label: "GitHub", groups: ["engineering"], users: ["erin@review.example"] },
  ],
  roles: [],
  admins: [],
};

export const campaignManifest = `# Access for Review Corp
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
    owner: it@review.example
    groups: [engineering]
    users:
      - alice@review.example # direct too
  GitHub:
    owner: lead@review.example
    groups:
      - engineering
# trailing comment
`;

export const campaignNow = new Date("2026-12-01T09:00:00Z");

export function campaignGraph(org: OrgFixture = campaignOrg): AccessGraph {
  return buildGraph(org);
}

export function parsedManifest(text: string = campaignManifest) {
  const result = parseManifest(text, { now: campaignNow });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

/** Fills `decision` (and `note`) of the rows `decide` picks, the way a reviewer's spreadsheet would. */
export function fillSheet(csv: string, decide: (row: Record<string, string>) => [string, string?] | undefined): string {
  const [header = [], ...rows] = parseCsv(csv);
  const at = (name: string) => header.indexOf(name);
  const filled = rows.map((fields) => {
    const record = Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ""]));
    const decision = decide(record);
    const out = [...fields];
    if (decision) {
      out[at("decision")] = decision[0];
      out[at("note")] = decision[1] ?? "";
    }
    return out;
  });
  return formatCsv(header, filled);
}

/** Rewrites one cell of the rows `pick` selects (an edit a reviewer should not make). */
export function editSheet(csv: string, pick: (row: Record<string, string>) => boolean, column: string, value: string) {
  const [header = [], ...rows] = parseCsv(csv);
  const edited = rows.map((fields) => {
    const record = Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ""]));
    const out = [...fields];
    if (pick(record)) out[header.indexOf(column)] = value;
    return out;
  });
  return formatCsv(header, edited);
}
