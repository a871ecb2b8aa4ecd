import type * as pulumi from "@pulumi/pulumi";
import { flattenRevoked, type LoadedManifest, normalizeEmail, type RevokedGrant } from "../provider/manifest";
import { RevokedAccess, type RevokedAccessArgs } from "./revoked-access";

/**
 * The manifest's `revoked:` section as `RevokedAccess` children of an `AccessPolicy`: one per group, application
 * or admin that has revoked entries, named `<policy>/revoked:<kind>:<name>` so reordering the file changes nothing.
 * One resource per parent rather than per edge: the engine's cost grows with the number of resources, and a
 * quarterly review adds revoked entries every quarter. An admin's roles fall back to the `revokeTo` its `admins`
 * entry gives, if any ("Read Only" otherwise).
 */
export function createRevocations(
  parent: pulumi.Resource,
  name: string,
  loaded: LoadedManifest,
  orgId: pulumi.Input<string> | undefined,
): RevokedAccess[] {
  const opts: pulumi.CustomResourceOptions = { parent };
  const org = orgId === undefined ? {} : { orgId };
  const byParent = new Map<string, { args: RevokedAccessArgs; lists: Record<string, string[]> }>();
  const entry = (key: string, args: RevokedAccessArgs) => {
    let found = byParent.get(key);
    if (!found) {
      found = { args, lists: {} };
      byParent.set(key, found);
    }
    return found.lists;
  };
  const add = (lists: Record<string, string[]>, key: string, value: string) => {
    lists[key] = [...(lists[key] ?? []), value];
  };
  for (const grant of flattenRevoked(loaded.manifest)) {
    const { key, args } = parentOf(grant, loaded);
    const lists = entry(key, args);
    if (grant.kind === "membership") add(lists, "userEmails", grant.email);
    else if (grant.kind === "admin_role") add(lists, "roleNames", grant.role);
    else if (grant.target.type === "user") add(lists, "userEmails", grant.target.email);
    else add(lists, "userGroupNames", grant.target.group);
  }
  return [...byParent].map(
    ([key, { args, lists }]) => new RevokedAccess(`${name}/revoked:${key}`, { ...args, ...lists, ...org }, opts),
  );
}

function parentOf(grant: RevokedGrant, loaded: LoadedManifest): { key: string; args: RevokedAccessArgs } {
  if (grant.kind === "membership") return { key: `group:${grant.group}`, args: { groupName: grant.group } };
  if (grant.kind === "application") {
    return { key: `application:${grant.application}`, args: { applicationName: grant.application } };
  }
  const declared = Object.entries(loaded.manifest.admins ?? {}).find(
    ([email]) => normalizeEmail(email) === grant.adminEmail,
  );
  const revokeTo = declared?.[1].revokeTo;
  return {
    key: `admin:${grant.adminEmail}`,
    args: { adminEmail: grant.adminEmail, ...(revokeTo === undefined ? {} : { revokeTo }) },
  };
}
