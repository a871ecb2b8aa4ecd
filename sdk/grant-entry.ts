/**
 * What one entry of a keyed set carries: a member of a `UserGroupMembers`, a group or user of an
 * `ApplicationAssignments`, a role of an `AdminRoles`. Every field is optional: `{}` grants with no notes.
 */
export interface GrantEntry {
  /** Why the access is held, for reviewers. */
  reason?: string;
  /** The change or access request that approved it, e.g. "OPS-1234". */
  ticket?: string;
  /**
   * When the access ends, as an ISO 8601 date-time with a time zone (e.g. 2026-12-31T18:00:00Z). After it the entry
   * no longer grants: the next `pulumi up` revokes it.
   */
  expires?: string;
}
