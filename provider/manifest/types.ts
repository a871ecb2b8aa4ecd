/**
 * The access manifest (`access.yaml`): one reviewed file that says who belongs where.
 *
 * These interfaces are the single source of the manifest's JSON Schema (`schema/access-manifest.schema.json`, made by
 * `scripts/generate-schema.js` with typescript-json-schema) and of the manifest types in `schema.json`. The JSDoc
 * tags below (`@format`, `@minLength`, `@pattern`) end up in that schema, so editors check what the loader checks.
 */

/**
 * Who belongs where in one JumpCloud organization. Every entry is keyed by a natural key (group name, application
 * name, admin email), so reordering or reformatting the file changes nothing.
 */
export interface AccessManifest {
  /** The manifest format version. Defaults to 1. */
  version?: 1;
  /** User groups by name, each with the users it should contain. */
  groups?: { [groupName: string]: GroupPolicy };
  /** SSO applications by connector name (as in `GET /api/applications`, e.g. "slack"), with who is assigned. */
  applications?: { [applicationName: string]: ApplicationPolicy };
  /** Administrator accounts by email, with the admin roles they should hold. */
  admins?: { [adminEmail: string]: AdminPolicy };
}

export interface GroupPolicy {
  /**
   * When true, the group's membership is authoritative: members not listed here are removed on the next update.
   * When false (the default), only the listed members are managed and other members are left alone.
   * Switching an existing group between the two swaps its resources (one set for the group, or one membership per
   * member) in one update: the new resources adopt the listed members, and deleting the old ones leaves every member
   * the new ones list, so listed members keep their access throughout. Turning it on removes anyone not listed.
   */
  exclusive?: boolean;
  /** The group's members, as emails or as entries with an expiry and a reason. */
  members?: MemberEntry[];
}

/** A member: an email, or a mapping with the email and optional expiry, reason and ticket. */
export type MemberEntry = Email | MemberGrant;

export interface MemberGrant extends GrantAnnotations {
  email: Email;
}

export interface ApplicationPolicy {
  /** User groups assigned to the application, by group name. */
  groups?: GroupAssignmentEntry[];
  /** Users assigned to the application directly, by email. */
  users?: MemberEntry[];
}

/** A group assignment: a group name, or a mapping with the name and optional expiry, reason and ticket. */
export type GroupAssignmentEntry = Name | GroupAssignmentGrant;

export interface GroupAssignmentGrant extends GrantAnnotations {
  group: Name;
}

export interface AdminPolicy {
  /** Admin role names (built-in or custom, compared case-insensitively), e.g. "Administrator", "Help Desk". */
  roles: RoleEntry[];
  /**
   * The role an admin falls back to when every role listed here is removed or expires (an admin account always
   * holds one role). Defaults to the resource's own fallback.
   */
  revokeTo?: Name;
}

/** A role: its name, or a mapping with the name and optional expiry, reason and ticket. */
export type RoleEntry = Name | RoleGrant;

export interface RoleGrant extends GrantAnnotations {
  role: Name;
}

/** What a time-bound (just-in-time) or justified grant carries. */
export interface GrantAnnotations {
  /**
   * When the grant ends, as an ISO 8601 date-time with a time zone (e.g. 2026-12-31T18:00:00Z). After it, the grant
   * is left out of the desired state, so the next `pulumi up` revokes it.
   * @format date-time
   */
  expires?: string;
  /** Why the grant exists, for reviewers. */
  reason?: string;
  /** The change or access request that approved the grant, e.g. "OPS-1234". */
  ticket?: string;
}

/**
 * An email address.
 * @format email
 */
export type Email = string;

/**
 * A JumpCloud object name.
 * @minLength 1
 */
export type Name = string;
