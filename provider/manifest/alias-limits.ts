import { type Document, isAlias, isCollection, isPair, isScalar, type LineCounter, type Node } from "yaml";
import type { ManifestIssue } from "./manifest-issue";

/**
 * The most nodes YAML aliases may bring into a manifest. Reusing a list of a few hundred people in several places
 * stays far below it; nine aliases of nine aliases of ... (an "alias bomb", a few lines that expand to millions of
 * entries) reach it within a handful of lines.
 */
export const MAX_ALIAS_EXPANSION = 100_000;

/**
 * Finds the first alias that cannot be expanded safely: one used before its anchor, one inside the node it refers
 * to, or the one at which the nodes brought in by aliases exceed `MAX_ALIAS_EXPANSION`. Measured on the parsed
 * document in one pass (each anchored node's expanded size is computed once), before anything is expanded, so the
 * answer is an issue at the alias's line and column rather than an exception or exhausted memory.
 */
export function aliasIssue(doc: Document, lines: LineCounter): ManifestIssue | undefined {
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  let expanded = 0;
  let issue: ManifestIssue | undefined;

  const fail = (node: Node, message: string): number => {
    const { line, col } = lines.linePos(node.range?.[0] ?? 0);
    issue ??= { severity: "error", path: "(aliases)", line, column: col, message };
    return 0;
  };

  const size = (node: unknown): number => {
    if (issue || node === null || node === undefined) return 0;
    if (isPair(node)) return size(node.key) + size(node.value);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) {
        return fail(
          node,
          `*${node.source} has no anchor &${node.source} before it. Define the anchor first, or write the entries out.`,
        );
      }
      if (open.has(target)) {
        return fail(
          node,
          `*${node.source} refers to a node that contains it, which never ends. Write the entries out.`,
        );
      }
      const brought = sizes.get(target) ?? 0;
      expanded += brought;
      if (expanded > MAX_ALIAS_EXPANSION) {
        return fail(
          node,
          `*${node.source} makes the YAML aliases expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString("en-US")} nodes. A manifest does not need this much repetition: write the entries out, or use fewer aliases.`,
        );
      }
      return brought;
    }
    if (!isScalar(node) && !isCollection(node)) return 0;
    // An anchor is visible from its own node on, so an alias inside the node it names is found as a cycle.
    if (node.anchor) anchors.set(node.anchor, node);
    open.add(node);
    let total = 1;
    if (isCollection(node)) for (const item of node.items) total += size(item);
    open.delete(node);
    sizes.set(node, total);
    return total;
  };

  size(doc.contents);
  return issue;
}
