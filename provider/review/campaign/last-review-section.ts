import { esc, type Row, tableBlock, text } from "../html-page";
import type { ReviewRecord } from "./review-record";

/** The review report's "last review" section: the newest run of the newest campaign record, decision by decision. */
export function lastReviewSection(records: readonly ReviewRecord[]): string {
  const record = records[records.length - 1];
  const run = record?.runs[record.runs.length - 1];
  if (!record || !run) return "";
  const counts = new Map<string, number>();
  for (const d of run.decisions) {
    const kind = d.decision.startsWith("keep-until") ? "keep-until" : d.decision;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const tally = [...counts.entries()].map(([kind, n]) => `${n} ${kind}`).join(", ") || "no decisions";
  const reviewers = [...new Set(run.sheets.map((s) => s.reviewer))].join(", ");
  const rows: Row[] = run.decisions.map((d) => ({
    cells: [
      text(d.reviewer),
      text(d.user),
      text(`${d.type} ${d.entitlement}`),
      text(d.how),
      text(d.decision),
      text(d.note),
      text(d.changes.join("; ")),
    ],
  }));
  const table = tableBlock({
    id: "last-review-decisions",
    kind: "review-decision",
    title: "Decisions",
    columns: [
      { label: "Reviewer" },
      { label: "Person" },
      { label: "Access" },
      { label: "How" },
      { label: "Decision" },
      { label: "Note" },
      { label: "Change" },
    ],
    rows,
  });
  return `<section id="last-review"><h2>Last review</h2>
<p class="explain">Campaign <code>${esc(record.campaign)}</code>, applied ${esc(run.appliedAt)} to <code>${esc(run.manifest.file)}</code>${run.partial ? " (partially)" : ""} by the decisions of ${esc(reviewers || "nobody")}: ${esc(tally)}; ${run.edit.length} manifest entries changed${run.refused.length > 0 ? `, ${run.refused.length} not applied` : ""}. The change reaches JumpCloud with the next <code>pulumi up</code>.</p>
${table}</section>`;
}
