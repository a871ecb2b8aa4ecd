import { foldAscii } from "../ascii-fold";

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

/**
 * JumpCloud compares emails ignoring case, so the key uses the address with its ASCII letters lower-cased. Only
 * ASCII: `toLowerCase()` would turn "\u212Aate@" (KELVIN SIGN) into "kate@", another person's address.
 */
export const normalizeEmail = (email: string): string => foldAscii(email.trim());

/**
 * One part of a natural key. The parts are joined with ":", which names may contain too: without escaping, group
 * "a:b" with user "c@x" and group "a" with user "b:c@x" would share one key (one child resource for two grants).
 * "%" and ":" are percent-encoded, so every key reads back one way; names without either keep the key they always had.
 */
export const keyPart = (name: string): string => name.replaceAll("%", "%25").replaceAll(":", "%3A");

export const membershipKey = (group: string, email: string): string =>
  `membership:${keyPart(group)}:${keyPart(normalizeEmail(email))}`;

export const applicationGroupKey = (application: string, group: string): string =>
  `assignment:${keyPart(application)}:group:${keyPart(group)}`;

export const applicationUserKey = (application: string, email: string): string =>
  `assignment:${keyPart(application)}:user:${keyPart(normalizeEmail(email))}`;

/** Role names are case-insensitive in JumpCloud ("Help Desk" = "help desk"). */
export const adminRoleKey = (adminEmail: string, role: string): string =>
  `admin-role:${keyPart(normalizeEmail(adminEmail))}:${keyPart(foldAscii(role.trim()))}`;
