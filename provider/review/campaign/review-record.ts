import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
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
const RECORD_FILE = /^access-review-(.+)\.json$/;

export function recordPath(manifestFile: string, campaign: string): string {
  return join(dirname(manifestFile), recordFileName(campaign));
}

/** Adds a run to the campaign's record (created when missing); returns the path written. */
export async function appendReviewRun(manifestFile: string, campaign: string, run: ReviewRun): Promise<string> {
  const path = recordPath(manifestFile, campaign);
  const existing = await readRecord(path);
  const record: ReviewRecord = existing ?? { schemaVersion: REVIEW_RECORD_SCHEMA_VERSION, campaign, runs: [] };
  record.runs.push(run);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`, "utf8");
  await rename(temp, path);
  return path;
}

async function readRecord(path: string): Promise<ReviewRecord | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
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

/** The records in a directory (the manifest's), newest run last. */
export async function loadReviewRecords(dir: string): Promise<ReviewRecord[]> {
  const names = (await readdir(dir)).filter((name) => RECORD_FILE.test(basename(name))).sort();
  const records: ReviewRecord[] = [];
  for (const name of names) {
    const record = await readRecord(join(dir, name));
    if (record && record.runs.length > 0) records.push(record);
  }
  const lastRun = (r: ReviewRecord) => r.runs[r.runs.length - 1]?.appliedAt ?? "";
  return records.sort((a, b) => lastRun(a).localeCompare(lastRun(b)));
}
