// The access.yaml that the quarterly review edits, applied through AccessPolicy, with the access graph published so
// that the review after `pulumi up` shows the decisions carried out.
import * as jc from "pulumi-jumpcloud-access";

const policy = new jc.AccessPolicy("acme", { manifest: "access.yaml" });
const graph = new jc.AccessGraph("acme-access", { policies: [policy], outputDir: "access-review" });

export const counts = policy.counts;
export const expiringSoon = policy.expiringSoon;
export const unmanaged = graph.unmanaged;
export const accessSummary = graph.summary;
