import { userGroupMembershipKind } from "../resources/group-membership";
import { stackContext } from "../resources/stack-context";

/** The `UserGroupMembership` resource kind, bound to this process's stack configuration. */
export const userGroupMembership = userGroupMembershipKind(stackContext);
