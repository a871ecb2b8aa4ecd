// The demo program: applies access.yaml to one JumpCloud organization.
//
// It talks to whatever `jumpcloud:apiUrl` and `jumpcloud:apiKey` point at. `npm run demo` points them at a local
// emulator; for a real tenant run `pulumi config set --secret jumpcloud:apiKey <key>` (and `jumpcloud:apiUrl eu`
// or `in` outside the US region).
import * as pulumi from "@pulumi/pulumi";
import { AccessGraph, AccessPolicy } from "pulumi-jumpcloud-access";

const config = new pulumi.Config("access");

const policy = new AccessPolicy("acme", {
  // `access:manifest` points a preview at a proposed change (the demo's review step does).
  manifest: config.get("manifest") ?? "access.yaml",
  expiringWithinDays: config.getNumber("expiringWithinDays") ?? 30,
});

// The whole organization's access, synced on every `pulumi up --refresh`: review reports are written to
// `access:reportDir`, and everything JumpCloud grants that access.yaml does not manage is listed in `unmanaged`.
const graph = new AccessGraph("acme-access-graph", {
  policies: [policy],
  outputDir: config.get("reportDir") ?? ".demo/access-review",
});

export const counts = policy.counts;
export const accessSummary = graph.summary;
export const unmanaged = graph.unmanaged;
export const reportDir = graph.reportDir;
export const managedEdgeIds = policy.managedEdgeIds;
export const expiringSoon = policy.expiringSoon;
export const expired = policy.expired;
