import { JumpCloudError } from "../errors";
import { accessGraphKind } from "../resources/access-graph";
import { adminRoleGrantKind } from "../resources/admin-role-grant";
import { adminRolesKind } from "../resources/admin-roles";
import { applicationAssignmentKind } from "../resources/application-assignment";
import { applicationAssignmentsKind } from "../resources/application-assignments";
import type { ResourceKind } from "../resources/resource-kind";
import { userGroupMembersKind } from "../resources/user-group-members";
import { revokedAccessKind } from "../resources/revoked-access";
import { userGroupMembershipKind } from "../resources/user-group-membership";
import { stackContext } from "./process-context";

/**
 * Every resource kind by the name its provider module names, bound to this process's context. The names are stored in
 * every stack's state: renaming a key breaks the stacks that stored it. A new kind is one line here.
 */
const kinds = new Map<string, ResourceKind>([
  ["user-group-membership", userGroupMembershipKind(stackContext)],
  ["user-group-members", userGroupMembersKind(stackContext)],
  ["application-assignment", applicationAssignmentKind(stackContext)],
  ["application-assignments", applicationAssignmentsKind(stackContext)],
  ["admin-role-grant", adminRoleGrantKind(stackContext)],
  ["admin-roles", adminRolesKind(stackContext)],
  ["access-graph", accessGraphKind(stackContext)],
  ["revoked-access", revokedAccessKind(stackContext)],
]);

/** The names of every registered kind (stable: they are stored in the stacks' state). */
export const kindNames = (): string[] => [...kinds.keys()];

export function kind(name: string): ResourceKind {
  const found = kinds.get(name);
  if (!found) {
    throw new JumpCloudError("unsupported", `This version of pulumi-jumpcloud-access has no resource kind "${name}".`, {
      hint: "The stack was written by a newer version: install that version (or newer) of the package.",
    });
  }
  return found;
}
