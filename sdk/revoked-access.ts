import type * as pulumi from "@pulumi/pulumi";
import { type RevokedAccessOutputs, revokedAccessOutputs } from "../provider/resources/revoked-access";
import { warnOnLookAlikeAddresses } from "./look-alike-warnings";
import { outputNames } from "./output-names";
import { KindResource } from "./shim";

export interface RevokedAccessArgs {
  /** The user group whose members are revoked, by id. Give exactly one of the group, application or admin keys. */
  groupId?: pulumi.Input<string>;
  /** The user group whose members are revoked, by name (with `userEmails`). */
  groupName?: pulumi.Input<string>;
  /** The application whose assignments are revoked, by id. */
  applicationId?: pulumi.Input<string>;
  /** The application whose assignments are revoked, by label or connector name (with `userEmails`, `userGroupNames`). */
  applicationName?: pulumi.Input<string>;
  /** The administrator account whose roles are revoked, by id. */
  adminId?: pulumi.Input<string>;
  /** The administrator account whose roles are revoked, by email (with `roleNames`). */
  adminEmail?: pulumi.Input<string>;
  /** Users who must not be members of the group, or must not be assigned the application directly. */
  userEmails?: pulumi.Input<pulumi.Input<string>[]>;
  /** User groups that must not be assigned the application. */
  userGroupNames?: pulumi.Input<pulumi.Input<string>[]>;
  /** Roles the admin must not hold. */
  roleNames?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The role (name or id) the admin is moved to when the revoked roles were all it held: JumpCloud admins always
   * hold a role. Defaults to "Read Only".
   */
  revokeTo?: pulumi.Input<string>;
  /** The organization (multi-tenant keys); defaults to `jumpcloud:orgId`. */
  orgId?: pulumi.Input<string>;
}

/**
 * Access that must be ABSENT: the memberships of one user group, the assignments of one application, or the roles of
 * one administrator that a review revoked. Id `<parentId>` (one resource per group, application or admin).
 *
 * Each `pulumi up` removes any of these edges JumpCloud shows, and waits until JumpCloud no longer lists them. A
 * refresh lists the edges that came back (re-granted in the console) in `regranted`: `pulumi refresh --preview-only
 * --expect-no-changes` then fails, and the next `up` removes them again. Revoking every role an admin holds moves
 * the admin to `revokeTo`. Removing the resource re-grants nothing. A program that also grants one of these edges
 * is refused at preview, naming the edge and both resources' kinds.
 *
 * @example
 * ```ts
 * import * as jc from "pulumi-jumpcloud-access";
 * new jc.RevokedAccess("slack-revoked", { applicationName: "Slack", userEmails: ["carol@acme.example"] });
 * ```
 */
export class RevokedAccess extends KindResource {
  declare readonly parentType: pulumi.Output<RevokedAccessOutputs["parentType"]>;
  declare readonly parentId: pulumi.Output<RevokedAccessOutputs["parentId"]>;
  /** The group's name, the application's label or the admin's email, as JumpCloud spells it. */
  declare readonly parentName: pulumi.Output<RevokedAccessOutputs["parentName"]>;
  /** Every edge held absent: its access-graph grant id, the child's type, id and label, sorted by grant id. */
  declare readonly revoked: pulumi.Output<RevokedAccessOutputs["revoked"]>;
  /** The users, groups or roles the last create or update removed (they were present), sorted. */
  declare readonly removed: pulumi.Output<RevokedAccessOutputs["removed"]>;
  /** The users, groups or roles that came back since (after a refresh): the next `up` removes them again. */
  declare readonly regranted: pulumi.Output<RevokedAccessOutputs["regranted"]>;
  declare readonly revokeTo: pulumi.Output<RevokedAccessOutputs["revokeTo"]>;
  declare readonly revokeToId: pulumi.Output<RevokedAccessOutputs["revokeToId"]>;
  declare readonly orgId: pulumi.Output<RevokedAccessOutputs["orgId"]>;

  constructor(name: string, args: RevokedAccessArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = outputNames(revokedAccessOutputs);
    super("revoked-access", "RevokedAccess", name, { ...outputs, ...args }, opts);
    warnOnLookAlikeAddresses(this, "userEmails", args.userEmails);
  }
}
