import * as sdk from "../sdk";
import { parseManifestText, planGrants } from "../provider/manifest";

/**
 * The programs the scale benchmark can put under test, each applying one `access.yaml`. The benchmark is the same for
 * every program; only the resources it makes differ.
 */
export interface ScaleProgram {
  /** Short name for the report, e.g. "per-grant". */
  name: string;
  /** Why this build cannot run the program (the report says so instead of a number), or undefined. */
  unavailable(): string | undefined;
  /** The program's index.ts; the manifest is at `access.yaml` next to it and its text is `manifest`. */
  source(manifest: string): string;
  /** The most resources (the stack aside) the program may make, or undefined for no bound (checked after `up`). */
  maxResources?(counts: { groups: number; applications: number; admins: number }): number;
}

/**
 * One resource per grant, as today's `AccessPolicy` makes them: one `UserGroupMembership`, `ApplicationAssignment`
 * or `AdminRoleGrant` per grant (one `UserGroupMembers` per exclusive group), named by the grant's natural key. The
 * grants are spelled out in the program, so this stays the per-grant shape whatever `AccessPolicy` becomes.
 */
export const perGrantProgram: ScaleProgram = {
  name: "per-grant",
  unavailable: () => undefined,
  source(manifest) {
    const loaded = parseManifestText(manifest, "access.yaml");
    const active = planGrants(loaded.grants, new Date(), 0).active;
    const exclusive = new Set(loaded.exclusiveGroups);
    const sets = loaded.exclusiveGroups.map((group) => ({
      name: `scale/members:${group}`,
      groupName: group,
      exclusive: true,
      userEmails: active.flatMap((g) => (g.kind === "membership" && g.group === group ? [g.email] : [])),
    }));
    const memberships: object[] = [];
    const assignments: object[] = [];
    const roles: object[] = [];
    for (const grant of active) {
      const name = `scale/${grant.key}`;
      if (grant.kind === "membership") {
        if (!exclusive.has(grant.group)) memberships.push({ name, groupName: grant.group, userEmail: grant.email });
      } else if (grant.kind === "application") {
        const target =
          grant.target.type === "user" ? { userEmail: grant.target.email } : { userGroupName: grant.target.group };
        assignments.push({ name, applicationName: grant.application, ...target });
      } else {
        roles.push({ name, adminEmail: grant.adminEmail, roleName: grant.role });
      }
    }
    return `import * as jc from "pulumi-jumpcloud-access";

const declared = ${JSON.stringify({ memberships, sets, assignments, roles })};
for (const { name, ...args } of declared.memberships) new jc.UserGroupMembership(name, args);
for (const { name, ...args } of declared.sets) new jc.UserGroupMembers(name, args);
for (const { name, ...args } of declared.assignments) new jc.ApplicationAssignment(name, args);
for (const { name, ...args } of declared.roles) new jc.AdminRoleGrant(name, args);
`;
  },
};

/** The set kinds the one-resource-per-parent `AccessPolicy` is built on (issue #14, points 1 and 2). */
const SET_KINDS = ["UserGroupMembers", "ApplicationAssignments", "AdminRoles"] as const;

/**
 * `AccessPolicy` on the file, once it makes one resource per group, application and admin. Detected by the set kinds
 * it needs in the SDK; after `up` the benchmark also checks the resource count against that bound, so a per-grant
 * `AccessPolicy` can never be reported as the set one.
 */
export const setAccessPolicyProgram: ScaleProgram = {
  name: "set AccessPolicy",
  unavailable() {
    const missing = SET_KINDS.filter((kind) => typeof (sdk as Record<string, unknown>)[kind] !== "function");
    return missing.length === 0
      ? undefined
      : `not available yet: this build's SDK has no ${missing.join(" or ")} (the set resources of issue #14)`;
  },
  source: () => `import { AccessPolicy } from "pulumi-jumpcloud-access";

new AccessPolicy("scale", { manifest: "access.yaml" });
`,
  // One per group, application and admin, and the component.
  maxResources: (c) => c.groups + c.applications + c.admins + 1,
};
