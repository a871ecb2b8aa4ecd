/**
 * Access reviews: pure functions over an `AccessGraph`, and the exports people read. Everything here is pure except
 * `files/`, which reads graphs and managed ids from files and writes the reports.
 */
export { type AccessCsvOptions, ACCESS_CSV_COLUMNS, accessCsv } from "./access-csv";
export { canonicalJson, graphContentHash } from "./canonical-json";
export { type ConsoleLinks, consoleLinks } from "./console-links";
export { formatCsv, parseCsv, parseCsvRecords } from "./csv-format";
export { type AccessChange, diffGraphs, type GraphDiff, isEmptyDiff } from "./diff";
export { ADMIN_ACCOUNTS_EXPLANATION, SUSPENDED_EXPLANATION, UNMANAGED_EXPLANATION } from "./explanations";
export { allGrants, describeGrant, type GrantDescription } from "./graph-index";
export { reviewHtml } from "./html-report";
export { accessGraphSchema, graphFromJsonText, parseAccessGraph } from "./parse-graph";
export { loadAccessGraph } from "./files/load-graph";
export { type MarkdownOptions, reviewMarkdown } from "./markdown";
export { groupsApplicationsMermaid } from "./mermaid";
export { redactEmail, redactGraph } from "./redact";
export { buildReviewReport, type ReviewReport, type ReviewReportOptions, type ReviewSummary } from "./review-report";
export * from "./reviews";
export { compareManaged, type ManagedComparison, type UnmanagedGrant, unmanagedGrants } from "./unmanaged";
export {
  type AccessGraphInputs,
  type AccessGraphOutputs,
  accessGraphOutputs,
  DEFAULT_MAX_INLINE_BYTES,
  type InlineOutput,
} from "./access-graph-outputs";
export { REPORT_FILES, reportFiles } from "./report-files";
export { writeReviewReports } from "./files/write-reports";
export { managedEdgeIdsFrom } from "./managed-ids";
export { loadManagedEdgeIds } from "./files/load-managed-ids";
export { groupsApplicationsSvg } from "./svg-diagram";
