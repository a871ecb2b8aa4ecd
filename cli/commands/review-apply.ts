/**
 * `jumpcloud-access review apply`: the decisions of returned campaign sheets become an edit of the manifest (comments,
 * order and formatting kept), a record of the review next to it, and a summary for the pull request.
 */
import { rename, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { JumpCloudError, redactSecrets } from "../../provider/errors";
import { manifestError } from "../../provider/manifest/manifest-error";
import { parseManifest } from "../../provider/manifest/parse-manifest";
import { applyReview, formatSheetIssue } from "../../provider/review/campaign/apply-review";
import { parseSheet } from "../../provider/review/campaign/campaign-sheet";
import { applySummary } from "../../provider/review/campaign/apply-summary";
import { appendReviewRun } from "../../provider/review/files/review-records";
import { loadAccessGraph } from "../../provider/review/files/load-graph";
import { registerKeysOf, reportFailure, sayTo } from "../command-support";
import { liveSync, type ReviewIo, readText } from "./review-io";

/** Exit code when decisions were refused and nothing was written. */
export const REVIEW_APPLY_REFUSED_EXIT_CODE = 8;

const HELP = `Usage: jumpcloud-access review apply SHEET.csv... --manifest access.yaml [--graph graph.json] [--partial]

Applies the decisions of campaign sheets (written by "jumpcloud-access review campaign") to the manifest:
  revoke                 removes the grant from the manifest; access through a group removes the person from
                         that group (and says what else that ends); access granted outside code is listed under
                         "revoked", so the next update removes it
  keep-until:YYYY-MM-DD  sets "expires" to the end of that day (UTC); access granted outside code is adopted with it
  keep                   adopts access granted outside code; managed access stays as it is

Every sheet is checked against the access as it is now (a live sync, or --graph) and the manifest: a sheet whose
access changed since it was written, an edited row, an unknown row or person, or a malformed decision is reported
with its sheet and row, and nothing is written unless every decision is valid (or --partial is given).

Writes the manifest in place, and adds this run to access-review-<campaign>.json next to it (sheet hashes,
reviewers, each decision, the manifest edit). Prints a summary to paste into the pull request.

Options:
  --manifest <file>  the access manifest to edit (required)
  --graph <file>     check against a saved graph instead of syncing
  --partial          apply the valid decisions even when others are refused
  --ticket <id>      written as "ticket" on entries this run adds
  --dry-run          check and print the summary, write nothing
  --quiet            print only problems

Exit codes: 0 applied, ${REVIEW_APPLY_REFUSED_EXIT_CODE} decisions refused and nothing written, 2 usage, 3-6 as for sync, 1 anything else.`;

export async function runApply(args: string[], io: ReviewIo, now: () => Date = () => new Date()): Promise<number> {
  const say = sayTo(io.stderr);
  try {
    // The key is known to the redactor before anything typed is parsed or echoed (a key pasted as a sheet path).
    registerKeysOf(args, io.env);
    const { values: flags, positionals: sheets } = parse(args);
    if (flags.help) {
      io.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (!flags.manifest || sheets.length === 0) {
      throw new JumpCloudError("invalid_input", "review apply: give the sheets and --manifest.", {
        hint: 'E.g. "jumpcloud-access review apply review/*.csv --manifest access.yaml".',
      });
    }
    const manifestText = await readText(flags.manifest, "the access manifest");
    const files = [];
    for (const file of sheets) files.push({ file, text: await readText(file, "the review sheet") });
    // Files that are not sheets, and a manifest that does not validate, are refused before any request is sent.
    const unreadable = files.flatMap((f) => {
      const parsed = parseSheet(f.text);
      return parsed.ok ? [] : [`${f.file}: ${parsed.reason}`];
    });
    for (const line of unreadable) say(`refused: ${line}`);
    if (unreadable.length > 0) {
      say('Nothing was written: give the CSV sheets written by "jumpcloud-access review campaign".');
      return REVIEW_APPLY_REFUSED_EXIT_CODE;
    }
    const manifestCheck = parseManifest(manifestText, { now: now() });
    if (!manifestCheck.ok) throw manifestError(flags.manifest, manifestCheck.errors);
    const graph = flags.graph ? await loadAccessGraph(flags.graph) : await liveSync(io.env);
    const outcome = applyReview({
      sheets: files,
      manifestFile: flags.manifest,
      manifestText,
      graph,
      now: now(),
      partial: flags.partial === true,
      ticket: flags.ticket,
    });
    for (const issue of outcome.issues) say(`${outcome.proceed ? "skipped" : "refused"}: ${formatSheetIssue(issue)}`);
    if (!outcome.proceed) {
      say(
        `Nothing was written: ${outcome.issues.length} problem${outcome.issues.length === 1 ? "" : "s"}. Fix the sheets (or use --partial to apply the valid decisions).`,
      );
      return REVIEW_APPLY_REFUSED_EXIT_CODE;
    }
    let record: string | null = null;
    if (!flags["dry-run"]) {
      if (outcome.manifestText !== manifestText) {
        const temp = `${flags.manifest}.${process.pid}.tmp`;
        await writeFile(temp, outcome.manifestText, "utf8");
        await rename(temp, flags.manifest);
      }
      record = await appendReviewRun(flags.manifest, outcome.campaign ?? "", outcome.run);
    }
    if (!flags.quiet) io.stdout.write(applySummary(outcome, flags.manifest, record));
    return 0;
  } catch (error) {
    return reportFailure(error, say);
  }
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        manifest: { type: "string", short: "m" },
        graph: { type: "string" },
        partial: { type: "boolean" },
        ticket: { type: "string" },
        "dry-run": { type: "boolean" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new JumpCloudError("invalid_input", `review apply: ${redactSecrets(detail)}`, {
      hint: 'Run "jumpcloud-access review apply --help" for the options.',
    });
  }
}
