import type { EmulatorHandle, OrgSnapshot, OrgSpec } from "../emulator/types";

/**
 * A generated org and a program over it with edges of every kind, for the end-to-end tests and the benchmark. The
 * program is plain data turned into TypeScript: each edge is one resource whose name is its natural key.
 */
export interface Declared {
  memberships: { name: string; groupName: string; userEmail: string }[];
  sets: { name: string; groupName: string; userEmails: string[]; exclusive: boolean }[];
  assignments: { name: string; applicationName: string; userGroupName?: string; userEmail?: string }[];
  roles: { name: string; adminEmail: string; roleName: string }[];
}

export const email = (i: number) => `user${String(i).padStart(3, "0")}@e2e.example`;

/**
 * `users` users, team groups of 10 that memberships fill, two set groups, apps and admins with a role each.
 * The shared set's group starts with a member the program does not list, which it must leave alone. The exclusive
 * set's group starts empty, so that destroy can restore the org exactly (an exclusive set removes unlisted members
 * for good; the kinds tests cover that).
 */
export function e2eOrg(users: number, teams: number, apps: number, admins: number): OrgSpec {
  return {
    name: "E2E Org",
    users: Array.from({ length: users }, (_, i) => ({ email: email(i) })),
    groups: [
      ...Array.from({ length: teams }, (_, t) => ({ name: `team-${t}` })),
      { name: "set-shared", members: [email(users - 1)] },
      { name: "set-owned" },
      { name: "everyone", membershipMethod: "DYNAMIC_AUTOMATED" as const },
    ],
    applications: Array.from({ length: apps }, (_, a) => ({ name: `app${a}`, label: `App ${a}` })),
    admins: Array.from({ length: admins }, (_, a) => ({
      email: `admin${a}@e2e.example`,
      roles: [a % 2 === 0 ? "Help Desk" : "Read Only"],
    })),
  };
}

export function declare(counts: {
  memberships: number;
  setSize: number;
  groupAssignments: number;
  userAssignments: number;
  roles: number;
  teams: number;
  apps: number;
}): Declared {
  const memberships = Array.from({ length: counts.memberships }, (_, i) => ({
    name: `membership:team-${i % counts.teams}:${email(i)}`,
    groupName: `team-${i % counts.teams}`,
    userEmail: email(i),
  }));
  const sets = [
    { name: "members:set-shared", groupName: "set-shared", exclusive: false, userEmails: [] as string[] },
    { name: "members:set-owned", groupName: "set-owned", exclusive: true, userEmails: [] as string[] },
  ];
  for (let i = 0; i < counts.setSize; i++) {
    sets[0]?.userEmails.push(email(i));
    sets[1]?.userEmails.push(email(i + counts.setSize));
  }
  const assignments: Declared["assignments"] = [];
  for (let i = 0; i < counts.groupAssignments; i++) {
    const app = `App ${i % counts.apps}`;
    const group = `team-${Math.floor(i / counts.apps) % counts.teams}`;
    assignments.push({ name: `assignment:${app}:group:${group}`, applicationName: app, userGroupName: group });
  }
  for (let i = 0; i < counts.userAssignments; i++) {
    const app = `App ${i % counts.apps}`;
    assignments.push({ name: `assignment:${app}:user:${email(i)}`, applicationName: app, userEmail: email(i) });
  }
  const roleNames = ["Manager", "Command Runner", "Billing Only"];
  const roles = Array.from({ length: counts.roles }, (_, i) => {
    const adminEmail = `admin${i % Math.max(1, Math.ceil(counts.roles / roleNames.length))}@e2e.example`;
    const roleName = roleNames[Math.floor(i / Math.max(1, Math.ceil(counts.roles / roleNames.length)))] ?? "Manager";
    return { name: `role:${adminEmail}:${roleName}`, adminEmail, roleName };
  });
  return { memberships, sets, assignments, roles };
}

export function edgeCount(d: Declared): number {
  return (
    d.memberships.length + d.sets.reduce((n, s) => n + s.userEmails.length, 0) + d.assignments.length + d.roles.length
  );
}

/** The program's source: the declared edges as JSON, one resource each; resource counts as a stack output. */
export function programSource(d: Declared): string {
  return `import * as jc from "pulumi-jumpcloud-access";

const declared = ${JSON.stringify(d)};
for (const { name, ...args } of declared.memberships) new jc.UserGroupMembership(name, args);
for (const { name, ...args } of declared.sets) new jc.UserGroupMembers(name, args);
for (const { name, ...args } of declared.assignments) new jc.ApplicationAssignment(name, args);
for (const { name, ...args } of declared.roles) new jc.AdminRoleGrant(name, args);
export const resources = declared.memberships.length + declared.sets.length + declared.assignments.length + declared.roles.length;
`;
}

/** The org as it should be after `up`: the starting snapshot with every declared edge applied. */
export function expectedSnapshot(before: OrgSnapshot, d: Declared): OrgSnapshot {
  const after: OrgSnapshot = structuredClone(before);
  const group = (name: string) => after.groups.find((g) => g.name === name);
  const app = (label: string) => after.applications.find((a) => a.label === label);
  for (const m of d.memberships) group(m.groupName)?.members.push(m.userEmail);
  for (const s of d.sets) {
    const g = group(s.groupName);
    if (!g) continue;
    g.members = s.exclusive ? [...s.userEmails] : [...g.members, ...s.userEmails];
  }
  for (const a of d.assignments) {
    if (a.userGroupName) app(a.applicationName)?.groups.push(a.userGroupName);
    if (a.userEmail) app(a.applicationName)?.users.push(a.userEmail);
  }
  for (const r of d.roles) {
    const admin = after.admins.find((x) => x.email === r.adminEmail);
    if (!admin) continue;
    // A grant adds its role: a fallback role the admin held before the stack ("Read Only") is kept (#12.5).
    admin.roles.push(r.roleName);
  }
  for (const g of after.groups) g.members = [...new Set(g.members)].sort();
  for (const a of after.applications) {
    a.groups = [...new Set(a.groups)].sort();
    a.users = [...new Set(a.users)].sort();
  }
  for (const a of after.admins) a.roles = [...new Set(a.roles)].sort();
  return after;
}

/** Requests that could change JumpCloud. */
export function writes(emulator: EmulatorHandle): string[] {
  return emulator
    .requestLog()
    .filter((r) => r.method !== "GET" && !r.path.startsWith("/api/search/"))
    .map((r) => r.route);
}
