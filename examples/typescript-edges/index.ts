// Access edges written in TypeScript: one resource per grant, composed with ordinary code.
import * as pulumi from "@pulumi/pulumi";
import * as jc from "pulumi-jumpcloud-access";

// The on-call rotation is owned here: anyone else in the group is removed on the next `pulumi up`.
const oncall = new jc.UserGroupMembers("platform-oncall", {
  groupName: "platform-oncall",
  userEmails: ["carol@acme.example", "dave@acme.example", "judy@acme.example"],
  exclusive: true,
});

// Additive memberships: other members of "finance" are left alone.
const finance = ["grace@acme.example", "heidi@acme.example"].map(
  (email) => new jc.UserGroupMembership(`finance:${email}`, { groupName: "finance", userEmail: email }),
);

// Applications assigned to a group and to one user directly.
const pagerduty = new jc.ApplicationAssignment("pagerduty:platform-oncall", {
  applicationName: "pagerduty",
  userGroupName: "platform-oncall",
});
const salesforce = new jc.ApplicationAssignment("salesforce:grace", {
  applicationName: "salesforce",
  userEmail: "grace@acme.example",
});

// An admin role; revoking it (deleting this resource) leaves Bob with "Read Only" rather than no role at all.
const helpDesk = new jc.AdminRoleGrant("bob:help-desk", {
  adminEmail: "bob@acme.example",
  roleName: "Help Desk",
  revokeTo: "Read Only",
});

export const oncallMembers = oncall.memberIds;
// Resource ids are access-graph grant ids: hand them to an AccessGraph to see what is managed outside this stack.
export const managedEdgeIds = pulumi
  .all([oncall.grantIds, pulumi.all([...finance, pagerduty, salesforce, helpDesk].map((resource) => resource.id))])
  .apply(([members, ids]) => [...members, ...ids].sort());
export const adopted = { pagerduty: pagerduty.adopted, helpDesk: helpDesk.adopted };
