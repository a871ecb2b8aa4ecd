import type { AccessGraph } from "../sync/graph";
import { buildReviewReport, type ReviewReport, type ReviewSummary } from "./review-report";
import type { AccessReviews } from "./reviews";
import type { UnmanagedGrant } from "./unmanaged";

/**
 * The default for `maxInlineBytes`: 512 KiB of JSON for `unmanaged`, `reviews` and `graph` together.
 *
 * Why a limit: Pulumi stores a resource's outputs whole in the stack state, and stack outputs again beside them;
 * every engine step re-sends the outputs over gRPC and rewrites the checkpoint, and every `pulumi stack output` reads
 * the whole state. A graph of a few thousand users is megabytes; inlined, it would slow every operation on the stack
 * and inflate its history. Above the limit, write the graph and the reports to `outputDir` instead.
 */
export const DEFAULT_MAX_INLINE_BYTES = 512 * 1024;

/** The inputs of the AccessGraph resource, after validation. */
export interface AccessGraphInputs {
  managedEdgeIds?: string[];
  redactEmails?: boolean;
  outputDir?: string;
  maxInlineBytes?: number;
  orgId?: string;
}

export type InlineOutput = "unmanaged" | "reviews" | "graph";

/** The outputs of the AccessGraph resource (besides its inputs, which are kept for refresh). */
export interface AccessGraphOutputs {
  summary: ReviewSummary & {
    /** Outputs left out because they did not fit under `maxInlineBytes` (find them in `reportDir` if set). */
    omitted: InlineOutput[];
    /** The JSON size of each of `unmanaged`, `reviews` and `graph`, inlined or not. */
    sizes: Record<InlineOutput, number>;
    maxInlineBytes: number;
  };
  reviews: AccessReviews | null;
  /** Null when left out for size; `[]` means nothing unmanaged. Without managedEdgeIds every grant is unmanaged. */
  unmanaged: UnmanagedGrant[] | null;
  graph: AccessGraph | null;
  contentHash: string;
  /** `outputDir` when the reports were written there, else null. */
  reportDir: string | null;
}

/**
 * Computes the resource's outputs from a freshly synced graph. The stack declares the edges it manages, so a
 * missing `managedEdgeIds` means "none": every grant is then unmanaged, which is the truth for such a stack.
 * Outputs are inlined in priority order (unmanaged, then reviews, then the graph) while they fit the limit.
 */
export function accessGraphOutputs(
  synced: AccessGraph,
  inputs: AccessGraphInputs,
): { outputs: AccessGraphOutputs; report: ReviewReport } {
  const report = buildReviewReport(synced, {
    managedEdgeIds: inputs.managedEdgeIds ?? [],
    redactEmails: inputs.redactEmails === true,
  });
  const limit = inputs.maxInlineBytes ?? DEFAULT_MAX_INLINE_BYTES;
  const candidates: [InlineOutput, unknown][] = [
    ["unmanaged", report.unmanaged],
    ["reviews", report.reviews],
    ["graph", report.graph],
  ];
  const sizes = { unmanaged: 0, reviews: 0, graph: 0 };
  const inline = new Set<InlineOutput>();
  let used = 0;
  for (const [name, value] of candidates) {
    sizes[name] = Buffer.byteLength(JSON.stringify(value), "utf8");
    if (used + sizes[name] <= limit) {
      inline.add(name);
      used += sizes[name];
    }
  }
  return {
    report,
    outputs: {
      summary: {
        ...report.summary,
        omitted: candidates.map(([name]) => name).filter((name) => !inline.has(name)),
        sizes,
        maxInlineBytes: limit,
      },
      reviews: inline.has("reviews") ? report.reviews : null,
      unmanaged: inline.has("unmanaged") ? report.unmanaged : null,
      graph: inline.has("graph") ? report.graph : null,
      contentHash: report.summary.contentHash,
      reportDir: inputs.outputDir ?? null,
    },
  };
}
