// The demo program: applies access.yaml to one JumpCloud organization.
//
// It talks to whatever `jumpcloud:apiUrl` and `jumpcloud:apiKey` point at. `npm run demo` points them at a local
// emulator; for a real tenant run `pulumi config set --secret jumpcloud:apiKey <key>` (and `jumpcloud:apiUrl eu`
// or `in` outside the US region).
import * as pulumi from "@pulumi/pulumi";
import { AccessPolicy } from "pulumi-jumpcloud-access";

const config = new pulumi.Config("access");

const policy = new AccessPolicy("acme", {
  manifest: "access.yaml",
  expiringWithinDays: config.getNumber("expiringWithinDays") ?? 30,
});

export const counts = policy.counts;
export const managedEdgeIds = policy.managedEdgeIds;
export const expiringSoon = policy.expiringSoon;
export const expired = policy.expired;
