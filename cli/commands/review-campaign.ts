import { JumpCloudError } from "../../provider/errors";
import { manifestError } from "../../provider/manifest/manifest-error";
import { parseManifest } from "../../provider/manifest/parse-manifest";
import { buildCampaign, CAMPAIGN_INDEX_FILE } from "../../provider/review/campaign/campaign";
import { writeCampaign } from "../../provider/review/files/campaign-files";
import { loadAccessGraph } from "../../provider/review/files/load-graph";
import { parseCommandFlags, reportFailure, sayTo } from "../command-support";
import { liveSync, type ReviewIo, readText } from "./review-io";

const HELP = `Usage: jumpcloud-access review campaign --manifest access.yaml --out DIR [--graph graph.json]

Writes one sheet per owner named in the manifest (the "owner" of groups and applications) to DIR:
  <owner>.csv    every person who can reach the owner's applications or is in the owner's groups, how (direct,
                 via which group, both), the grant's status (managed, unmanaged, expiring, revoked,
                 suspended-user), and empty decision and note columns to fill in
  <owner>.html   the same rows as a self-contained page, where decisions can be chosen and the CSV
                 downloaded filled in
  ${CAMPAIGN_INDEX_FILE}  the campaign id and each sheet's fingerprint

Decisions: keep, revoke, keep-until:YYYY-MM-DD. Apply the returned sheets with
"jumpcloud-access review apply SHEET... --manifest access.yaml".

The access comes from --graph, or else from a live sync configured like "jumpcloud-access review"
(JUMPCLOUD_API_KEY, JUMPCLOUD_ORG_ID, JUMPCLOUD_API_URL).

Options:
  --manifest <file>  the access manifest naming the owners (required)
  --out <dir>        where to write the sheets (created if missing; required)
  --graph <file>     use a saved graph instead of syncing
  --quiet            print nothing on success`;

interface Flags {
  manifest?: string | undefined;
  out?: string | undefined;
  graph?: string | undefined;
  quiet?: boolean | undefined;
  help?: boolean | undefined;
}

export async function runCampaign(args: string[], io: ReviewIo, now: () => Date = () => new Date()): Promise<number> {
  const say = sayTo(io.stderr);
  try {
    const flags: Flags = parseCommandFlags(
      "review campaign",
      args,
      {
        manifest: { type: "string", short: "m" },
        out: { type: "string", short: "o" },
        graph: { type: "string" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
      },
      io.env,
    );
    if (flags.help) {
      io.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (!flags.manifest || !flags.out) {
      throw new JumpCloudError("invalid_input", "review campaign: --manifest and --out are required.", {
        hint: 'E.g. "jumpcloud-access review campaign --manifest access.yaml --out review-2026-q4".',
      });
    }
    // The manifest and a saved graph are read and checked before any request is sent.
    const manifestText = await readText(flags.manifest, "the access manifest");
    const parsed = parseManifest(manifestText, { now: now() });
    if (!parsed.ok) throw manifestError(flags.manifest, parsed.errors);
    const graph = flags.graph ? await loadAccessGraph(flags.graph) : await liveSync(io.env);
    const campaign = buildCampaign({ graph, manifest: parsed, manifestText, now: now() });
    if (campaign.sheets.length === 0) {
      throw new JumpCloudError(
        "invalid_input",
        `${flags.manifest} names no owner: there is nobody to send a sheet to.`,
        {
          hint: 'Add "owner: <email>" to the groups and applications to review.',
        },
      );
    }
    const organization = graph.org.name ?? graph.org.id ?? "the JumpCloud organization";
    await writeCampaign(flags.out, campaign, organization);
    if (!flags.quiet) {
      const lines = campaign.sheets.map((s) => `  ${s.owner}: ${s.cells.length} rows (${s.csvFile}, ${s.htmlFile})`);
      io.stdout.write(
        `Campaign ${campaign.id} of ${organization} (access synced ${graph.generatedAt}): ${campaign.sheets.length} sheets in ${flags.out}\n${lines.join("\n")}\n`,
      );
    }
    return 0;
  } catch (error) {
    return reportFailure(error, say);
  }
}
