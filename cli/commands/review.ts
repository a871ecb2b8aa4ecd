/**
 * `jumpcloud-access review`: writes the access review exports (graph JSON, CSV, Markdown, HTML, Mermaid) for a saved
 * graph or a live sync, optionally against a previous graph and a list of the edges a stack manages.
 */
import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { JumpCloudError } from "../../provider/errors";
import { loadAccessGraph } from "../../provider/review/files/load-graph";
import { loadManagedEdgeIds } from "../../provider/review/files/load-managed-ids";
import { loadReviewRecords } from "../../provider/review/files/review-records";
import { buildReviewReport, type ReviewReport } from "../../provider/review/review-report";
import { writeReviewReports } from "../../provider/review/files/write-reports";
import type { Command } from "../command";
import { parseCommandFlags, reportFailure, sayTo } from "../command-support";
import { runApply } from "./review-apply";
import { liveSync, type ReviewIo } from "./review-io";
import { runCampaign } from "./review-campaign";

/** Exit code of `--fail-on-unmanaged` when unmanaged grants exist (the sync's codes are 0–6). */
export const REVIEW_UNMANAGED_EXIT_CODE = 7;

const HELP = `Usage: jumpcloud-access review --out DIR [--graph graph.json] [options]
       jumpcloud-access review campaign --manifest access.yaml --out DIR   (one sheet per owner; see --help)
       jumpcloud-access review apply SHEET... --manifest access.yaml       (decisions into the manifest; see --help)

Writes the access review of an organization to DIR:
  graph.json               the access graph (documented JSON)
  access.csv               one row per principal × entitlement × path, with console links (for spreadsheets)
  review.md                summary for a pull request comment
  review.html              self-contained report: tables per application, group and role, search and sort
  groups-applications.mmd  Mermaid diagram of groups → applications
  reviews.json, unmanaged.json, summary.json (and diff.json with --since)

The graph comes from --graph (a file written by "jumpcloud-access sync", this command, or the AccessGraph
resource), or else from a live sync configured by JUMPCLOUD_API_KEY, JUMPCLOUD_ORG_ID and JUMPCLOUD_API_URL.

Options:
  --out <dir>            where to write the reports (created if missing)
  --graph <file>         use a saved graph instead of syncing
  --since <file>         a previous graph: the reports show access added and removed since
  --managed <file>       the edges a stack manages: a JSON array of grant ids, "pulumi stack output --json"
                         with managedEdgeIds, or "pulumi stack export"; enables the unmanaged-access section
  --records <dir>        where "review apply" keeps its access-review-*.json records (the manifest's
                         directory): the HTML report shows the last review
  --redact-emails        replace emails with stable pseudonyms (user-1a2b3c4d@domain) in every file
  --fail-on-unmanaged    exit ${REVIEW_UNMANAGED_EXIT_CODE} when any grant is unmanaged (needs --managed)
  --quiet                print nothing on success

Exit codes: 0 done, 2 usage, 3 authentication, 4 permission, 5 network or service, 6 unexpected data,
${REVIEW_UNMANAGED_EXIT_CODE} unmanaged grants found (with --fail-on-unmanaged), 1 anything else.`;

interface Flags {
  out?: string | undefined;
  graph?: string | undefined;
  since?: string | undefined;
  managed?: string | undefined;
  records?: string | undefined;
  "redact-emails"?: boolean | undefined;
  "fail-on-unmanaged"?: boolean | undefined;
  quiet?: boolean | undefined;
  help?: boolean | undefined;
}

export type { ReviewIo } from "./review-io";

export async function runReview(args: string[], io: ReviewIo): Promise<number> {
  if (args[0] === "campaign") return runCampaign(args.slice(1), io);
  if (args[0] === "apply") return runApply(args.slice(1), io);
  const say = sayTo(io.stderr);
  try {
    const flags = parseFlags(args, io.env);
    if (flags.help) {
      io.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (!flags.out) {
      throw new JumpCloudError("invalid_input", "review: --out is required.", {
        hint: 'Name the directory for the reports, e.g. "jumpcloud-access review --out access-review".',
      });
    }
    if (flags["fail-on-unmanaged"] && !flags.managed) {
      throw new JumpCloudError("invalid_input", "review: --fail-on-unmanaged needs --managed.", {
        hint: "Give the ids the stack manages with --managed ids.json, or drop --fail-on-unmanaged.",
      });
    }
    // Every file is read and checked, and the output checked, before any request is sent.
    await checkReportDirectory(flags.out);
    const since = flags.since ? await loadAccessGraph(flags.since) : undefined;
    const managed = flags.managed ? await loadManagedEdgeIds(flags.managed) : undefined;
    const reviewRecords = flags.records ? await loadReviewRecords(flags.records) : undefined;
    const graph = flags.graph ? await loadAccessGraph(flags.graph) : await liveSync(io.env);
    const report = buildReviewReport(graph, {
      ...(managed ? { managedEdgeIds: managed } : {}),
      ...(since ? { since } : {}),
      ...(reviewRecords ? { reviewRecords } : {}),
      redactEmails: flags["redact-emails"] === true,
    });
    const files = await writeReviewReports(flags.out, report).catch((error: unknown) => {
      const code = (error as { code?: string }).code ?? "unwritable";
      throw new JumpCloudError("invalid_input", `review: cannot write the reports to ${flags.out} (${code}).`, {
        hint: "Check that the directory is writable, or pass another --out.",
      });
    });
    if (!flags.quiet) io.stdout.write(`${describe(report, flags.out, files.length)}\n`);
    if (flags["fail-on-unmanaged"] && report.unmanaged.length > 0) return REVIEW_UNMANAGED_EXIT_CODE;
    return 0;
  } catch (error) {
    return reportFailure(error, say);
  }
}

/**
 * `--out` must be a directory, or a path where one can be created: said plainly before a sync that may take minutes,
 * rather than as the raw EEXIST or ENOTDIR of the final mkdir.
 */
async function checkReportDirectory(out: string): Promise<void> {
  const existing = await stat(out).catch(() => undefined);
  if (existing) {
    if (existing.isDirectory()) return;
    throw new JumpCloudError("invalid_input", `review: --out ${out} is a file, not a directory.`, {
      hint: "Name a directory for the reports (it is created if missing), or move the file away.",
    });
  }
  // The nearest existing ancestor must be a directory for mkdir -p to succeed.
  let ancestor = dirname(resolve(out));
  for (;;) {
    const found = await stat(ancestor).catch(() => undefined);
    if (found) {
      if (found.isDirectory()) return;
      throw new JumpCloudError(
        "invalid_input",
        `review: cannot create the report directory ${out} (ENOTDIR: ${ancestor} is not a directory).`,
        { hint: "Check the path, or pass another --out." },
      );
    }
    const parent = dirname(ancestor);
    if (parent === ancestor) return;
    ancestor = parent;
  }
}

function parseFlags(args: string[], env: NodeJS.ProcessEnv): Flags {
  const text = { type: "string" } as const;
  const flag = { type: "boolean" } as const;
  return parseCommandFlags(
    "review",
    args,
    {
      out: { ...text, short: "o" },
      graph: text,
      since: text,
      managed: text,
      records: text,
      "redact-emails": flag,
      "fail-on-unmanaged": flag,
      quiet: { ...flag, short: "q" },
      help: { ...flag, short: "h" },
    },
    env,
  );
}

function describe(report: ReviewReport, out: string, fileCount: number): string {
  const c = report.summary.counts;
  const org = report.summary.org.name ? `"${report.summary.org.name}"` : (report.summary.org.id ?? "the organization");
  const lines = [
    `Review of ${org} (synced ${report.summary.generatedAt}): ${c.users} users, ${c.admins} admin accounts, ` +
      `${c.groups} groups, ${c.applications} applications, ${c.grants} grants, ${c.effectiveAccess} user × application accesses.`,
    `  suspended or locked users with access: ${c.suspendedWithAccess}; admin-only accounts: ${c.adminsWithoutUser}; ` +
      `people with two accounts: ${c.dualAccounts}`,
    `  unmanaged grants: ${c.unmanaged === null ? "not computed (no --managed)" : c.unmanaged}` +
      (c.managedButAbsent ? `; declared but absent from JumpCloud: ${c.managedButAbsent}` : ""),
  ];
  if (report.diff) {
    const d = report.diff;
    lines.push(
      `  since ${d.since.generatedAt}: access +${d.access.added.length} −${d.access.removed.length} ` +
        `~${d.access.changed.length}; grants +${d.grants.added.length} −${d.grants.removed.length}`,
    );
  }
  lines.push(`Wrote ${fileCount} files to ${out} (open review.html).`);
  return lines.join("\n");
}

export const reviewCommand: Command = {
  name: "review",
  summary:
    "write the access review (JSON, CSV, Markdown, HTML, Mermaid) from a live sync or a saved graph; campaign, apply",
  run: (args) => runReview(args, { stdout: process.stdout, stderr: process.stderr, env: process.env }),
};
