// One stack, two client organizations, one multi-tenant (MSP) API key. Every resource carries its organization id,
// which the provider sends as `x-org-id`, so the same group name in two orgs never mixes.
import * as pulumi from "@pulumi/pulumi";
import * as jc from "pulumi-jumpcloud-access";

const config = new pulumi.Config("msp");

const tenants = [
  { name: "acme", orgId: config.require("acmeOrgId"), manifest: "acme.yaml" },
  { name: "globex", orgId: config.require("globexOrgId"), manifest: "globex.yaml" },
];

const policies = tenants.map(
  (tenant) => new jc.AccessPolicy(tenant.name, { manifest: tenant.manifest, orgId: tenant.orgId }),
);

export const counts = Object.fromEntries(tenants.map((tenant, i) => [tenant.name, policies[i]!.counts]));
export const managedEdgeIds = Object.fromEntries(
  tenants.map((tenant, i) => [tenant.name, policies[i]!.managedEdgeIds]),
);
