/**
 * Which resources claim each administrator account in this engine run. An exclusive `AdminRoles` removes every role
 * it does not list, so it fights with any other declaration of roles on the same admin (an `AdminRoleGrant`, or
 * another `AdminRoles`); non-exclusive declarations coexist, and declared-edge protection keeps a role one of them
 * drops while another still lists it. Claims are made in `check`, after the admin is resolved to its id, so an admin
 * named by email in one resource and by id in another is still caught.
 */
export type AdminStyle = "grant" | "roles" | "roles-exclusive";

const LABELS: Record<AdminStyle, string> = {
  grant: "AdminRoleGrant",
  roles: "AdminRoles",
  "roles-exclusive": "AdminRoles (exclusive)",
};

interface Claim {
  style: AdminStyle;
  /** The resource's validated inputs: the same resource checked twice is not a conflict with itself. */
  fingerprint: string;
}

export class AdminClaims {
  private readonly claims = new Map<string, Claim[]>();

  /** Records the claim; returns a message naming the admin and the fix when it conflicts with an earlier one. */
  claim(orgKey: string, adminId: string, email: string, style: AdminStyle, fingerprint: string): string | undefined {
    const key = `${orgKey}/${adminId}`;
    const existing = this.claims.get(key) ?? [];
    const conflict = existing.find(
      (c) => c.fingerprint !== fingerprint && (c.style === "roles-exclusive" || style === "roles-exclusive"),
    );
    if (conflict) {
      return `administrator ${email} (${adminId}) is managed by ${LABELS[conflict.style]} and by ${LABELS[style]} in this program: an exclusive AdminRoles removes every role it does not list. List every role of the admin in one AdminRoles, or drop exclusive.`;
    }
    if (!existing.some((c) => c.fingerprint === fingerprint)) existing.push({ style, fingerprint });
    this.claims.set(key, existing);
    return undefined;
  }
}
