import type * as pulumi from "@pulumi/pulumi";
import {
  type ApplicationAssignmentsOutputs,
  applicationAssignmentsOutputs,
} from "../provider/resources/application-assignments";
import type { GrantEntry } from "./grant-entry";
import { warnOnLookAlikeKeys } from "./look-alike-warnings";
import { outputNames } from "./output-names";
import { refuseUnsendableKeys } from "./set-keys";
import { KindResource } from "./shim";

export interface ApplicationAssignmentsArgs {
  /** The application's id. Give exactly one of `applicationId` and `applicationName`. */
  applicationId?: pulumi.Input<string>;
  /** The application's portal label, or else its connector name (e.g. "slack"); must match exactly one. */
  applicationName?: pulumi.Input<string>;
  /**
   * The user groups assigned the application, keyed by group name (compared ignoring case) or group id, each with
   * optional notes: `{ engineering: {}, contractors: { ticket: "OPS-1234", expires: "2026-12-31T18:00:00Z" } }`.
   * Keyed, so `pulumi preview --diff` names each group added or removed. Each group once.
   */
  groups?: pulumi.Input<{ [groupNameOrId: string]: GrantEntry }>;
  /**
   * The users assigned the application directly, keyed by email (compared ignoring ASCII case) or user id, each with
   * optional notes. Each user once.
   */
  users?: pulumi.Input<{ [emailOrUserId: string]: GrantEntry }>;
  /**
   * Own every direct assignment of the application: any user group or user not listed is UNASSIGNED on the next
   * `pulumi up`, including assignments made in the console minutes ago and ones this program never knew about. Off
   * by default, in which case only the listed groups and users are managed and others are left alone and not
   * reported. An exclusive set refuses any other `ApplicationAssignments` or `ApplicationAssignment` on the same
   * application.
   */
  exclusive?: pulumi.Input<boolean>;
  /**
   * With `exclusive`, allow nothing in force (maps left out or empty, or every entry expired), which unassigns
   * EVERY group and user of the application. Without it such a set is refused by `pulumi preview`.
   */
  allowEmpty?: pulumi.Input<boolean>;
  /** The organization (multi-tenant keys); defaults to `jumpcloud:orgId`. */
  orgId?: pulumi.Input<string>;
}

/**
 * One JumpCloud SSO application's set of assigned user groups and users. Id `<applicationId>`.
 *
 * Adding a group or user to a map assigns it, removing one unassigns it; an assignment that already exists is adopted,
 * and nothing else about the application is touched unless `exclusive` is set. An entry whose `expires` has passed is
 * not assigned, and the next `up` unassigns it if this resource assigned it. A refresh reports listed targets
 * unassigned outside this program in `missingGroups` and `missingUsers` and, when exclusive, direct assignments made
 * outside it in `extraGroups` and `extraUsers`; the next `up` restores the declared set. Removing the resource
 * unassigns what it lists, except what another resource of the same update declares (e.g. the
 * `ApplicationAssignment`s that replace it); the engine's output names them.
 *
 * @example
 * ```ts
 * import * as jc from "pulumi-jumpcloud-access";
 * const github = new jc.ApplicationAssignments("github", {
 *   applicationName: "GitHub",
 *   groups: { engineering: {} },
 *   users: { "erin@acme.example": { ticket: "OPS-1234", expires: "2026-12-31T18:00:00Z" } },
 *   exclusive: true, // unassigns every other group and user
 * });
 * export const missing = github.missingUsers;
 * ```
 */
export class ApplicationAssignments extends KindResource {
  declare readonly applicationId: pulumi.Output<ApplicationAssignmentsOutputs["applicationId"]>;
  /** The application's portal label. */
  declare readonly applicationName: pulumi.Output<ApplicationAssignmentsOutputs["applicationName"]>;
  /** The user group ids this resource owns (listed and not expired), sorted. */
  declare readonly groupIds: pulumi.Output<ApplicationAssignmentsOutputs["groupIds"]>;
  /** The user ids this resource owns (listed and not expired), sorted. */
  declare readonly userIds: pulumi.Output<ApplicationAssignmentsOutputs["userIds"]>;
  /** The access-graph grant ids (`<appId>/user_group/<groupId>`, `<appId>/user/<userId>`) it owns, sorted. */
  declare readonly grantIds: pulumi.Output<ApplicationAssignmentsOutputs["grantIds"]>;
  /** Ids of listed user groups JumpCloud no longer shows assigned (after a refresh). */
  declare readonly missingGroups: pulumi.Output<ApplicationAssignmentsOutputs["missingGroups"]>;
  /** Ids of listed users JumpCloud no longer shows assigned (after a refresh). */
  declare readonly missingUsers: pulumi.Output<ApplicationAssignmentsOutputs["missingUsers"]>;
  /** Ids of user groups assigned but not listed (exclusive only, after a refresh). */
  declare readonly extraGroups: pulumi.Output<ApplicationAssignmentsOutputs["extraGroups"]>;
  /** Ids of users assigned directly but not listed (exclusive only, after a refresh). */
  declare readonly extraUsers: pulumi.Output<ApplicationAssignmentsOutputs["extraUsers"]>;
  declare readonly exclusive: pulumi.Output<ApplicationAssignmentsOutputs["exclusive"]>;
  /** True when every listed group and user was already assigned when this resource was created. */
  declare readonly adopted: pulumi.Output<ApplicationAssignmentsOutputs["adopted"]>;
  declare readonly orgId: pulumi.Output<ApplicationAssignmentsOutputs["orgId"]>;

  constructor(name: string, args: ApplicationAssignmentsArgs, opts?: pulumi.CustomResourceOptions) {
    refuseUnsendableKeys("ApplicationAssignments", name, "groups", args.groups);
    refuseUnsendableKeys("ApplicationAssignments", name, "users", args.users);
    super(
      "application-assignments",
      "ApplicationAssignments",
      name,
      { ...outputNames(applicationAssignmentsOutputs), ...args },
      opts,
    );
    warnOnLookAlikeKeys(this, "users", args.users);
  }
}
