import { foldAscii } from "../ascii-fold";
import { isJumpCloudId } from "../ids";
import type { CheckFailure } from "./resource-kind";
import type { Admin, Application, Group, Role, User } from "../sync/graph";
import type { OrgIndex } from "./org-index";
import { didYouMean, listSome } from "./suggest";

/**
 * Turns the names and ids a program gives into JumpCloud objects, against one synced graph. Pure functions: every
 * answer comes from the index, and every failure names the property and the value, says what exists, and says what
 * to do. The property names are parameters because the same lookups serve several resource kinds.
 *
 * Names and emails are compared ignoring ASCII case, and an exact-case match never wins over the other candidates:
 * otherwise creating a group "Engineering" next to "engineering" would silently move every resource that names
 * either spelling onto the new group at the next update. More than one candidate is an error that lists them all.
 * Only ASCII letters are folded (see ascii-fold.ts), so a look-alike spelled with other characters never matches.
 */
export type Resolved<T> = { ok: true; value: T } | { ok: false; failure: CheckFailure };

const ok = <T>(value: T): Resolved<T> => ({ ok: true, value });
const fail = <T>(property: string, reason: string): Resolved<T> => ({ ok: false, failure: { property, reason } });

export function resolveUser(
  index: OrgIndex,
  ref: { id?: string | undefined; email?: string | undefined },
  props: { id: string; email: string } = { id: "userId", email: "userEmail" },
): Resolved<User> {
  const org = index.orgLabel();
  if (ref.id !== undefined) {
    const user = index.usersById.get(ref.id.toLowerCase());
    if (user) return ok(user);
    return fail(
      props.id,
      `no user with id "${ref.id}" in JumpCloud organization ${org}. Check the id, or use ${props.email} instead.`,
    );
  }
  const email = ref.email ?? "";
  const users = index.usersWithEmail(email);
  if (users.length === 1 && users[0]) return ok(users[0]);
  if (users.length > 1) {
    return fail(
      props.email,
      `${users.length} users have the email "${email}" in ${org} when case is ignored (ids ${users.map((u) => u.id).join(", ")}). Use ${props.id} to pick one.`,
    );
  }
  return fail(
    props.email,
    `no user with the email "${email}" in JumpCloud organization ${org}.${didYouMean(
      email,
      index.graph.users.map((u) => u.email),
    )} Fix the email, or create the user in JumpCloud first.`,
  );
}

export function resolveGroup(
  index: OrgIndex,
  ref: { id?: string | undefined; name?: string | undefined },
  props: { id: string; name: string } = { id: "groupId", name: "groupName" },
): Resolved<Group> {
  const org = index.orgLabel();
  if (ref.id !== undefined) {
    const group = index.groupsById.get(ref.id.toLowerCase());
    if (group) return ok(group);
    return fail(
      props.id,
      `no user group with id "${ref.id}" in JumpCloud organization ${org}. Check the id, or use ${props.name} instead.`,
    );
  }
  const name = ref.name ?? "";
  const found = byName(index.graph.groups, name, (g) => g.name);
  if (found.length === 1 && found[0]) return ok(found[0]);
  const names = index.graph.groups.map((g) => g.name);
  if (found.length > 1) {
    const each = found.map((g) => `"${g.name}" (id ${g.id})`);
    return fail(props.name, ambiguous(name, org, each, "user groups", "group", props.id));
  }
  return fail(
    props.name,
    `no user group named "${name}" in JumpCloud organization ${org}.${didYouMean(name, names)} Existing groups: ${listSome(names)}. Fix the name, or create the group first.`,
  );
}

/** The application's label first (what people see in the portal), then its connector name. */
export function resolveApplication(
  index: OrgIndex,
  ref: { id?: string | undefined; name?: string | undefined },
): Resolved<Application> {
  const org = index.orgLabel();
  const apps = index.graph.applications;
  if (ref.id !== undefined) {
    const app = index.applicationsById.get(ref.id.toLowerCase());
    if (app) return ok(app);
    return fail(
      "applicationId",
      `no application with id "${ref.id}" in JumpCloud organization ${org}. Check the id, or use applicationName instead.`,
    );
  }
  const name = ref.name ?? "";
  const describe = (a: Application) => `"${a.label}" (connector ${a.name}, id ${a.id})`;
  const byLabel = byName(apps, name, (a) => a.label);
  const found = byLabel.length ? byLabel : byName(apps, name, (a) => a.name);
  if (found.length === 1 && found[0]) return ok(found[0]);
  if (found.length > 1) {
    return fail(
      "applicationName",
      ambiguous(name, org, found.map(describe), "applications", "application", "applicationId"),
    );
  }
  const labels = apps.map((a) => a.label);
  return fail(
    "applicationName",
    `no application labelled or named "${name}" in JumpCloud organization ${org}.${didYouMean(name, [...labels, ...apps.map((a) => a.name)])} Existing applications: ${listSome(labels)}. Fix the name, or add the application in JumpCloud first.`,
  );
}

export function resolveAdmin(
  index: OrgIndex,
  ref: { id?: string | undefined; email?: string | undefined },
): Resolved<Admin> {
  const org = index.orgLabel();
  if (ref.id !== undefined) {
    const admin = index.adminsById.get(ref.id.toLowerCase());
    if (admin) return ok(admin);
    return fail(
      "adminId",
      `no admin account with id "${ref.id}" in JumpCloud organization ${org}. Check the id, or use adminEmail instead.`,
    );
  }
  const email = ref.email ?? "";
  const admins = index.adminsWithEmail(email);
  if (admins.length === 1 && admins[0]) return ok(admins[0]);
  if (admins.length > 1) {
    return fail(
      "adminEmail",
      `${admins.length} admin accounts have the email "${email}" in ${org} when case is ignored (ids ${admins.map((a) => a.id).join(", ")}). Use adminId to pick one.`,
    );
  }
  const hint = index.usersWithEmail(email).length
    ? " A system user has that email, but admin accounts are separate in JumpCloud: invite the person as an administrator first."
    : " Fix the email, or invite the administrator in JumpCloud first.";
  return fail(
    "adminEmail",
    `no admin account with the email "${email}" in JumpCloud organization ${org}.${didYouMean(
      email,
      index.graph.admins.map((a) => a.email),
    )}${hint}`,
  );
}

/** Role names are compared ignoring case like every name: JumpCloud's own sources disagree on their casing. */
export function resolveRole(
  index: OrgIndex,
  ref: { id?: string | undefined; name?: string | undefined },
  props: { id: string; name: string } = { id: "roleId", name: "roleName" },
): Resolved<Role> {
  const org = index.orgLabel();
  const names = index.graph.roles.map((r) => r.name);
  if (ref.id !== undefined) {
    const role = index.rolesById.get(ref.id.toLowerCase());
    if (role) return ok(role);
    return fail(
      props.id,
      `no admin role with id "${ref.id}" in JumpCloud organization ${org}. Roles: ${listSome(names, 20)}.`,
    );
  }
  const name = ref.name ?? "";
  const found = byName(index.graph.roles, name, (r) => r.name);
  if (found.length === 1 && found[0]) return ok(found[0]);
  if (found.length > 1) {
    const each = found.map((r) => `"${r.name}" (id ${r.id})`);
    return fail(props.name, ambiguous(name, org, each, "admin roles", "role", props.id));
  }
  return fail(
    props.name,
    `no admin role named "${name}" in JumpCloud organization ${org}.${didYouMean(name, names)} Roles: ${listSome(names, 20)}.`,
  );
}

/** `revokeTo` takes a role name or id in one string. */
export function resolveRoleRef(index: OrgIndex, value: string, property: string): Resolved<Role> {
  const byId = isJumpCloudId(value) ? index.rolesById.get(value.toLowerCase()) : undefined;
  if (byId) return ok(byId);
  return resolveRole(index, { name: value }, { id: property, name: property });
}

/** Every item whose name equals `wanted` ignoring ASCII case. An exact-case match gets no precedence (see above). */
function byName<T>(items: readonly T[], wanted: string, nameOf: (item: T) => string): T[] {
  const folded = foldAscii(wanted);
  return items.filter((item) => foldAscii(nameOf(item)) === folded);
}

function ambiguous(name: string, org: string, candidates: string[], plural: string, what: string, idProperty: string) {
  return (
    `"${name}" matches ${candidates.length} ${plural} in ${org} when case is ignored: ${candidates.join(", ")}. ` +
    `Names are compared ignoring case, so ${what === "application" ? "an" : "a"} ${what} created later cannot take over this resource: use ${idProperty} to pick one.`
  );
}
