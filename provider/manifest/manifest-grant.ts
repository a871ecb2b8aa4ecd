/**
 * One grant the manifest asks for, flattened from the nested YAML into a plain record with a stable natural key.
 * The key names the child resource, so reordering the YAML, changing an email's case or adding comments never
 * renames (and so never replaces) a resource.
 */

export interface GrantNotes {
  /** When the grant ends, if it is time-bound. */
  expires?: Date;
  reason?: string;
  ticket?: string;
  /** Where the entry is in the manifest, e.g. `groups.engineering.members[3]`. */
  path: string;
}

export interface MembershipGrantSpec extends GrantNotes {
  kind: "membership";
  key: string;
  group: string;
  email: string;
}

export interface ApplicationGrantSpec extends GrantNotes {
  kind: "application";
  key: string;
  application: string;
  target: { type: "user_group"; group: string } | { type: "user"; email: string };
}

export interface AdminRoleGrantSpec extends GrantNotes {
  kind: "admin_role";
  key: string;
  adminEmail: string;
  role: string;
  revokeTo?: string;
}

export type ManifestGrant = MembershipGrantSpec | ApplicationGrantSpec | AdminRoleGrantSpec;

/** Emails are compared case-insensitively by JumpCloud, so the key uses the lower-cased address. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const membershipKey = (group: string, email: string): string => `membership:${group}:${normalizeEmail(email)}`;

export const applicationGroupKey = (application: string, group: string): string =>
  `assignment:${application}:group:${group}`;

export const applicationUserKey = (application: string, email: string): string =>
  `assignment:${application}:user:${normalizeEmail(email)}`;

/** Role names are case-insensitive in JumpCloud ("Help Desk" = "help desk"). */
export const adminRoleKey = (adminEmail: string, role: string): string =>
  `admin-role:${normalizeEmail(adminEmail)}:${role.trim().toLowerCase()}`;
