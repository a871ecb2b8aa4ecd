import { ExclusiveSetClaims } from "./exclusive-set-claims";

/**
 * Which resources claim each SSO application in this engine run. An exclusive `ApplicationAssignments` removes every
 * assignment it does not list, so it fights with any other declaration of assignments on the same application (an
 * `ApplicationAssignment`, or another `ApplicationAssignments`); non-exclusive declarations coexist, and
 * declared-edge protection keeps an assignment one of them drops while another still lists it.
 */
export type ApplicationStyle = "assignment" | "assignments" | "assignments-exclusive";

const LABELS: Record<ApplicationStyle, string> = {
  assignment: "ApplicationAssignment",
  assignments: "ApplicationAssignments",
  "assignments-exclusive": "ApplicationAssignments (exclusive)",
};

export class ApplicationClaims extends ExclusiveSetClaims<ApplicationStyle> {
  constructor() {
    super({
      exclusive: "assignments-exclusive",
      conflict: (app, earlier, later) =>
        earlier === "assignments-exclusive" && later === "assignments-exclusive"
          ? `application "${app.label}" (${app.id}) is managed by two exclusive ApplicationAssignments resources in this program: each would remove the other's assignments. Merge them into one resource.`
          : `application "${app.label}" (${app.id}) is managed by ${LABELS[earlier]} and by ${LABELS[later]} in this program: an exclusive ApplicationAssignments removes every assignment it does not list. List every user group and user of the application in one ApplicationAssignments, or drop exclusive.`,
    });
  }
}
