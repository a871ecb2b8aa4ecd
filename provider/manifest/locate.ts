import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from "yaml";

export type ManifestPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/** `groups.engineering.members[3]`; keys that are not plain words are quoted: `admins["alice@acme.example"]`. */
export function formatPath(path: ManifestPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || "(top level)";
}

interface Located {
  /** The longest prefix of the path that exists in the document. */
  path: ManifestPath;
  node: Node | null;
  /** The key of the last mapping entry walked through, for errors about a key rather than its value. */
  pair: Pair | null;
}

/** Walks a YAML document along a data path, stopping at the deepest node that exists. */
export function locate(doc: Document, path: ManifestPath): Located {
  let node = doc.contents as Node | null;
  let pair: Pair | null = null;
  const found: (string | number)[] = [];
  for (const segment of path) {
    if (node && isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? null;
    if (isMap(node)) {
      const next = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!next) break;
      pair = next;
      node = (next.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof segment === "number") {
      const next = node.items[segment] as Node | undefined;
      if (next === undefined) break;
      pair = null;
      node = next;
    } else {
      break;
    }
    found.push(segment);
  }
  return { path: found, node, pair };
}

/** Where a path points in the source text (1-based); the key's position when `at` is "key". */
export function positionOf(
  doc: Document,
  lines: LineCounter,
  path: ManifestPath,
  at: "key" | "value" = "value",
): { path: ManifestPath; position: Position } {
  const located = locate(doc, path);
  const keyNode = located.pair && isScalar(located.pair.key) ? located.pair.key : null;
  const target = at === "key" && keyNode ? keyNode : (located.node ?? keyNode);
  const offset = target?.range?.[0] ?? 0;
  const { line, col } = lines.linePos(offset);
  return { path: located.path, position: { line, column: col } };
}
