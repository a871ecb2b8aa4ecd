import { ExclusiveSetClaims } from "./exclusive-set-claims";

/**
 * Which resources claim each administrator account in this engine run. An exclusive `AdminRoles` removes every role
 * it does not list, so it fights with any other declaration of roles on the same admin (an `AdminRoleGrant`, or
 * another `AdminRoles`); non-exclusive declarations coexist, and declared-edge protection keeps a role one of them
 * drops while another still lists it.
 */
export type AdminStyle = "grant" | "roles" | "roles-exclusive";

const LABELS: Record<AdminStyle, string> = {
  grant: "AdminRoleGrant",
  roles: "AdminRoles",
  "roles-exclusive": "AdminRoles (exclusive)",
};

export class AdminClaims extends ExclusiveSetClaims<AdminStyle> {
  constructor() {
    super({
      exclusive: "roles-exclusive",
      conflict: (admin, earlier, later) =>
        `administrator ${admin.label} (${admin.id}) is managed by ${LABELS[earlier]} and by ${LABELS[later]} in this program: an exclusive AdminRoles removes every role it does not list. List every role of the admin in one AdminRoles, or drop exclusive.`,
    });
  }
}
