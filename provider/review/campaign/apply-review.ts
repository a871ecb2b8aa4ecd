import { createHash } from "node:crypto";
import { JumpCloudError } from "../../errors";
import { manifestError } from "../../manifest/manifest-error";
import { parseManifest } from "../../manifest/parse-manifest";
import { flattenRevoked } from "../../manifest/revoked-grants";
import { normalizeEmail } from "../../manifest/manifest-grant";
import type { AccessGraph } from "../../sync/graph";
import { graphContentHash } from "../canonical-json";
import { campaignRows } from "./campaign-rows";
import { type CheckedSheet, checkSheets, type SheetFile, type SheetIssue } from "./check-sheets";
import { formatDecision } from "./decision";
import { editManifestText } from "./manifest-edit";
import { type PlannedChange, type PlannedDecision, planEdits } from "./plan-edits";
import type { ReviewRun } from "./review-record";

export interface ApplyInput {
  sheets: readonly SheetFile[];
  /** The manifest's file name as given (for messages and the record) and its text. */
  manifestFile: string;
  manifestText: string;
  graph: AccessGraph;
  now: Date;
  /** Apply the valid decisions even when others are refused. */
  partial: boolean;
  ticket?: string | undefined;
}

export interface ApplyOutcome {
  /** Every decision or sheet that cannot be applied, with its sheet and row. */
  issues: SheetIssue[];
  /** Whether the manifest and the record should be written: no issue, or `partial`. */
  proceed: boolean;
  campaign: string | null;
  sheets: CheckedSheet[];
  decisions: PlannedDecision[];
  changes: PlannedChange[];
  /** The edited manifest text (equal to the input when nothing changes). */
  manifestText: string;
  /** The record entry of this run (only meaningful when `proceed`). */
  run: ReviewRun;
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

export const formatSheetIssue = (issue: SheetIssue): string =>
  `${issue.sheet}${issue.row === undefined ? "" : ` row ${issue.row}`}${issue.rowId ? ` (${issue.rowId})` : ""}: ${issue.reason}`;

/**
 * Checks the sheets against the access as it is now, plans the manifest edit and makes it in memory. Writes nothing:
 * the caller writes the manifest and the record only when `proceed` is true.
 */
export function applyReview(input: ApplyInput): ApplyOutcome {
  const parsed = parseManifest(input.manifestText, { now: input.now });
  if (!parsed.ok) throw manifestError(input.manifestFile, parsed.errors);
  const today = input.now.toISOString().slice(0, 10);
  const rowsNow = campaignRows({ graph: input.graph, manifest: parsed.manifest, grants: parsed.grants });
  const emails = new Set(input.graph.users.map((u) => normalizeEmail(u.email)));
  const checked = checkSheets(input.sheets, rowsNow, emails, today);
  const plan = planEdits(checked.decisions, {
    graph: input.graph,
    manifest: parsed.manifest,
    campaign: checked.campaign ?? "",
    today,
    ticket: input.ticket,
  });
  const issues = [...checked.issues, ...plan.issues].sort(
    (a, b) => a.sheet.localeCompare(b.sheet) || (a.row ?? 0) - (b.row ?? 0),
  );
  const proceed = checked.campaign !== null && (issues.length === 0 || input.partial);
  const edited =
    proceed && plan.edits.length > 0 ? editManifestText(input.manifestText, plan.edits) : input.manifestText;
  if (edited !== input.manifestText) verifyEdit(edited, plan.changes, input);
  const run: ReviewRun = {
    appliedAt: input.now.toISOString(),
    partial: input.partial,
    manifest: { file: input.manifestFile, sha256Before: sha256(input.manifestText), sha256After: sha256(edited) },
    graph: { generatedAt: input.graph.generatedAt, contentHash: graphContentHash(input.graph) },
    sheets: checked.sheets.map((s) => ({
      file: s.file,
      sha256: s.sha256,
      reviewer: s.owner,
      fingerprint: s.fingerprint,
      current: s.current,
      rows: s.rows,
      decided: s.decided,
    })),
    decisions: plan.decisions.map((d) => ({
      sheet: d.sheet,
      row: d.row,
      rowId: d.rowId,
      reviewer: d.reviewer,
      type: d.current.entitlementType,
      entitlement: d.current.entitlement,
      user: d.current.user,
      how: d.current.how,
      status: d.current.status,
      decision: formatDecision(d.decision),
      note: d.note,
      changes: d.changes,
    })),
    refused: issues.map((issue) => ({ ...issue })),
    edit: plan.changes,
  };
  return {
    issues,
    proceed,
    campaign: checked.campaign,
    sheets: checked.sheets,
    decisions: plan.decisions,
    changes: plan.changes,
    manifestText: edited,
    run,
  };
}

/**
 * The edited text must be a valid manifest that says exactly what the plan says: removed grants gone, adopted ones
 * present (with their expiry), revoked ones listed. Anything else is a defect of the edit, and nothing is written.
 */
function verifyEdit(text: string, changes: readonly PlannedChange[], input: ApplyInput): void {
  const result = parseManifest(text, { now: input.now });
  const fail = (why: string): never => {
    throw new JumpCloudError(
      "invalid_response",
      `Editing ${input.manifestFile} went wrong (${why}); nothing was written.`,
      {
        hint: "Apply the decisions by hand and report the manifest that caused this.",
      },
    );
  };
  if (!result.ok) {
    fail(result.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
    return;
  }
  const grants = new Map(result.grants.map((g) => [g.key, g]));
  const revoked = new Set(flattenRevoked(result.manifest).map((g) => g.key));
  for (const change of changes) {
    const grant = grants.get(change.grant);
    const ok =
      change.op === "remove"
        ? grant === undefined
        : change.op === "revoke"
          ? revoked.has(change.grant) && grant === undefined
          : grant !== undefined &&
            (change.expires === undefined || grant.expires?.getTime() === Date.parse(change.expires));
    if (!ok) fail(`${change.description} did not take effect at ${change.path}`);
  }
}
