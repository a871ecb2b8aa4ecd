import type { z } from "zod";
import { formatPath } from "./locate";
import {
  adminRoleKey,
  applicationGroupKey,
  applicationUserKey,
  type GrantNotes,
  type ManifestGrant,
  membershipKey,
  normalizeEmail,
} from "./manifest-grant";
import type { accessManifestSchema } from "./manifest-schema";

export type ValidManifest = z.output<typeof accessManifestSchema>;

interface Annotated {
  expires?: string | undefined;
  reason?: string | undefined;
  ticket?: string | undefined;
}

function notes(entry: Annotated, path: (string | number)[]): GrantNotes {
  const out: GrantNotes = { path: formatPath(path) };
  if (entry.expires !== undefined) out.expires = new Date(entry.expires);
  if (entry.reason !== undefined) out.reason = entry.reason;
  if (entry.ticket !== undefined) out.ticket = entry.ticket;
  return out;
}

/** Every grant of a validated manifest, in a canonical order (by key) that does not depend on the file's order. */
export function flattenManifest(manifest: ValidManifest): { grants: ManifestGrant[]; exclusiveGroups: string[] } {
  const grants: ManifestGrant[] = [];
  const exclusiveGroups: string[] = [];
  for (const [group, policy] of Object.entries(manifest.groups ?? {})) {
    if (policy.exclusive) exclusiveGroups.push(group);
    (policy.members ?? []).forEach((member, index) => {
      const email = normalizeEmail(member.email);
      const at = notes(member, ["groups", group, "members", index]);
      grants.push({ kind: "membership", key: membershipKey(group, email), group, email, ...at });
    });
  }
  for (const [application, policy] of Object.entries(manifest.applications ?? {})) {
    (policy.groups ?? []).forEach((entry, index) => {
      const at = notes(entry, ["applications", application, "groups", index]);
      const key = applicationGroupKey(application, entry.group);
      grants.push({ kind: "application", key, application, target: { type: "user_group", group: entry.group }, ...at });
    });
    (policy.users ?? []).forEach((entry, index) => {
      const email = normalizeEmail(entry.email);
      const at = notes(entry, ["applications", application, "users", index]);
      const key = applicationUserKey(application, email);
      grants.push({ kind: "application", key, application, target: { type: "user", email }, ...at });
    });
  }
  for (const [adminEmail, policy] of Object.entries(manifest.admins ?? {})) {
    const email = normalizeEmail(adminEmail);
    policy.roles.forEach((entry, index) => {
      const at = notes(entry, ["admins", adminEmail, "roles", index]);
      const grant: ManifestGrant = {
        kind: "admin_role",
        key: adminRoleKey(email, entry.role),
        adminEmail: email,
        role: entry.role,
        ...at,
      };
      if (policy.revokeTo !== undefined) grant.revokeTo = policy.revokeTo;
      grants.push(grant);
    });
  }
  grants.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { grants, exclusiveGroups: exclusiveGroups.sort() };
}
