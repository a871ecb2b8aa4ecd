import type { ValidManifest } from "./flatten-manifest";
import { formatPath, type ManifestPath } from "./locate";
import {
  adminRoleKey,
  applicationGroupKey,
  applicationUserKey,
  type ManifestGrant,
  membershipKey,
  normalizeEmail,
} from "./manifest-grant";
import { isEmail } from "./manifest-schema";

/**
 * A grant the manifest's `revoked` section says must be absent. Its `key` is the key the same grant has when it is
 * declared (`membership:<group>:<email>`, ...), so "declared and revoked at once" is a key comparison and the
 * resource that enforces the absence can be named like the one that would grant it.
 */
export type RevokedGrant = (
  | { kind: "membership"; group: string; email: string }
  | { kind: "application"; application: string; target: { type: "user_group"; group: string } }
  | { kind: "application"; application: string; target: { type: "user"; email: string } }
  | { kind: "admin_role"; adminEmail: string; role: string }
) & {
  key: string;
  /** Where the entry is, e.g. `revoked.groups.engineering.members[0]`. */
  path: string;
  segments: ManifestPath;
  reason?: string;
  ticket?: string;
  /** `YYYY-MM-DD`. */
  reviewedAt?: string;
};

interface Notes {
  reason?: string | undefined;
  ticket?: string | undefined;
  reviewedAt?: string | undefined;
}

function notes(entry: Notes, segments: ManifestPath) {
  const out: { path: string; segments: ManifestPath; reason?: string; ticket?: string; reviewedAt?: string } = {
    path: formatPath(segments),
    segments,
  };
  if (entry.reason !== undefined) out.reason = entry.reason;
  if (entry.ticket !== undefined) out.ticket = entry.ticket;
  if (entry.reviewedAt !== undefined) out.reviewedAt = entry.reviewedAt;
  return out;
}

/** Every grant the `revoked` section lists, in the file's order. */
export function flattenRevoked(manifest: ValidManifest): RevokedGrant[] {
  const revoked = manifest.revoked;
  const out: RevokedGrant[] = [];
  for (const [group, policy] of Object.entries(revoked?.groups ?? {})) {
    policy.members.forEach((entry, index) => {
      const email = normalizeEmail(entry.email);
      const at = notes(entry, ["revoked", "groups", group, "members", index]);
      out.push({ kind: "membership", key: membershipKey(group, email), group, email, ...at });
    });
  }
  for (const [application, policy] of Object.entries(revoked?.applications ?? {})) {
    (policy.groups ?? []).forEach((entry, index) => {
      const at = notes(entry, ["revoked", "applications", application, "groups", index]);
      const target = { type: "user_group" as const, group: entry.group };
      out.push({ kind: "application", key: applicationGroupKey(application, entry.group), application, target, ...at });
    });
    (policy.users ?? []).forEach((entry, index) => {
      const email = normalizeEmail(entry.email);
      const at = notes(entry, ["revoked", "applications", application, "users", index]);
      const target = { type: "user" as const, email };
      out.push({ kind: "application", key: applicationUserKey(application, email), application, target, ...at });
    });
  }
  for (const [adminEmail, policy] of Object.entries(revoked?.admins ?? {})) {
    const email = normalizeEmail(adminEmail);
    policy.roles.forEach((entry, index) => {
      const at = notes(entry, ["revoked", "admins", adminEmail, "roles", index]);
      out.push({
        kind: "admin_role",
        key: adminRoleKey(email, entry.role),
        adminEmail: email,
        role: entry.role,
        ...at,
      });
    });
  }
  return out;
}

export interface RevokedIssue {
  path: ManifestPath;
  message: string;
  /** True when the issue is about a mapping key (an admin email) rather than a value. */
  atKey?: boolean;
}

/**
 * What the schema cannot see in the `revoked` section: a grant both declared and revoked (which would make two
 * resources fight over one edge), an entry listed twice, and admin keys that are not emails.
 */
export function revokedIssues(manifest: ValidManifest, declared: readonly ManifestGrant[]): RevokedIssue[] {
  const issues: RevokedIssue[] = [];
  const declaredAt = new Map(declared.map((grant) => [grant.key, grant.path]));
  const firstAt = new Map<string, string>();
  for (const grant of flattenRevoked(manifest)) {
    const elsewhere = declaredAt.get(grant.key);
    if (elsewhere !== undefined) {
      issues.push({
        path: grant.segments,
        message: `${describeRevoked(grant)} is revoked here but granted at ${elsewhere}. A grant cannot be both: remove it from one of the two places.`,
      });
    }
    const earlier = firstAt.get(grant.key);
    if (earlier === undefined) firstAt.set(grant.key, grant.path);
    else {
      issues.push({
        path: grant.segments,
        message: `${describeRevoked(grant)} is revoked twice (also at ${earlier}). Remove one of the entries.`,
      });
    }
  }
  for (const adminEmail of Object.keys(manifest.revoked?.admins ?? {})) {
    if (!isEmail(adminEmail)) {
      issues.push({
        path: ["revoked", "admins", adminEmail],
        message: `"${adminEmail}" is not a valid email address. Admins are keyed by their login email, e.g. alice@example.com.`,
        atKey: true,
      });
    }
  }
  return issues;
}

export function describeRevoked(grant: RevokedGrant): string {
  switch (grant.kind) {
    case "membership":
      return `${grant.email} in group "${grant.group}"`;
    case "application":
      return grant.target.type === "user"
        ? `${grant.target.email} assigned application "${grant.application}"`
        : `group "${grant.target.group}" assigned application "${grant.application}"`;
    case "admin_role":
      return `role "${grant.role}" of admin ${grant.adminEmail}`;
  }
}

/** The keys allowed at a path inside `revoked` (path shape with list indices as "#"), for "expected one of" help. */
export function revokedKnownKeys(shape: readonly string[]): string[] | undefined {
  if (shape.length === 1) return ["groups", "applications", "admins"];
  if (shape.length === 3 && shape[1] === "groups") return ["members"];
  if (shape.length === 3 && shape[1] === "applications") return ["groups", "users"];
  if (shape.length === 3 && shape[1] === "admins") return ["roles"];
  if (shape.length === 5) {
    const first = shape[3] === "groups" ? "group" : shape[3] === "roles" ? "role" : "email";
    return [first, "reason", "ticket", "reviewedAt"];
  }
  return undefined;
}
