import { formatSheetIssue } from "./apply-review";
import type { ApplyOutcome } from "./apply-review";

const cell = (text: string): string => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** What `review apply` did, as Markdown a reviewer pastes into the pull request that carries the edit. */
export function applySummary(outcome: ApplyOutcome, manifestFile: string, recordFile: string | null): string {
  const lines: string[] = [];
  const campaign = outcome.campaign ?? "(no single campaign)";
  lines.push(`### Access review ${campaign}: decisions applied to \`${manifestFile}\``, "");
  const sheets = outcome.sheets.map(
    (s) => `${s.owner} (\`${s.file}\`: ${s.decided} of ${s.rows} rows decided${s.current ? "" : ", stale"})`,
  );
  lines.push(`Sheets: ${sheets.join(", ") || "none"}.`, "");
  if (outcome.decisions.length > 0) {
    lines.push("| Reviewer | Person | Access | Decision | Note | Change |", "| --- | --- | --- | --- | --- | --- |");
    for (const d of outcome.decisions) {
      const decision = d.decision.kind === "keep-until" ? `keep until ${d.decision.day}` : d.decision.kind;
      lines.push(
        `| ${cell(d.reviewer)} | ${cell(d.current.user)} | ${cell(`${d.current.entitlementType} ${d.current.entitlement} (${d.current.how}; ${d.current.status})`)} | ${decision} | ${cell(d.note)} | ${cell(d.changes.join("; "))} |`,
      );
    }
    lines.push("");
  }
  const undecided = outcome.sheets.reduce((n, s) => n + s.rows - s.decided, 0);
  lines.push(
    `${outcome.decisions.length} decisions applied, ${outcome.changes.length} manifest entries changed, ${undecided} rows left undecided.`,
  );
  if (outcome.issues.length > 0) {
    lines.push("", `Not applied (${outcome.issues.length}):`, ...outcome.issues.map((i) => `- ${formatSheetIssue(i)}`));
  }
  if (recordFile) lines.push("", `Record: \`${recordFile}\`. \`pulumi up\` makes the change in JumpCloud.`);
  return `${lines.join("\n")}\n`;
}
