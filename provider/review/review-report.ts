import type { AccessGraph } from "../sync/graph";
import type { ReviewRecord } from "./campaign/review-record";
import { graphContentHash } from "./canonical-json";
import { diffGraphs, type GraphDiff } from "./diff";
import { indexGraph } from "./graph-index";
import { redactGraph } from "./redact";
import { type AccessReviews, computeReviews } from "./reviews";
import { compareManaged, type UnmanagedGrant } from "./unmanaged";

export interface ReviewSummary {
  org: { id: string | null; name: string | null; apiUrl: string };
  /** When the sync that produced the graph ran. */
  generatedAt: string;
  contentHash: string;
  counts: {
    users: number;
    admins: number;
    groups: number;
    applications: number;
    roles: number;
    /** memberships + applicationAssignments + adminRoles. */
    grants: number;
    memberships: number;
    applicationAssignments: number;
    adminRoles: number;
    effectiveAccess: number;
    /** Null when no managed edge ids were given (unknown, not zero). */
    unmanaged: number | null;
    managedButAbsent: number | null;
    suspendedWithAccess: number;
    dualAccounts: number;
    adminsWithoutUser: number;
  };
  emailsRedacted: boolean;
}

/** Everything the exports render, computed once from one graph. */
export interface ReviewReport {
  summary: ReviewSummary;
  /** The graph as published: emails already redacted when asked. */
  graph: AccessGraph;
  reviews: AccessReviews;
  unmanaged: UnmanagedGrant[];
  managedButAbsent: string[];
  managedEdgeIdsGiven: boolean;
  /** The managed edge ids the report was computed with (null when none were given). */
  managedEdgeIds: string[] | null;
  diff: GraphDiff | null;
  /** Access review records (`access-review-*.json`), oldest first: the report shows the last review. */
  reviewRecords?: ReviewRecord[];
}

export interface ReviewReportOptions {
  managedEdgeIds?: Iterable<string>;
  /** A previous graph: the report then shows what changed since it. */
  since?: AccessGraph;
  redactEmails?: boolean;
  reviewRecords?: ReviewRecord[];
}

export function buildReviewReport(source: AccessGraph, options: ReviewReportOptions = {}): ReviewReport {
  const redact = options.redactEmails === true;
  const graph = redact ? redactGraph(source) : source;
  const managed = options.managedEdgeIds === undefined ? undefined : [...options.managedEdgeIds];
  const index = indexGraph(graph);
  const comparison = managed === undefined ? undefined : compareManaged(index, managed);
  const reviews = computeReviews(graph, managed === undefined ? {} : { managedEdgeIds: managed });
  // The previous graph is redacted the same way so that both sides of the diff speak of the same pseudonyms.
  const since = options.since && (redact ? redactGraph(options.since) : options.since);
  const contentHash = graphContentHash(graph);
  return {
    summary: {
      org: { id: graph.org.id, name: graph.org.name, apiUrl: graph.org.apiUrl },
      generatedAt: graph.generatedAt,
      contentHash,
      counts: {
        users: graph.users.length,
        admins: graph.admins.length,
        groups: graph.groups.length,
        applications: graph.applications.length,
        roles: graph.roles.length,
        grants: index.grants.length,
        memberships: graph.memberships.length,
        applicationAssignments: graph.applicationAssignments.length,
        adminRoles: graph.adminRoles.length,
        effectiveAccess: graph.effectiveAccess.length,
        unmanaged: comparison ? comparison.unmanaged.length : null,
        managedButAbsent: comparison ? comparison.managedButAbsent.length : null,
        suspendedWithAccess: reviews.suspendedWithAccess.length,
        dualAccounts: reviews.dualAccounts.length,
        adminsWithoutUser: reviews.adminsWithoutUser.length,
      },
      emailsRedacted: redact,
    },
    graph,
    reviews,
    unmanaged: comparison?.unmanaged ?? [],
    managedButAbsent: comparison?.managedButAbsent ?? [],
    managedEdgeIdsGiven: comparison !== undefined,
    managedEdgeIds: managed ?? null,
    diff: since ? diffGraphs(since, graph) : null,
    // Records name reviewers and people by email: a redacted report leaves them out rather than leak them.
    ...(options.reviewRecords?.length && !redact ? { reviewRecords: options.reviewRecords } : {}),
  };
}
