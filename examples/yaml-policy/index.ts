// An access.yaml applied through AccessPolicy, with the access graph published next to it.
import * as pulumi from "@pulumi/pulumi";
import * as jc from "pulumi-jumpcloud-access";

const config = new pulumi.Config("access");

const policy = new jc.AccessPolicy("acme", {
  manifest: "access.yaml",
  // Grants ending within this many days are listed in `pulumi preview` and in `expiringSoon`.
  expiringWithinDays: config.getNumber("expiringWithinDays") ?? 14,
  // Evaluate expiries as of another instant, e.g. `pulumi preview -c access:asOf=2027-01-01T00:00:00Z` shows the
  // policy as it will be on that date. Unset, it is the time of the run.
  now: config.get("asOf"),
});

export const counts = policy.counts;
export const expiringSoon = policy.expiringSoon;
export const expired = policy.expired;
export const managedEdgeIds = policy.managedEdgeIds;
