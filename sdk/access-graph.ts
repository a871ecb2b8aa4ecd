import * as pulumi from "@pulumi/pulumi";
import type { AccessGraph as AccessGraphModel } from "../provider/sync/graph";
import type { AccessReviews, InlineOutput, ReviewSummary, UnmanagedGrant } from "../provider/review";
import { KindResource } from "./shim";

export interface AccessGraphArgs {
  /**
   * The grant ids of the edges this stack manages; every other grant in JumpCloud is reported in `unmanaged`.
   * Omitted, the stack is taken to manage nothing. `AccessPolicy` exposes its ids as `managedEdgeIds`; the id of
   * a `UserGroupMembership`, `ApplicationAssignment` or `AdminRoleGrant` is its grant id.
   *
   * Ids passed as outputs (`membership.id`, `members.grantIds`) make the graph wait for their resources. Ids given
   * as plain strings (read from a file, or written out) do not, and neither do resources that change access without
   * being listed here: pass those resources in `dependsOn`, or the graph may be synced while they are still writing:
   *
   * ```ts
   * const oncall = new jc.UserGroupMembers("oncall", { groupName: "oncall", userEmails: ["ana@example.com"] });
   * const managed = fs.readFileSync("managed-edge-ids.txt", "utf8").split("\n").filter(Boolean);
   * new jc.AccessGraph("access-graph", { managedEdgeIds: managed }, { dependsOn: [oncall] });
   * ```
   */
  managedEdgeIds?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Policies whose `managedEdgeIds` are added to `managedEdgeIds` (the usual way to wire this resource). Policies
   * that are resources (`AccessPolicy`) are added to `dependsOn` as well, so the graph is synced only after every
   * grant they manage was written and `pulumi up` publishes the access it just applied.
   */
  policies?: { managedEdgeIds: pulumi.Input<string[]> }[];
  /** Replace every email in the outputs and reports with a stable pseudonym (`user-1a2b3c4d@domain`). */
  redactEmails?: pulumi.Input<boolean>;
  /**
   * A directory (relative to the program) to write the reports to on every sync: graph.json, access.csv,
   * review.md, review.html, groups-applications.mmd, reviews.json, unmanaged.json, summary.json.
   */
  outputDir?: pulumi.Input<string>;
  /**
   * How many bytes of JSON `unmanaged`, `reviews` and `graph` may take in the outputs together (default 512 KiB);
   * what does not fit is left out (null), listed in `summary.omitted`, and still written to `outputDir`. Pulumi
   * stores outputs whole in the state and re-sends them on every engine step, so large orgs should use `outputDir`.
   */
  maxInlineBytes?: pulumi.Input<number>;
  /** The organization (multi-tenant keys); defaults to `jumpcloud:orgId`. */
  orgId?: pulumi.Input<string>;
}

export type AccessGraphSummary = ReviewSummary & {
  omitted: InlineOutput[];
  sizes: Record<InlineOutput, number>;
  maxInlineBytes: number;
};

/** Adds the policies that are resources to `dependsOn`, keeping whatever the caller put there. */
function withPolicyDependencies(
  policies: AccessGraphArgs["policies"],
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.CustomResourceOptions | undefined {
  const resources = (policies ?? []).filter((p): p is pulumi.Resource & typeof p => pulumi.Resource.isInstance(p));
  return resources.length > 0 ? pulumi.mergeOptions(opts, { dependsOn: resources }) : opts;
}

/**
 * The organization's access graph, synced in full on create, on update and on every refresh, published as outputs
 * for access reviews. Writes nothing to JumpCloud. Every `pulumi up` (and `pulumi preview`) syncs it once the
 * resources it depends on are done, and publishes a new graph when access changed, so after
 * `pulumi up --refresh` the outputs show JumpCloud as that update left it: e.g. `pulumi stack output reviews --json`.
 * One exception: resources removed from the program (an expired grant, a line deleted from the manifest) are deleted
 * by the engine at the very end of the update, after the graph was published; the next `pulumi up` publishes their
 * removal.
 *
 * @example
 * ```ts
 * const policy = new jc.AccessPolicy("access", { manifest: "access.yaml" });
 * const graph = new jc.AccessGraph("access-graph", { policies: [policy], outputDir: "access-review" });
 * export const summary = graph.summary;
 * export const unmanaged = graph.unmanaged;
 * export const reviews = graph.reviews;
 * ```
 */
export class AccessGraph extends KindResource {
  /** Counts, org, sync time, content hash, whether emails are redacted, and which outputs were left out for size. */
  declare readonly summary: pulumi.Output<AccessGraphSummary>;
  /** Per application, group and role; suspended users with access; dual and admin-only accounts. */
  declare readonly reviews: pulumi.Output<AccessReviews | null>;
  /** Grants in JumpCloud that no managed edge id covers. */
  declare readonly unmanaged: pulumi.Output<UnmanagedGrant[] | null>;
  /** The whole graph (the documented JSON form), when it fits `maxInlineBytes`. */
  declare readonly graph: pulumi.Output<AccessGraphModel | null>;
  /** `sha256:<hex>` of the graph's content (without the sync time): equal hashes mean identical access. */
  declare readonly contentHash: pulumi.Output<string>;
  /** `outputDir`, when the reports were written there. */
  declare readonly reportDir: pulumi.Output<string | null>;

  constructor(name: string, args: AccessGraphArgs = {}, opts?: pulumi.CustomResourceOptions) {
    const { policies, ...inputs } = args;
    const managedEdgeIds =
      policies && policies.length > 0
        ? pulumi
            .all([pulumi.output(args.managedEdgeIds ?? []), ...policies.map((p) => pulumi.output(p.managedEdgeIds))])
            .apply((lists) => [...new Set(lists.flat())].sort())
        : args.managedEdgeIds;
    super(
      "access-graph",
      "AccessGraph",
      name,
      {
        ...inputs,
        managedEdgeIds,
        summary: undefined,
        reviews: undefined,
        unmanaged: undefined,
        graph: undefined,
        contentHash: undefined,
        reportDir: undefined,
      },
      withPolicyDependencies(policies, opts),
    );
  }
}
