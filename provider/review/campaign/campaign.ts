import { createHash } from "node:crypto";
import type { ParsedManifest } from "../../manifest/parse-manifest";
import type { AccessGraph } from "../../sync/graph";
import { graphContentHash } from "../canonical-json";
import { campaignRows } from "./campaign-rows";
import { sheetHtml } from "./campaign-html";
import { type SheetCells, sheetCsv, sheetCells } from "./campaign-sheet";

export interface CampaignSheet {
  owner: string;
  /** File names (without directory) of the sheet's CSV and HTML page. */
  csvFile: string;
  htmlFile: string;
  fingerprint: string;
  cells: SheetCells[];
}

export interface Campaign {
  /** `YYYY-MM-DD-<hex>`: the day and a hash of the access and the manifest the sheets were made from. */
  id: string;
  createdAt: string;
  graph: { generatedAt: string; contentHash: string };
  /** sha256 of the manifest text the sheets were made from. */
  manifestSha256: string;
  sheets: CampaignSheet[];
}

export interface CampaignInput {
  graph: AccessGraph;
  manifest: Pick<ParsedManifest, "manifest" | "grants">;
  manifestText: string;
  now: Date;
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** A file name for an owner's sheet: the email, with anything a file system might mind replaced. */
export const sheetBaseName = (owner: string): string => owner.replace(/[^A-Za-z0-9@._+-]/g, "_");

export function buildCampaign(input: CampaignInput): Campaign {
  const contentHash = graphContentHash(input.graph);
  const manifestSha256 = sha256(input.manifestText);
  const day = input.now.toISOString().slice(0, 10);
  const id = `${day}-${sha256(`${contentHash}\n${manifestSha256}`).slice(0, 8)}`;
  const owners = campaignRows({ graph: input.graph, manifest: input.manifest.manifest, grants: input.manifest.grants });
  return {
    id,
    createdAt: input.now.toISOString(),
    graph: { generatedAt: input.graph.generatedAt, contentHash },
    manifestSha256,
    sheets: owners.map(({ owner, rows }) => {
      const cells = sheetCells(owner, id, rows);
      const base = sheetBaseName(owner);
      return {
        owner,
        csvFile: `${base}.csv`,
        htmlFile: `${base}.html`,
        fingerprint: cells[0]?.sheet_fingerprint ?? "",
        cells,
      };
    }),
  };
}

/** The campaign's index file: which sheets were sent to whom, with their fingerprints. */
export const CAMPAIGN_INDEX_FILE = "campaign.json";

/** Every file of a campaign, name and content: each sheet (CSV and HTML) and the index. */
export function campaignFiles(campaign: Campaign, organization: string): [name: string, content: string][] {
  const files: [string, string][] = [];
  for (const sheet of campaign.sheets) {
    files.push([sheet.csvFile, sheetCsv(sheet.cells)]);
    files.push([
      sheet.htmlFile,
      sheetHtml({
        owner: sheet.owner,
        campaign: campaign.id,
        graphGeneratedAt: campaign.graph.generatedAt,
        organization,
        csvFile: sheet.csvFile,
        cells: sheet.cells,
      }),
    ]);
  }
  const index = {
    campaign: campaign.id,
    createdAt: campaign.createdAt,
    graph: campaign.graph,
    manifestSha256: campaign.manifestSha256,
    sheets: campaign.sheets.map((s) => ({
      owner: s.owner,
      csv: s.csvFile,
      html: s.htmlFile,
      rows: s.cells.length,
      fingerprint: s.fingerprint,
    })),
  };
  files.push([CAMPAIGN_INDEX_FILE, `${JSON.stringify(index, null, 2)}\n`]);
  return files;
}
