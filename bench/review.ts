/**
 * The review benchmark (`npm run bench review`): the exports of synthetic graphs of 1,000 and 10,000 users, built in
 * memory (see review-graph.ts), so only review code is measured. Against floors from the same run:
 * - time to compute the report and render every export (CSV, Markdown, HTML, Mermaid) vs one JSON round trip of
 *   the graph (stringify + parse: the least any tool that reads and writes the graph pays); target ≤ 25×;
 * - size of the HTML report vs the graph's JSON (it shows every grant and access row with markup); target ≤ 6×;
 * - the outputs the AccessGraph resource would inline, vs the default inline limit: reported, no target, so the
 *   documented limit can be read against real sizes.
 * Each timing is the median of 5 runs after one warm-up.
 */
import { performance } from "node:perf_hooks";
import {
  accessCsv,
  accessGraphOutputs,
  buildReviewReport,
  DEFAULT_MAX_INLINE_BYTES,
  groupsApplicationsMermaid,
  reviewHtml,
  reviewMarkdown,
} from "../provider/review";
import { type BenchRow, type BenchSuite, row } from "./report";
import { syntheticGraph } from "./review-graph";

const SIZES = [1_000, 10_000];
const RUNS = 5;

function median(fn: () => void): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] as number;
}

export const reviewSuite: BenchSuite = {
  name: "review",
  async run() {
    const rows: BenchRow[] = [];
    for (const users of SIZES) {
      const graph = syntheticGraph(users);
      const managed = [...graph.memberships, ...graph.applicationAssignments].map((g) => g.id);
      const json = JSON.stringify(graph);
      const floor = median(() => JSON.parse(JSON.stringify(graph)));
      let html = "";
      const exports = median(() => {
        const report = buildReviewReport(graph, { managedEdgeIds: managed });
        accessCsv(report.graph, { managedEdgeIds: managed });
        reviewMarkdown(report);
        html = reviewHtml(report);
        groupsApplicationsMermaid(report.graph);
      });
      const scale = `${users} users, ${graph.effectiveAccess.length} accesses`;
      rows.push(
        row({
          suite: "review",
          case: `all exports, ${scale}`,
          value: exports,
          unit: "ms",
          floor,
          floorLabel: "graph JSON round trip",
          target: 25,
        }),
        row({
          suite: "review",
          case: `HTML size, ${users} users`,
          value: Buffer.byteLength(html),
          unit: "bytes",
          floor: Buffer.byteLength(json),
          floorLabel: "graph JSON",
          target: 6,
        }),
      );
      const { outputs } = accessGraphOutputs(graph, { managedEdgeIds: managed });
      const inline = outputs.summary.sizes;
      rows.push(
        row({
          suite: "review",
          case: `resource outputs, ${users} users`,
          value: inline.unmanaged + inline.reviews + inline.graph,
          unit: "bytes",
          floor: DEFAULT_MAX_INLINE_BYTES,
          floorLabel: "default maxInlineBytes",
          notes: `unmanaged ${inline.unmanaged}, reviews ${inline.reviews}, graph ${inline.graph}; omitted: ${outputs.summary.omitted.join(", ") || "none"}`,
        }),
      );
    }
    return rows;
  },
};
