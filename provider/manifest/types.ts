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
  /**
   * Grants that must be absent, in the same shape as the sections above: access an access review revoked that code
   * never granted. A grant may not be both declared above and listed here.
   */
  revoked?: RevokedGrants;
}

/** The people who review an entitlement's access (`jumpcloud-access review campaign` writes one sheet per owner). */
export type Owners = Email | OwnerList;

/**
 * Several reviewers' emails.
 * @minItems 1
 * @items.type string
 * @items.format email
 */
export type OwnerList = Email[];

export interface GroupPolicy {
  /**
   * Who reviews the group's members: one email or a list.
   * @format email
   */
  owner?: Owners;
  /**
   * When true, the group's membership is authoritative: members not listed here are removed on the next update.
   * When false (the default), only the listed members are managed and other members are left alone.
   * Switching an existing group between the two swaps its resources (one set for the group, or one membership per
   * member) in one update: the new resources adopt the listed members, and deleting the old ones leaves every member
   * the new ones list, so listed members keep their access throughout. Turning it on removes anyone not listed.
   */
  exclusive?: boolean;
  /**
   * With `exclusive`, allow the group to end up with no members (no `members`, an empty list, or every entry
   * expired), which removes everyone from it. Without it such a group is refused rather than emptied.
   */
  allowEmpty?: boolean;
  /** The group's members, as emails or as entries with an expiry and a reason. */
  members?: MemberEntry[];
}

/** A member: an email, or a mapping with the email and optional expiry, reason and ticket. */
export type MemberEntry = Email | MemberGrant;

export interface MemberGrant extends GrantAnnotations {
  email: Email;
}

export interface ApplicationPolicy {
  /**
   * Who reviews who can reach the application: one email or a list.
   * @format email
   */
  owner?: Owners;
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

/** Grants that must not exist, by the same natural keys as the grants themselves. */
export interface RevokedGrants {
  /** User groups by name, with the users who must not be members. */
  groups?: { [groupName: string]: RevokedGroup };
  /** Applications by name, with the groups and users that must not be assigned. */
  applications?: { [applicationName: string]: RevokedApplication };
  /** Administrator accounts by email, with the roles they must not hold. */
  admins?: { [adminEmail: string]: RevokedAdmin };
}

export interface RevokedGroup {
  members: RevokedMemberEntry[];
}

export interface RevokedApplication {
  groups?: RevokedGroupAssignmentEntry[];
  users?: RevokedMemberEntry[];
}

export interface RevokedAdmin {
  roles: RevokedRoleEntry[];
}

/** A revoked member: an email, or a mapping with the email and why, by which ticket and when it was reviewed. */
export type RevokedMemberEntry = Email | RevokedMember;

export interface RevokedMember extends RevocationNotes {
  email: Email;
}

/** A revoked group assignment: a group name, or a mapping with the name and the revocation's notes. */
export type RevokedGroupAssignmentEntry = Name | RevokedGroupAssignment;

export interface RevokedGroupAssignment extends RevocationNotes {
  group: Name;
}

/** A revoked role: its name, or a mapping with the name and the revocation's notes. */
export type RevokedRoleEntry = Name | RevokedRole;

export interface RevokedRole extends RevocationNotes {
  role: Name;
}

/** Why a grant was revoked, for auditors. */
export interface RevocationNotes {
  /** Why the grant must not exist. */
  reason?: string;
  /** The change or review ticket behind the revocation. */
  ticket?: string;
  /**
   * The day the access review decided it, e.g. 2026-12-01.
   * @format date
   */
  reviewedAt?: string;
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
