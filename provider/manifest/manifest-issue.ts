/** One problem found in a manifest, as data: formatted as `file:line:col path: message` at the edge. */
export interface ManifestIssue {
  severity: "error" | "warning";
  /** Where in the manifest, e.g. `groups.engineering.members[3]`. */
  path: string;
  /** 1-based; absent when the manifest was given as an object rather than text. */
  line?: number;
  column?: number;
  message: string;
}
