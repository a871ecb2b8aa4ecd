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

/** Every export of one report, as file name and content, in the order they are written. */
export function reportFiles(report: ReviewReport): [string, string][] {
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
  return files;
}
