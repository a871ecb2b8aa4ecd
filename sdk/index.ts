/**
 * pulumi-jumpcloud-access: JumpCloud group memberships, application assignments and admin role grants as Pulumi
 * resources.
 */
export { AdminRoleGrant, type AdminRoleGrantArgs } from "./admin-role-grant";
export { type AdminRoleEntry, AdminRoles, type AdminRolesArgs } from "./admin-roles";
export type { GrantEntry } from "./grant-entry";
export { ApplicationAssignment, type ApplicationAssignmentArgs } from "./application-assignment";
export { ApplicationAssignments, type ApplicationAssignmentsArgs } from "./application-assignments";
export { UserGroupMembers, type UserGroupMembersArgs } from "./user-group-members";
export { UserGroupMembership, type UserGroupMembershipArgs } from "./user-group-membership";
export { RevokedAccess, type RevokedAccessArgs } from "./revoked-access";
export { AccessPolicy, type AccessPolicyArgs, type AccessPolicyCounts } from "./access-policy";
export { AccessGraph, type AccessGraphArgs, type AccessGraphSummary } from "./access-graph";
