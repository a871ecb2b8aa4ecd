import * as pulumi from "@pulumi/pulumi";
import { JumpCloudError } from "../provider/errors";
import {
  type AccessManifest,
  type Expiration,
  formatIssue,
  type LoadedManifest,
  loadManifest,
  loadManifestObject,
  type ManifestGrant,
  type ManifestIssue,
  planGrants,
} from "../provider/manifest";
import { createRevocations } from "./access-policy-revocations";
import { createSets } from "./access-policy-sets";

export interface AccessPolicyArgs {
  /**
   * The access manifest: a path to an `access.yaml` (relative to the program's working directory) or the manifest
   * itself as an object. It must be known when the program runs (not an Output): it decides which resources exist.
   */
  manifest: string | AccessManifest;
  /** The organization every grant applies to (multi-tenant keys); defaults to `jumpcloud:orgId`. */
  orgId?: pulumi.Input<string>;
  /** How many days ahead `expiringSoon` and the preview's notices look. Defaults to 14. */
  expiringWithinDays?: number;
  /**
   * The instant expiries are measured against. Defaults to the time the program runs. Set it to preview the policy
   * as it will be on a given date, or to make a test independent of the clock.
   */
  now?: Date | string;
}

/** How many grants of each kind the policy manages, and how many it left out because they expired. */
export interface AccessPolicyCounts {
  groupMemberships: number;
  applicationAssignments: number;
  adminRoles: number;
  expired: number;
  expiringSoon: number;
}

/**
 * Applies an access manifest (`access.yaml`) as one set resource per group (`UserGroupMembers`), application
 * (`ApplicationAssignments`) and admin (`AdminRoles`) it names, never one resource per grant, so the engine's cost
 * is bounded by the number of groups, applications and admins. Children are named after the natural key
 * (`<name>/members:engineering`), and each set is keyed by email, group or role name, so reordering or reformatting
 * the file changes nothing and `pulumi preview --diff` names exactly the member added or removed. Groups marked
 * `exclusive` own the whole group; switching the flag updates the same resource without removing a listed member.
 *
 * Grants whose `expires` has passed are left out of the desired state, so the next `pulumi up` revokes them: run
 * `up` on a schedule for just-in-time access to end on time. Grants ending within `expiringWithinDays` are
 * listed in the preview and in `expiringSoon`.
 *
 * The manifest is validated when the program runs, before any API call; every problem is reported at once with
 * its file, line, column and path.
 *
 * @example
 * ```ts
 * import * as jc from "pulumi-jumpcloud-access";
 * const policy = new jc.AccessPolicy("acme", { manifest: "access.yaml" });
 * export const managedEdgeIds = policy.managedEdgeIds;
 * export const expiringSoon = policy.expiringSoon;
 * ```
 */
export class AccessPolicy extends pulumi.ComponentResource {
  /** The access-graph grant ids of every edge this policy manages, sorted (for unmanaged-access reports). */
  declare readonly managedEdgeIds: pulumi.Output<string[]>;
  /** Grants in force that end within `expiringWithinDays`, soonest first. */
  declare readonly expiringSoon: pulumi.Output<Expiration[]>;
  /** Natural keys of the grants left out because their `expires` has passed. */
  declare readonly expired: pulumi.Output<string[]>;
  declare readonly counts: pulumi.Output<AccessPolicyCounts>;

  constructor(name: string, args: AccessPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("jumpcloud:index:AccessPolicy", name, {}, opts);
    const now = args.now === undefined ? new Date() : new Date(args.now);
    if (Number.isNaN(now.getTime())) {
      throw new pulumi.RunError(
        `AccessPolicy "${name}": now is not a valid date (${String(args.now)}). Use an ISO 8601 date-time.`,
      );
    }
    const within = args.expiringWithinDays ?? 14;
    const loaded = asProgramError(() =>
      typeof args.manifest === "string"
        ? loadManifest(args.manifest, { now })
        : loadManifestObject(args.manifest, { now }, `AccessPolicy "${name}" manifest`),
    );
    const plan = planGrants(loaded.grants, now, within);
    report(this, loaded, plan.expiringSoon);

    const edgeIds = createSets(this, name, loaded, plan.active, args.orgId);
    createRevocations(this, name, loaded, args.orgId);
    this.managedEdgeIds = pulumi.all(edgeIds).apply((ids) => [...new Set(ids.flat())].sort());
    this.expiringSoon = pulumi.output(plan.expiringSoon);
    this.expired = pulumi.output(plan.expired.map((grant) => grant.key));
    const count = (kind: ManifestGrant["kind"]) => plan.active.filter((grant) => grant.kind === kind).length;
    this.counts = pulumi.output({
      groupMemberships: count("membership"),
      applicationAssignments: count("application"),
      adminRoles: count("admin_role"),
      expired: plan.expired.length,
      expiringSoon: plan.expiringSoon.length,
    });
    // `managedEdgeIds` stays a property, not a recorded output: it holds every grant id (11,000 at a whole
    // organization, about a quarter of the state), and a program that wants it in the state exports it.
    this.registerOutputs({
      expiringSoon: this.expiringSoon,
      expired: this.expired,
      counts: this.counts,
    });
  }
}

/**
 * A mistake in the manifest is the program's own error, so it is raised as a `RunError`: Pulumi then prints the
 * message alone (every `file:line:col` line), as it does for a program's own error, instead of "unhandled exception",
 * a stack trace and a dump of the error object. The original error stays as the `cause`.
 */
function asProgramError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof JumpCloudError) throw new pulumi.RunError(error.message, { cause: error });
    throw error;
  }
}

/** Past expiries as warnings (they are revoked), upcoming ones as notices; both appear in `pulumi preview`. */
function report(resource: pulumi.Resource, loaded: LoadedManifest, soon: readonly Expiration[]): void {
  const where = (issue: ManifestIssue) => formatIssue(loaded.file, issue);
  for (const warning of loaded.warnings) void pulumi.log.warn(where(warning), resource);
  for (const grant of soon) {
    const days = grant.daysLeft === 0 ? "within a day" : `in ${grant.daysLeft} day${grant.daysLeft === 1 ? "" : "s"}`;
    const why = [grant.reason, grant.ticket].filter(Boolean).join(", ");
    const text = `${loaded.file} ${grant.path}: ${grant.key} expires ${days} (${grant.expires})${why ? ` [${why}]` : ""}.`;
    void pulumi.log.info(text, resource);
  }
}
