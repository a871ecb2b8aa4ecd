import { userGroupMembersKind } from "../resources/group-members";
import { stackContext } from "../resources/stack-context";

/** The `UserGroupMembers` resource kind, bound to this process's stack configuration. */
export const userGroupMembers = userGroupMembersKind(stackContext);
