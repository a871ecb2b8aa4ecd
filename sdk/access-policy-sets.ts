import type * as pulumi from "@pulumi/pulumi";
import type { LoadedManifest, ManifestGrant } from "../provider/manifest";
import { AdminRoles } from "./admin-roles";
import { ApplicationAssignments } from "./application-assignments";
import type { GrantEntry } from "./grant-entry";
import { UserGroupMembers } from "./user-group-members";

/**
 * The manifest's grants in force as one set resource per group, application and admin, never one per grant: the
 * engine's cost (state, checkpoint writes, steps) grows with the number of resources, so an organization of 10,000
 * grants over 300 groups costs 300 resources. Each set is keyed by natural key (email, group name, role name), so
 * `pulumi preview --diff` names the member added or removed. Children are named `<policy>/members:<group>`,
 * `<policy>/assignments:<application>` and `<policy>/admin-roles:<email>`, so reordering the file changes nothing.
 * Returns each child's access-graph grant ids.
 */
export function createSets(
  parent: pulumi.Resource,
  name: string,
  loaded: LoadedManifest,
  active: readonly ManifestGrant[],
  orgId: pulumi.Input<string> | undefined,
): pulumi.Output<string[]>[] {
  const opts: pulumi.CustomResourceOptions = { parent };
  const org = orgId === undefined ? {} : { orgId };
  const groups = new Map<string, Record<string, GrantEntry>>();
  const applications = new Map<string, { groups: Record<string, GrantEntry>; users: Record<string, GrantEntry> }>();
  const admins = new Map<string, { roles: Record<string, GrantEntry>; revokeTo?: string }>();
  // An exclusive group is declared even with no member in force: that is what empties it (with allowEmpty).
  for (const group of loaded.exclusiveGroups) groups.set(group, {});

  for (const grant of active) {
    if (grant.kind === "membership") {
      put(
        entryOf(groups, grant.group, () => ({})),
        grant.email,
        notesOf(grant),
      );
    } else if (grant.kind === "admin_role") {
      const revokeTo = grant.revokeTo === undefined ? {} : { revokeTo: grant.revokeTo };
      put(entryOf(admins, grant.adminEmail, () => ({ roles: {}, ...revokeTo })).roles, grant.role, notesOf(grant));
    } else {
      const app = entryOf(applications, grant.application, () => ({ groups: {}, users: {} }));
      if (grant.target.type === "user_group") put(app.groups, grant.target.group, notesOf(grant));
      else put(app.users, grant.target.email, notesOf(grant));
    }
  }

  const edges: pulumi.Output<string[]>[] = [];
  for (const [group, members] of groups) {
    const declared = loaded.manifest.groups?.[group];
    const exclusive = declared?.exclusive === true ? { exclusive: true } : {};
    const allowEmpty = declared?.allowEmpty === true ? { allowEmpty: true } : {};
    const args = { groupName: group, members, ...exclusive, ...allowEmpty, ...org };
    edges.push(new UserGroupMembers(`${name}/members:${group}`, args, opts).grantIds);
  }
  for (const [application, { groups: targetGroups, users }] of applications) {
    const args = { applicationName: application, groups: targetGroups, users, ...org };
    edges.push(new ApplicationAssignments(`${name}/assignments:${application}`, args, opts).grantIds);
  }
  for (const [adminEmail, { roles, revokeTo }] of admins) {
    const args = { adminEmail, roles, ...(revokeTo === undefined ? {} : { revokeTo }), ...org };
    edges.push(new AdminRoles(`${name}/admin-roles:${adminEmail}`, args, opts).grantIds);
  }
  return edges;
}

/** Sets an own property even for a name like `__proto__`, which plain assignment would turn into a prototype. */
function put(record: Record<string, GrantEntry>, key: string, entry: GrantEntry): void {
  Object.defineProperty(record, key, { value: entry, enumerable: true, writable: true, configurable: true });
}

/** The value under `key`, made by `make` the first time. */
function entryOf<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/**
 * The notes a reviewer reads in the diff. `expires` stays with the policy, which leaves an expired grant out of the
 * set as of its own `now`; passing it on would let the provider's clock disagree with a policy previewed at a date.
 */
function notesOf(grant: ManifestGrant): GrantEntry {
  return {
    ...(grant.reason === undefined ? {} : { reason: grant.reason }),
    ...(grant.ticket === undefined ? {} : { ticket: grant.ticket }),
  };
}
