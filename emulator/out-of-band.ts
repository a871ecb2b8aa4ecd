import type { OrgStore } from "./org-store";
import type { OutOfBand } from "./types";

/**
 * Changes "as if an admin clicked in the console": no auth, no faults, not logged, visible at once. Unknown names
 * throw, naming the object, so a test that mistypes a fixture fails loudly.
 */
export function createOutOfBand(orgFor: (orgId?: string) => OrgStore): OutOfBand {
  const target = (org: OrgStore, app: string, t: { group: string } | { user: string }) => {
    const appIndex = org.requireApplication(app, "an out-of-band change");
    return "group" in t
      ? { kind: "app-group" as const, app: appIndex, child: org.requireGroup(t.group, "an out-of-band change") }
      : { kind: "app-user" as const, app: appIndex, child: org.requireUser(t.user, "an out-of-band change") };
  };
  return {
    addGroupMember(group, userEmail, orgId) {
      const org = orgFor(orgId);
      const g = org.requireGroup(group, "an out-of-band change");
      org.writeNow("member", g, org.requireUser(userEmail, "an out-of-band change"), true);
    },
    removeGroupMember(group, userEmail, orgId) {
      const org = orgFor(orgId);
      const g = org.requireGroup(group, "an out-of-band change");
      org.writeNow("member", g, org.requireUser(userEmail, "an out-of-band change"), false);
    },
    assignApplication(application, t, orgId) {
      const org = orgFor(orgId);
      const edge = target(org, application, t);
      org.writeNow(edge.kind, edge.app, edge.child, true);
    },
    unassignApplication(application, t, orgId) {
      const org = orgFor(orgId);
      const edge = target(org, application, t);
      org.writeNow(edge.kind, edge.app, edge.child, false);
    },
    setAdminRoles(adminEmail, roles, orgId) {
      const org = orgFor(orgId);
      const where = `an out-of-band change to admin "${adminEmail}"`;
      org.setAdminRoles(org.requireAdmin(adminEmail, "an out-of-band change"), org.resolveRoleNames(roles, where));
    },
    setUserState(userEmail, state, orgId) {
      if (state !== "ACTIVATED" && state !== "STAGED" && state !== "SUSPENDED") {
        throw new Error(`Out-of-band change: state must be ACTIVATED, STAGED or SUSPENDED, got "${String(state)}".`);
      }
      const org = orgFor(orgId);
      org.setUserState(org.requireUser(userEmail, "an out-of-band change"), state);
    },
  };
}
