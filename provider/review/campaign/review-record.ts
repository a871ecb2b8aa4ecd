import { JumpCloudError } from "../../errors";
import type { SheetIssue } from "./check-sheets";
import type { PlannedChange } from "./plan-edits";

export const REVIEW_RECORD_SCHEMA_VERSION = 1 as const;

/**
 * The evidence of one access review campaign, kept next to the manifest so the pull request that changes access
 * carries it: `access-review-<campaign>.json`. Each `review apply` of the campaign's sheets adds one run.
 */
export interface ReviewRecord {
  schemaVersion: typeof REVIEW_RECORD_SCHEMA_VERSION;
  campaign: string;
  runs: ReviewRun[];
}

export interface ReviewRun {
  appliedAt: string;
  partial: boolean;
  manifest: { file: string; sha256Before: string; sha256After: string };
  /** The access the decisions were checked against. */
  graph: { generatedAt: string; contentHash: string };
  sheets: {
    file: string;
    /** sha256 of the sheet file as returned by the reviewer. */
    sha256: string;
    /** The owner the sheet was written for, who made its decisions. */
    reviewer: string;
    fingerprint: string;
    /** False when the access the sheet shows had changed (only with --partial). */
    current: boolean;
    rows: number;
    decided: number;
  }[];
  decisions: {
    sheet: string;
    row: number;
    rowId: string;
    reviewer: string;
    type: "application" | "group";
    entitlement: string;
    user: string;
    how: string;
    status: string;
    decision: string;
    note: string;
    changes: string[];
  }[];
  /** Decisions and sheets that were not applied (only with --partial), with why. */
  refused: SheetIssue[];
  /** The manifest edit: one entry per entry removed, added or given an expiry. */
  edit: PlannedChange[];
}

export const recordFileName = (campaign: string): string => `access-review-${campaign}.json`;
/** Matches the file name of a campaign's record. */
export const RECORD_FILE = /^access-review-(.+)\.json$/;

/** A record read back from its JSON text; `path` only names it in errors. */
export function parseReviewRecord(text: string, path: string): ReviewRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new JumpCloudError("invalid_input", `${path} is not valid JSON.`, {
      hint: "Restore the review record from version control.",
      cause,
    });
  }
  const record = value as Partial<ReviewRecord> | null;
  if (!record || record.schemaVersion !== REVIEW_RECORD_SCHEMA_VERSION || !Array.isArray(record.runs)) {
    throw new JumpCloudError("invalid_input", `${path} is not an access review record (schemaVersion 1 with runs).`, {
      hint: "Restore the review record from version control.",
    });
  }
  return record as ReviewRecord;
}
