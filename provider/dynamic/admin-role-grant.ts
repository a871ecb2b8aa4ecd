import { adminRoleGrantKind } from "../resources/admin-role-grant";
import { stackContext } from "../resources/stack-context";

/** The `AdminRoleGrant` resource kind, bound to this process's stack configuration. */
export const adminRoleGrant = adminRoleGrantKind(stackContext);
