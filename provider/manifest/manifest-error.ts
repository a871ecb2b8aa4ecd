import { JumpCloudError } from "../errors";
import type { ManifestIssue } from "./parse-manifest";

/** `access.yaml:12:9 groups.engineering.members[3]: <message>` (no position for manifests given as data). */
export function formatIssue(file: string, issue: ManifestIssue): string {
  const where = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column}`;
  return `${where} ${issue.path}: ${issue.message}`;
}

/** One error that lists every problem of the manifest, so a single run shows them all. */
export function manifestError(file: string, issues: readonly ManifestIssue[]): JumpCloudError {
  const count = issues.length === 1 ? "1 error" : `${issues.length} errors`;
  const lines = issues.map((issue) => `  ${formatIssue(file, issue)}`);
  const next = `Fix ${issues.length === 1 ? "it" : "them"} and run again; nothing was changed in JumpCloud.`;
  return new JumpCloudError("invalid_input", `${file} has ${count}:\n${lines.join("\n")}\n${next}`);
}
