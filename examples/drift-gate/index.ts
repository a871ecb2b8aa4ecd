// The stack the drift gate watches: a small access policy. Any program works; the gate only refreshes.
import * as jc from "pulumi-jumpcloud-access";

const policy = new jc.AccessPolicy("acme", { manifest: "access.yaml" });

export const managedEdgeIds = policy.managedEdgeIds;
