/**
 * Which resources claim each SSO application in this engine run. An exclusive `ApplicationAssignments` removes every
 * assignment it does not list, so it fights with any other declaration of assignments on the same application (an
 * `ApplicationAssignment`, or another `ApplicationAssignments`); non-exclusive declarations coexist, and
 * declared-edge protection keeps an assignment one of them drops while another still lists it. Claims are made in
 * `check`, after the application is resolved to its id, so an application named in one resource and given by id in
 * another is still caught, whichever of the two the engine checks first.
 */
export type ApplicationStyle = "assignment" | "assignments" | "assignments-exclusive";

const LABELS: Record<ApplicationStyle, string> = {
  assignment: "ApplicationAssignment",
  assignments: "ApplicationAssignments",
  "assignments-exclusive": "ApplicationAssignments (exclusive)",
};

interface Claim {
  style: ApplicationStyle;
  /** The resource's validated inputs: the same resource checked twice is not a conflict with itself. */
  fingerprint: string;
}

export class ApplicationClaims {
  private readonly claims = new Map<string, Claim[]>();

  /** Records the claim; returns a message naming the application and the fix when it conflicts with an earlier one. */
  claim(
    orgKey: string,
    applicationId: string,
    label: string,
    style: ApplicationStyle,
    fingerprint: string,
  ): string | undefined {
    const key = `${orgKey}/${applicationId}`;
    const existing = this.claims.get(key) ?? [];
    const conflict = existing.find(
      (c) =>
        c.fingerprint !== fingerprint && (c.style === "assignments-exclusive" || style === "assignments-exclusive"),
    );
    if (conflict?.style === "assignments-exclusive" && style === "assignments-exclusive") {
      return `application "${label}" (${applicationId}) is managed by two exclusive ApplicationAssignments resources in this program: each would remove the other's assignments. Merge them into one resource.`;
    }
    if (conflict) {
      return `application "${label}" (${applicationId}) is managed by ${LABELS[conflict.style]} and by ${LABELS[style]} in this program: an exclusive ApplicationAssignments removes every assignment it does not list. List every user group and user of the application in one ApplicationAssignments, or drop exclusive.`;
    }
    if (!existing.some((c) => c.fingerprint === fingerprint)) existing.push({ style, fingerprint });
    this.claims.set(key, existing);
    return undefined;
  }
}
