import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import {
  parseReviewRecord,
  RECORD_FILE,
  REVIEW_RECORD_SCHEMA_VERSION,
  type ReviewRecord,
  type ReviewRun,
  recordFileName,
} from "../campaign/review-record";

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
  return parseReviewRecord(text, path);
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
