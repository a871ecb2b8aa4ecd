import { BUILT_IN_ROLES } from "./roles";
import { mulberry32 } from "./mulberry32";
import type { AdminSpec, ApplicationSpec, GroupSpec, OrgSpec, SyntheticOrgOptions, UserSpec } from "./types";

const FIRST = [
  "Ava",
  "Ben",
  "Chloe",
  "Dan",
  "Eve",
  "Finn",
  "Gia",
  "Hugo",
  "Iris",
  "Jon",
  "Kai",
  "Lena",
  "Milo",
  "Nora",
];
const LAST = [
  "Adams",
  "Brown",
  "Chen",
  "Diaz",
  "Evans",
  "Fischer",
  "Garcia",
  "Hughes",
  "Ito",
  "Jones",
  "Khan",
  "Lopez",
];
const DEPARTMENTS = ["Engineering", "Sales", "Finance", "Support", "Marketing", "Operations", "Legal"];

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * `count` distinct indexes below `n`: an arithmetic walk with a stride coprime to n visits every index once, so a
 * pick costs no set and no shuffle of the whole population (250,000 memberships are generated in milliseconds).
 */
function pick(n: number, count: number, random: () => number): number[] {
  if (n === 0 || count === 0) return [];
  const start = Math.floor(random() * n);
  let stride = 1 + Math.floor(random() * (n - 1));
  while (n > 1 && gcd(stride, n) !== 1) stride = (stride % (n - 1)) + 1;
  const out = new Array<number>(Math.min(count, n));
  for (let i = 0; i < out.length; i++) out[i] = (start + i * stride) % n;
  return out;
}

/** Group sizes summing to about groups × membersPerGroup: all equal, or Zipf (rank r gets a share ∝ 1/r). */
function groupSizes(options: SyntheticOrgOptions): number[] {
  const { groups, membersPerGroup, users } = options;
  if (options.distribution !== "zipf") return new Array<number>(groups).fill(Math.min(membersPerGroup, users));
  let harmonic = 0;
  for (let r = 1; r <= groups; r++) harmonic += 1 / r;
  const total = groups * membersPerGroup;
  const sizes: number[] = [];
  for (let r = 1; r <= groups; r++) sizes.push(Math.min(users, Math.max(1, Math.round(total / (r * harmonic)))));
  return sizes;
}

function checkOptions(options: SyntheticOrgOptions): void {
  for (const key of ["users", "groups", "apps", "admins", "membersPerGroup", "groupsPerApp", "usersPerApp"] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`Synthetic org option ${key} must be a non-negative integer, got ${String(value)}.`);
    }
  }
  if (options.distribution !== undefined && options.distribution !== "uniform" && options.distribution !== "zipf") {
    throw new Error(`Synthetic org option distribution must be "uniform" or "zipf", got "${options.distribution}".`);
  }
  if ((options.groupsPerApp ?? 0) > options.groups) {
    throw new Error(`Synthetic org option groupsPerApp (${options.groupsPerApp}) exceeds groups (${options.groups}).`);
  }
}

/**
 * A deterministic org of any size: the same options (seed included) always give the same org, hence the same ids.
 * About 2% of users are SUSPENDED, 1% STAGED and 1% locked; every fifth admin holds two roles ("Multi Role").
 */
export function generateSyntheticOrg(options: SyntheticOrgOptions): OrgSpec {
  checkOptions(options);
  const seed = options.seed ?? 1;
  const random = mulberry32(seed);
  const width = String(Math.max(options.users, options.groups, options.apps, options.admins, 1)).length;
  const num = (i: number) => String(i + 1).padStart(width, "0");

  const users: UserSpec[] = new Array(options.users);
  const emails: string[] = new Array(options.users);
  for (let i = 0; i < options.users; i++) {
    const email = `user${num(i)}@synthetic.example`;
    emails[i] = email;
    const die = random();
    users[i] = {
      email,
      firstname: FIRST[i % FIRST.length]!,
      lastname: LAST[Math.floor(i / FIRST.length) % LAST.length]!,
      department: DEPARTMENTS[i % DEPARTMENTS.length]!,
      jobTitle: "Staff",
      state: die < 0.02 ? "SUSPENDED" : die < 0.03 ? "STAGED" : "ACTIVATED",
      locked: die >= 0.03 && die < 0.04,
    };
  }

  const sizes = groupSizes(options);
  const groups: GroupSpec[] = new Array(options.groups);
  for (let g = 0; g < options.groups; g++) {
    const members = pick(options.users, sizes[g]!, random).map((u) => emails[u]!);
    groups[g] = { name: `group-${num(g)}`, description: `Synthetic group ${g + 1}`, members };
  }

  const applications: ApplicationSpec[] = [];
  for (let a = 0; a < options.apps; a++) {
    applications.push({
      name: `app-${num(a)}`,
      label: `App ${num(a)}`,
      groups: pick(options.groups, options.groupsPerApp ?? 0, random).map((g) => groups[g]!.name),
      users: pick(options.users, options.usersPerApp ?? 0, random).map((u) => emails[u]!),
    });
  }

  const admins: AdminSpec[] = [];
  for (let a = 0; a < options.admins; a++) {
    const first = BUILT_IN_ROLES[a % BUILT_IN_ROLES.length]!.name;
    const second = BUILT_IN_ROLES[(a + 3) % BUILT_IN_ROLES.length]!.name;
    admins.push({ email: `admin${num(a)}@synthetic.example`, roles: a % 5 === 4 ? [first, second] : [first] });
  }

  return {
    name: `Synthetic Org ${seed}`,
    users,
    groups,
    applications,
    admins,
    customRoles: ["Access Reviewer"],
  };
}
