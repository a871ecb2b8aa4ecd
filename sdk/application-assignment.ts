import type * as pulumi from "@pulumi/pulumi";
import { warnOnLookAlikeAddresses } from "./look-alike-warnings";
import {
  type ApplicationAssignmentOutputs,
  applicationAssignmentOutputs,
} from "../provider/resources/application-assignment";
import { KindResource } from "./shim";
import { outputNames } from "./output-names";

export interface ApplicationAssignmentArgs {
  /** The application's id. Give exactly one of `applicationId` and `applicationName`. */
  applicationId?: pulumi.Input<string>;
  /** The application's portal label, or else its connector name (e.g. "slack"); must match exactly one. */
  applicationName?: pulumi.Input<string>;
  /** Assign to this user group (by id). Give exactly one of `userGroupId`, `userGroupName`, `userId`, `userEmail`. */
  userGroupId?: pulumi.Input<string>;
  /** Assign to this user group (by name). */
  userGroupName?: pulumi.Input<string>;
  /** Assign to this user directly (by id). */
  userId?: pulumi.Input<string>;
  /** Assign to this user directly (by email). */
  userEmail?: pulumi.Input<string>;
  /** The organization (multi-tenant keys); defaults to `jumpcloud:orgId`. */
  orgId?: pulumi.Input<string>;
}

/**
 * A JumpCloud SSO application assigned directly to a user group or to a user.
 * Id `<appId>/user_group/<groupId>` or `<appId>/user/<userId>`.
 *
 * An assignment that already exists is adopted (`adopted: true`). Changing the application or the target replaces
 * the resource, removing the old assignment before making the new one. Removing the resource unassigns the
 * application, unless another resource in the same update declares the same assignment (e.g. under a new name):
 * then it stays, and the engine's output says so.
 *
 * @example
 * ```ts
 * import * as jc from "pulumi-jumpcloud-access";
 * new jc.ApplicationAssignment("github-engineering", {
 *   applicationName: "github",
 *   userGroupName: "engineering",
 * });
 * new jc.ApplicationAssignment("zoom-erin", { applicationName: "zoom", userEmail: "erin@acme.example" });
 * ```
 */
export class ApplicationAssignment extends KindResource {
  declare readonly applicationId: pulumi.Output<ApplicationAssignmentOutputs["applicationId"]>;
  /** The application's portal label. */
  declare readonly applicationName: pulumi.Output<ApplicationAssignmentOutputs["applicationName"]>;
  declare readonly targetType: pulumi.Output<ApplicationAssignmentOutputs["targetType"]>;
  declare readonly targetId: pulumi.Output<ApplicationAssignmentOutputs["targetId"]>;
  /** The group's name or the user's email. */
  declare readonly targetName: pulumi.Output<ApplicationAssignmentOutputs["targetName"]>;
  declare readonly adopted: pulumi.Output<ApplicationAssignmentOutputs["adopted"]>;
  declare readonly orgId: pulumi.Output<ApplicationAssignmentOutputs["orgId"]>;

  constructor(name: string, args: ApplicationAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = outputNames(applicationAssignmentOutputs);
    super("application-assignment", "ApplicationAssignment", name, { ...outputs, ...args }, opts);
    warnOnLookAlikeAddresses(this, "userEmail", args.userEmail);
  }
}
