import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { reportFiles } from "../report-files";
import type { ReviewReport } from "../review-report";

/**
 * Writes every export of one report into `dir` (created if missing) and returns the absolute paths written.
 * Each file is written to a temporary name and renamed, so a reader never sees half a report.
 */
export async function writeReviewReports(dir: string, report: ReviewReport): Promise<string[]> {
  const out = resolve(dir);
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of reportFiles(report)) {
    const path = join(out, name);
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, content, "utf8");
    await rename(temp, path);
    written.push(path);
  }
  return written;
}
