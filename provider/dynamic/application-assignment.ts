import { applicationAssignmentKind } from "../resources/application-assignment";
import { stackContext } from "../resources/stack-context";

/** The `ApplicationAssignment` resource kind, bound to this process's stack configuration. */
export const applicationAssignment = applicationAssignmentKind(stackContext);
