/**
 * The access manifest an organization already has: what `jumpcloud-access import` writes, computed from one synced
 * access graph. Pure: no I/O, no clock; the same graph and selection always give the same result, sorted.
 *
 * Every name is written as the manifest resolves it back (group name, application portal label, role name, user and
 * admin emails), so applying the file adopts exactly the edges it lists. An object whose name would not resolve back
 * to the same object (empty, padded with spaces, or shared with another object ignoring case; a user without a usable
 * email) is left out with a remark naming it and saying why, never guessed at.
 */
import type { AccessGraph, Admin, Application, Group, Role, User } from "../sync/graph";
import { isEmail } from "./manifest-schema";
import { type NameGlob, nameGlob } from "./name-glob";

export type ImportSection = "groups" | "applications" | "admins";

export interface ImportSelection {
  /** Name patterns (see `name-glob.ts`) per section: absent imports every object of the kind, `[]` none. */
  groups?: readonly string[] | undefined;
  /** Matched against the portal label and the connector name. */
  applications?: readonly string[] | undefined;
  /** Matched against the admin's email. */
  admins?: readonly string[] | undefined;
  /** Imported static groups to mark `exclusive: true`; absent or `[]`, none. */
  exclusive?: readonly string[] | undefined;
}

/**
 * Something the reader of the file should know: an object or edge left out (`warn`), or a fact such as "dynamic
 * groups are not imported". `entry` is the written entry it concerns (group name, application label, admin email);
 * without it the remark is about the section.
 */
export interface ImportRemark {
  section: ImportSection;
  entry?: string;
  text: string;
  warn: boolean;
}

export interface ImportedGroup {
  name: string;
  exclusive: boolean;
  /** Member emails, as JumpCloud spells them. */
  members: string[];
}

export interface ImportedApplication {
  label: string;
  groups: string[];
  users: string[];
}

export interface ImportedAdmin {
  email: string;
  roles: string[];
}

export interface ImportedManifest {
  /** The organization's name or id, for the file's header. */
  org: string;
  groups: ImportedGroup[];
  applications: ImportedApplication[];
  admins: ImportedAdmin[];
  remarks: ImportRemark[];
  /** How many grants the file lists. */
  counts: { memberships: number; groupAssignments: number; userAssignments: number; adminRoles: number };
}

/** Code-unit order after case folding: deterministic whatever the machine's locale. */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const quote = (text: string): string => JSON.stringify(text);

/** How many objects share each case-folded name: a shared name cannot pick one object. */
function foldedCounts<T>(items: readonly T[], nameOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = nameOf(item).toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Why a name cannot be written so that it resolves back to its object, or undefined when it can. */
function nameProblem(name: string, shared: Map<string, number>, kinds: string, byId: string): string | undefined {
  if (name.trim() === "") return `its name is empty, and access.yaml names ${kinds} by name; use ${byId} in TypeScript`;
  if (name.trim() !== name) return "its name has leading or trailing spaces, which a name in access.yaml cannot have";
  const count = shared.get(name.toLowerCase()) ?? 0;
  if (count > 1) {
    return `${count} ${kinds} are named ${quote(name)} ignoring case, so the name would not pick one; use ${byId} in TypeScript`;
  }
  return undefined;
}

function emailProblem(email: string, shared: Map<string, number>, kinds: string, byId: string): string | undefined {
  if (email.trim() === "") return `it has no email, and access.yaml names ${kinds} by email; use ${byId} in TypeScript`;
  if (!isEmail(email)) return `${quote(email)} is not an email address access.yaml accepts; use ${byId} in TypeScript`;
  const count = shared.get(email.toLowerCase()) ?? 0;
  if (count > 1) return `${count} ${kinds} have this email ignoring case; use ${byId} in TypeScript`;
  return undefined;
}

const describeGroup = (g: Group) => `group ${quote(g.name)} (${g.id})`;
const describeUser = (u: User) => (u.email ? `user ${quote(u.email)} (${u.id})` : `user ${u.id}`);
const describeApp = (a: Application) => `application ${quote(a.label)} (${a.id})`;
const describeAdmin = (a: Admin) => (a.email ? `admin ${quote(a.email)} (${a.id})` : `admin ${a.id}`);
const describeRole = (r: Role) => `role ${quote(r.name)} (${r.id})`;

/** The names every object would be written with, or why it cannot be. */
class NameRules {
  private readonly groupNames: Map<string, number>;
  private readonly labels: Map<string, number>;
  private readonly roleNames: Map<string, number>;
  private readonly userEmails: Map<string, number>;
  private readonly adminEmails: Map<string, number>;

  constructor(graph: AccessGraph) {
    this.groupNames = foldedCounts(graph.groups, (g) => g.name);
    this.labels = foldedCounts(graph.applications, (a) => a.label);
    this.roleNames = foldedCounts(graph.roles, (r) => r.name);
    this.userEmails = foldedCounts(graph.users, (u) => u.email);
    this.adminEmails = foldedCounts(graph.admins, (a) => a.email);
  }

  group(group: Group): string | undefined {
    return nameProblem(group.name, this.groupNames, "user groups", "groupId");
  }

  application(app: Application): string | undefined {
    return nameProblem(app.label, this.labels, "applications", "applicationId");
  }

  role(role: Role): string | undefined {
    return nameProblem(role.name, this.roleNames, "admin roles", "roleId");
  }

  user(user: User): string | undefined {
    return emailProblem(user.email, this.userEmails, "users", "userId");
  }

  admin(admin: Admin): string | undefined {
    return emailProblem(admin.email, this.adminEmails, "admin accounts", "adminId");
  }
}

/** The patterns of one section and which of them matched something, to warn about the ones that matched nothing. */
class Selector {
  private readonly globs: NameGlob[] | undefined;
  private readonly used = new Set<string>();

  constructor(patterns: readonly string[] | undefined) {
    this.globs = patterns?.map(nameGlob);
  }

  /** Every name is tried against every pattern, so a pattern is "used" if it matches any object of the kind. */
  selects(...names: string[]): boolean {
    if (this.globs === undefined) return true;
    let selected = false;
    for (const glob of this.globs) {
      if (names.some((name) => glob.test(name))) {
        this.used.add(glob.pattern);
        selected = true;
      }
    }
    return selected;
  }

  unmatched(): string[] {
    return (this.globs ?? []).map((g) => g.pattern).filter((pattern) => !this.used.has(pattern));
  }
}

const isDynamic = (group: Group): boolean => group.membershipMethod.startsWith("DYNAMIC");

function byKey<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [keyOf(item), item]));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

/** One import: the graph's lookups, the remarks so far, and one method per section. */
class Importer {
  readonly remarks: ImportRemark[] = [];
  private readonly rules: NameRules;
  private readonly users: Map<string, User>;
  private readonly groupsById: Map<string, Group>;

  constructor(private readonly graph: AccessGraph) {
    this.rules = new NameRules(graph);
    this.users = byKey(graph.users, (u) => u.id);
    this.groupsById = byKey(graph.groups, (g) => g.id);
  }

  warn(section: ImportSection, text: string, entry?: string): void {
    this.remarks.push({ section, text, warn: true, ...(entry === undefined ? {} : { entry }) });
  }

  /** Each selected static group with its direct members; dynamic ones are named in one remark. */
  groups(selector: Selector, exclusiveSelector: Selector): ImportedGroup[] {
    const membersOf = groupBy(this.graph.memberships, (m) => m.groupId);
    const imported: ImportedGroup[] = [];
    const dynamic: Group[] = [];
    for (const group of sorted(this.graph.groups, (g) => g.name)) {
      if (!selector.selects(group.name)) continue;
      if (isDynamic(group)) {
        dynamic.push(group);
        continue;
      }
      const problem = this.rules.group(group);
      if (problem !== undefined) {
        this.warn("groups", `left out ${describeGroup(group)} and its members: ${problem}`);
        continue;
      }
      const before = this.remarks.length;
      const members = sorted(membersOf.get(group.id) ?? [], (m) => m.userId)
        .flatMap((m) => this.userEmail("groups", group.name, m.userId, "member") ?? [])
        .sort(compareNames);
      let exclusive = exclusiveSelector.selects(group.name);
      if (exclusive && this.remarks.length > before) {
        // An exclusive group removes every member it does not list: the members left out would be removed.
        const why = "members were left out, and an exclusive group would remove them";
        this.warn("groups", `not marked exclusive although --exclusive matches it: ${why}`, group.name);
        exclusive = false;
      }
      imported.push({ name: group.name, exclusive, members });
    }
    if (dynamic.length > 0) {
      const list = dynamic.map((g) => `${quote(g.name)} (${g.membershipMethod})`).join(", ");
      this.remarks.push({
        section: "groups",
        warn: false,
        text: `dynamic groups are not imported: JumpCloud binds their members by rule and rejects or reverts manual changes (change the rule in JumpCloud): ${list}`,
      });
    }
    return imported;
  }

  /** Each selected application with the groups and users assigned to it directly. */
  applications(selector: Selector): ImportedApplication[] {
    const assignmentsOf = groupBy(this.graph.applicationAssignments, (a) => a.applicationId);
    const imported: ImportedApplication[] = [];
    for (const app of sorted(this.graph.applications, (a) => a.label)) {
      if (!selector.selects(app.label, app.name)) continue;
      const problem = this.rules.application(app);
      if (problem !== undefined) {
        this.warn("applications", `left out ${describeApp(app)} and its assignments: ${problem}`);
        continue;
      }
      const groups: string[] = [];
      const users: string[] = [];
      for (const assignment of sorted(assignmentsOf.get(app.id) ?? [], (a) => a.id)) {
        if (assignment.targetType === "user") {
          const email = this.userEmail("applications", app.label, assignment.targetId, "assigned");
          if (email !== undefined) users.push(email);
          continue;
        }
        const group = this.groupsById.get(assignment.targetId);
        const why = group ? this.rules.group(group) : "the graph has no group with this id";
        if (why === undefined && group) groups.push(group.name);
        else {
          const what = group ? describeGroup(group) : `group ${assignment.targetId}`;
          this.warn("applications", `left out assigned ${what}: ${why}`, app.label);
        }
      }
      imported.push({ label: app.label, groups: groups.sort(compareNames), users: users.sort(compareNames) });
    }
    return imported;
  }

  /** Each selected admin account with the roles it holds. */
  admins(selector: Selector): ImportedAdmin[] {
    const roles = byKey(this.graph.roles, (r) => r.id);
    const rolesOf = groupBy(this.graph.adminRoles, (g) => g.adminId);
    const imported: ImportedAdmin[] = [];
    for (const admin of sorted(this.graph.admins, (a) => a.email)) {
      if (!selector.selects(admin.email)) continue;
      const problem = this.rules.admin(admin);
      if (problem !== undefined) {
        this.warn("admins", `left out ${describeAdmin(admin)} and its roles: ${problem}`);
        continue;
      }
      // The admin's own role list and the role grants are the same edges; both are read so neither can hide one.
      const roleIds = new Set([...admin.roleIds, ...(rolesOf.get(admin.id) ?? []).map((g) => g.roleId)]);
      const names: string[] = [];
      const unwritable: string[] = [];
      for (const roleId of [...roleIds].sort(compareNames)) {
        const role = roles.get(roleId);
        const why = role ? this.rules.role(role) : "the graph has no role with this id";
        if (why === undefined && role) names.push(role.name);
        else unwritable.push(`${role ? describeRole(role) : `role ${roleId}`}: ${why}`);
      }
      if (names.length === 0) {
        // An admin entry must list a role, so the admin goes, and the remark says why about each role.
        const why = `none of its roles can be written (${unwritable.join("; ")})`;
        this.warn("admins", `left out ${describeAdmin(admin)}: ${why}`);
        continue;
      }
      for (const text of unwritable) this.warn("admins", `left out ${text}`, admin.email);
      imported.push({ email: admin.email, roles: names.sort(compareNames) });
    }
    return imported;
  }

  /** A user's email as written, or undefined after remarking why it cannot be. */
  private userEmail(section: ImportSection, entry: string, userId: string, role: string): string | undefined {
    const user = this.users.get(userId);
    if (!user) {
      this.warn(section, `left out ${role} ${userId}: the graph has no user with this id`, entry);
      return undefined;
    }
    const problem = this.rules.user(user);
    if (problem === undefined) return user.email;
    this.warn(section, `left out ${role} ${describeUser(user)}: ${problem}`, entry);
    return undefined;
  }
}

/** By name, then by id, so that remarks and entries come in one order whatever order the graph lists them in. */
function sorted<T extends { id: string }>(items: readonly T[], nameOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareNames(nameOf(a), nameOf(b)) || compareNames(a.id, b.id));
}

/** The manifest that declares the organization's direct access as it is, for the selected objects. */
export function importFromGraph(graph: AccessGraph, selection: ImportSelection = {}): ImportedManifest {
  const importer = new Importer(graph);
  const groupSelector = new Selector(selection.groups);
  // Unlike the sections, no patterns means no exclusive group: exclusive removes members, so it is only ever asked for.
  const exclusiveSelector = new Selector(selection.exclusive ?? []);
  const appSelector = new Selector(selection.applications);
  const adminSelector = new Selector(selection.admins);
  const groups = importer.groups(groupSelector, exclusiveSelector);
  const applications = importer.applications(appSelector);
  const admins = importer.admins(adminSelector);

  for (const [section, selector, what] of [
    ["groups", groupSelector, "user group"],
    ["applications", appSelector, "application"],
    ["admins", adminSelector, "admin account"],
  ] as const) {
    for (const pattern of selector.unmatched())
      importer.warn(section, `the pattern ${quote(pattern)} matches no ${what}`);
  }
  for (const pattern of exclusiveSelector.unmatched()) {
    importer.warn("groups", `the --exclusive pattern ${quote(pattern)} matches no imported static group`);
  }

  return {
    org: graph.org.name ?? graph.org.id ?? graph.org.apiUrl,
    groups,
    applications,
    admins,
    remarks: importer.remarks,
    counts: {
      memberships: groups.reduce((n, g) => n + g.members.length, 0),
      groupAssignments: applications.reduce((n, a) => n + a.groups.length, 0),
      userAssignments: applications.reduce((n, a) => n + a.users.length, 0),
      adminRoles: admins.reduce((n, a) => n + a.roles.length, 0),
    },
  };
}
