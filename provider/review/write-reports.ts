import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { accessCsv } from "./access-csv";
import { reviewHtml } from "./html-report";
import { reviewMarkdown } from "./markdown";
import { groupsApplicationsMermaid } from "./mermaid";
import type { ReviewReport } from "./review-report";

/** The files `writeReviewReports` writes, by role. */
export const REPORT_FILES = {
  graph: "graph.json",
  csv: "access.csv",
  markdown: "review.md",
  html: "review.html",
  mermaid: "groups-applications.mmd",
  reviews: "reviews.json",
  unmanaged: "unmanaged.json",
  summary: "summary.json",
  diff: "diff.json",
} as const;

/**
 * Writes every export of one report into `dir` (created if missing) and returns the absolute paths written.
 * Each file is written to a temporary name and renamed, so a reader never sees half a report.
 */
export async function writeReviewReports(dir: string, report: ReviewReport): Promise<string[]> {
  const out = resolve(dir);
  await mkdir(out, { recursive: true });
  const managed = report.managedEdgeIds === null ? {} : { managedEdgeIds: report.managedEdgeIds };
  const files: [string, string][] = [
    [REPORT_FILES.graph, `${JSON.stringify(report.graph, null, 2)}\n`],
    [REPORT_FILES.csv, accessCsv(report.graph, managed)],
    [REPORT_FILES.markdown, reviewMarkdown(report)],
    [REPORT_FILES.html, reviewHtml(report)],
    [REPORT_FILES.mermaid, groupsApplicationsMermaid(report.graph)],
    [REPORT_FILES.reviews, `${JSON.stringify(report.reviews, null, 2)}\n`],
    [
      REPORT_FILES.unmanaged,
      `${JSON.stringify(report.managedEdgeIdsGiven ? { unmanaged: report.unmanaged, managedButAbsent: report.managedButAbsent } : null, null, 2)}\n`,
    ],
    [REPORT_FILES.summary, `${JSON.stringify(report.summary, null, 2)}\n`],
  ];
  if (report.diff) files.push([REPORT_FILES.diff, `${JSON.stringify(report.diff, null, 2)}\n`]);
  const written: string[] = [];
  for (const [name, content] of files) {
    const path = join(out, name);
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, content, "utf8");
    await rename(temp, path);
    written.push(path);
  }
  return written;
}
