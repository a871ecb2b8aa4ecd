import { objectId } from "./ids";
import { BUILT_IN_ROLES } from "./roles";
import type { OrgSnapshot, OrgSpec } from "./types";

export type UserState = "ACTIVATED" | "STAGED" | "SUSPENDED";
export type MembershipMethod = "NOTSET" | "STATIC" | "DYNAMIC_REVIEW_REQUIRED" | "DYNAMIC_AUTOMATED";

export interface StoredUser {
  id: string;
  email: string;
  username: string;
  firstname: string;
  lastname: string;
  department: string;
  jobTitle: string;
  state: UserState;
  locked: boolean;
  /** Load order; rendered as a creation time. */
  created: number;
}

/** Edges are stored as sets of array indexes, not objects per edge: 250,000 memberships stay a few megabytes. */
export interface StoredGroup {
  id: string;
  name: string;
  description: string;
  membershipMethod: MembershipMethod;
  members: Set<number>;
  /** Load order; rendered as a creation time. */
  created: number;
}

export interface StoredApplication {
  id: string;
  name: string;
  label: string;
  active: boolean;
  groups: Set<number>;
  users: Set<number>;
  /** Load order; rendered as a creation time. */
  created: number;
}

export interface StoredAdmin {
  id: string;
  email: string;
  firstname: string;
  lastname: string;
  /** Indexes into `roles`. */
  roles: number[];
  suspended: boolean;
  /** Load order; rendered as a creation time. */
  created: number;
}

export interface StoredRole {
  id: string;
  name: string;
  isCustom: boolean;
  scopes: string[];
}

/** The three kinds of access edge the API can write: group→user, application→group, application→user. */
export type EdgeKind = "member" | "app-group" | "app-user";

interface PendingWrite {
  visibleAt: number;
  kind: EdgeKind;
  parent: number;
  child: number;
  add: boolean;
}

const EPOCH = Date.UTC(2024, 0, 1);

/** Deterministic creation times: one minute apart in load order, so the same file always renders the same bytes. */
export function createdAt(sequence: number): string {
  return new Date(EPOCH + sequence * 60_000).toISOString();
}

/**
 * One organization's data. Reads see the visible state; graph writes may be queued in `pending` until their
 * visibility time (the read-after-write lag), and writes are validated against the authoritative state (visible
 * state plus the queue), as the real service validates against its primary while reads lag behind.
 */
export class OrgStore {
  readonly id: string;
  readonly name: string;
  /** Every org has JumpCloud's built-in LDAP directory. */
  readonly directoryId: string;
  readonly users: StoredUser[] = [];
  readonly groups: StoredGroup[] = [];
  readonly applications: StoredApplication[] = [];
  readonly admins: StoredAdmin[] = [];
  readonly roles: StoredRole[] = [];
  readonly userById = new Map<string, number>();
  readonly userByEmail = new Map<string, number>();
  readonly groupById = new Map<string, number>();
  readonly groupByName = new Map<string, number>();
  readonly applicationById = new Map<string, number>();
  readonly applicationByName = new Map<string, number>();
  readonly adminById = new Map<string, number>();
  readonly adminByEmail = new Map<string, number>();
  readonly roleById = new Map<string, number>();
  readonly roleByName = new Map<string, number>();
  /** Bumped when rendered users or admins change, to invalidate cached renderings and sort orders. */
  usersVersion = 0;
  adminsVersion = 0;
  private pending: PendingWrite[] = [];
  private seq = 0;

  constructor(spec: OrgSpec) {
    this.name = spec.name;
    this.id = spec.id?.toLowerCase() ?? objectId("org", spec.name);
    this.directoryId = objectId(this.id, "directory", "ldap");
    for (const role of BUILT_IN_ROLES) this.addRole(objectId("role", role.name), role.name, false, role.scopes);
    for (const name of spec.customRoles ?? []) {
      if (this.roleByName.has(name.toLowerCase())) {
        throw new Error(`Org "${spec.name}": custom role "${name}" is defined twice or clashes with a built-in role.`);
      }
      this.addRole(objectId(this.id, "role", name.toLowerCase()), name, true, ["custom"]);
    }
    for (const user of spec.users ?? []) {
      const email = user.email;
      const key = email.toLowerCase();
      if (this.userByEmail.has(key)) throw new Error(`Org "${spec.name}": user "${email}" is listed twice.`);
      const local = email.split("@")[0] ?? email;
      this.addUser({
        id: objectId(this.id, "user", key),
        email,
        username: user.username ?? local,
        firstname: user.firstname ?? "",
        lastname: user.lastname ?? "",
        department: user.department ?? "",
        jobTitle: user.jobTitle ?? "",
        state: user.state ?? "ACTIVATED",
        locked: user.locked ?? false,
        created: this.seq++,
      });
    }
    for (const group of spec.groups ?? []) {
      if (this.groupByName.has(group.name))
        throw new Error(`Org "${spec.name}": group "${group.name}" is listed twice.`);
      const members = new Set<number>();
      for (const email of group.members ?? []) members.add(this.requireUser(email, `group "${group.name}"`));
      this.addGroup({
        id: objectId(this.id, "group", group.name),
        name: group.name,
        description: group.description ?? "",
        membershipMethod: group.membershipMethod ?? "STATIC",
        members,
        created: this.seq++,
      });
    }
    for (const app of spec.applications ?? []) {
      if (this.applicationByName.has(app.name)) {
        throw new Error(`Org "${spec.name}": application "${app.name}" is listed twice.`);
      }
      const groups = new Set<number>();
      for (const name of app.groups ?? []) groups.add(this.requireGroup(name, `application "${app.name}"`));
      const users = new Set<number>();
      for (const email of app.users ?? []) users.add(this.requireUser(email, `application "${app.name}"`));
      this.addApplication({
        id: objectId(this.id, "application", app.name),
        name: app.name,
        label: app.label ?? app.name,
        active: app.active ?? true,
        groups,
        users,
        created: this.seq++,
      });
    }
    for (const admin of spec.admins ?? []) {
      const key = admin.email.toLowerCase();
      if (this.adminByEmail.has(key)) throw new Error(`Org "${spec.name}": admin "${admin.email}" is listed twice.`);
      const index = this.admins.length;
      this.admins.push({
        id: objectId(this.id, "admin", key),
        email: admin.email,
        firstname: admin.firstname ?? "",
        lastname: admin.lastname ?? "",
        roles: this.resolveRoleNames(admin.roles, `admin "${admin.email}"`),
        suspended: admin.suspended ?? false,
        created: this.seq++,
      });
      this.adminById.set(this.admins[index]!.id, index);
      this.adminByEmail.set(key, index);
    }
  }

  private addRole(id: string, name: string, isCustom: boolean, scopes: string[]): void {
    this.roleById.set(id, this.roles.length);
    this.roleByName.set(name.toLowerCase(), this.roles.length);
    this.roles.push({ id, name, isCustom, scopes });
  }

  /** Derived ids must be distinct; a collision would silently merge two objects, so it stops the load instead. */
  private claimId(map: Map<string, number>, id: string, index: number, what: string): void {
    if (map.has(id)) throw new Error(`Org "${this.name}": the derived id ${id} of ${what} collides; rename it.`);
    map.set(id, index);
  }

  private addUser(user: StoredUser): void {
    this.claimId(this.userById, user.id, this.users.length, `user "${user.email}"`);
    this.userByEmail.set(user.email.toLowerCase(), this.users.length);
    this.users.push(user);
  }

  private addGroup(group: StoredGroup): void {
    this.claimId(this.groupById, group.id, this.groups.length, `group "${group.name}"`);
    this.groupByName.set(group.name, this.groups.length);
    this.groups.push(group);
  }

  private addApplication(app: StoredApplication): void {
    this.claimId(this.applicationById, app.id, this.applications.length, `application "${app.name}"`);
    this.applicationByName.set(app.name, this.applications.length);
    this.applications.push(app);
  }

  requireUser(email: string, where: string): number {
    const index = this.userByEmail.get(email) ?? this.userByEmail.get(email.toLowerCase());
    if (index === undefined) {
      throw new Error(`Org "${this.name}": ${where} names user "${email}", which is not in the org's users list.`);
    }
    return index;
  }

  requireGroup(name: string, where: string): number {
    const index = this.groupByName.get(name);
    if (index === undefined) {
      throw new Error(`Org "${this.name}": ${where} names group "${name}", which is not in the org's groups list.`);
    }
    return index;
  }

  requireApplication(name: string, where: string): number {
    const index = this.applicationByName.get(name);
    if (index === undefined) {
      throw new Error(`Org "${this.name}": ${where} names application "${name}", which is not in the org.`);
    }
    return index;
  }

  requireAdmin(email: string, where: string): number {
    const index = this.adminByEmail.get(email.toLowerCase());
    if (index === undefined)
      throw new Error(`Org "${this.name}": ${where} names admin "${email}", which is not in the org.`);
    return index;
  }

  resolveRoleNames(names: readonly string[], where: string): number[] {
    if (names.length === 0) throw new Error(`Org "${this.name}": ${where} has no roles; give at least one.`);
    const out: number[] = [];
    for (const name of names) {
      const index = this.roleByName.get(name.toLowerCase());
      if (index === undefined) {
        const known = this.roles.map((r) => r.name).join(", ");
        throw new Error(
          `Org "${this.name}": ${where} names role "${name}", which does not exist. Known roles: ${known}.`,
        );
      }
      if (!out.includes(index)) out.push(index);
    }
    return out;
  }

  edgeSet(kind: EdgeKind, parent: number): Set<number> {
    if (kind === "member") return this.groups[parent]!.members;
    const app = this.applications[parent]!;
    return kind === "app-group" ? app.groups : app.users;
  }

  /** Applies queued writes whose visibility time has come, in write order. */
  flush(now: number): void {
    if (this.pending.length === 0) return;
    let applied = 0;
    for (const write of this.pending) {
      if (write.visibleAt > now) break;
      this.apply(write.kind, write.parent, write.child, write.add);
      applied++;
    }
    if (applied) this.pending.splice(0, applied);
  }

  private apply(kind: EdgeKind, parent: number, child: number, add: boolean): void {
    const set = this.edgeSet(kind, parent);
    if (add) set.add(child);
    else set.delete(child);
  }

  /** The authoritative state of an edge: the newest queued write on it, else the visible state. */
  hasEdge(kind: EdgeKind, parent: number, child: number): boolean {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const w = this.pending[i]!;
      if (w.kind === kind && w.parent === parent && w.child === child) return w.add;
    }
    return this.edgeSet(kind, parent).has(child);
  }

  /** Records a write that reads see from `visibleAt` on. The queue stays in order even if the delay shrinks. */
  write(kind: EdgeKind, parent: number, child: number, add: boolean, now: number, visibleAt: number): void {
    const last = this.pending[this.pending.length - 1];
    const at = Math.max(visibleAt, last?.visibleAt ?? visibleAt);
    if (at <= now && !last) {
      this.apply(kind, parent, child, add);
      return;
    }
    this.pending.push({ visibleAt: at, kind, parent, child, add });
  }

  /** A change made outside the API: visible at once, and it supersedes queued API writes on the same edge. */
  writeNow(kind: EdgeKind, parent: number, child: number, add: boolean): void {
    this.pending = this.pending.filter((w) => !(w.kind === kind && w.parent === parent && w.child === child));
    this.apply(kind, parent, child, add);
  }

  setUserState(index: number, state: UserState): void {
    this.users[index]!.state = state;
    this.usersVersion++;
  }

  setAdminRoles(index: number, roles: number[]): void {
    this.admins[index]!.roles = roles;
    this.adminsVersion++;
  }

  /** The authoritative members of one edge set (visible state plus queued writes). */
  private authoritative(kind: EdgeKind, parent: number): Set<number> {
    const set = new Set(this.edgeSet(kind, parent));
    for (const w of this.pending) {
      if (w.kind !== kind || w.parent !== parent) continue;
      if (w.add) set.add(w.child);
      else set.delete(w.child);
    }
    return set;
  }

  /** Canonical view of the authoritative state: names and emails, sorted, so two snapshots compare with deepEqual. */
  snapshot(): OrgSnapshot {
    const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const emails = (set: Set<number>) => [...set].map((i) => this.users[i]!.email).sort(byText);
    return {
      id: this.id,
      name: this.name,
      users: this.users
        .map((u) => ({ email: u.email, username: u.username, state: u.state, locked: u.locked }))
        .sort((a, b) => byText(a.email, b.email)),
      groups: this.groups
        .map((g, i) => ({
          name: g.name,
          membershipMethod: g.membershipMethod,
          members: emails(this.authoritative("member", i)),
        }))
        .sort((a, b) => byText(a.name, b.name)),
      applications: this.applications
        .map((a, i) => ({
          name: a.name,
          label: a.label,
          active: a.active,
          groups: [...this.authoritative("app-group", i)].map((g) => this.groups[g]!.name).sort(byText),
          users: emails(this.authoritative("app-user", i)),
        }))
        .sort((a, b) => byText(a.name, b.name)),
      admins: this.admins
        .map((a) => ({
          email: a.email,
          roles: a.roles.map((r) => this.roles[r]!.name).sort(byText),
          suspended: a.suspended,
        }))
        .sort((a, b) => byText(a.email, b.email)),
      customRoles: this.roles
        .filter((r) => r.isCustom)
        .map((r) => r.name)
        .sort(byText),
    };
  }
}
