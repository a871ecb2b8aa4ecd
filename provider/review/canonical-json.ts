import { createHash } from "node:crypto";
import type { AccessGraph } from "../sync/graph";

/**
 * JSON with object keys sorted at every level. A graph read from a file and the same graph built by a sync can
 * differ in key order; hashing the canonical form makes the content hash depend on the data alone.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = sortKeys(item);
    }
    return out;
  }
  return value;
}

/**
 * `sha256:<hex>` of the graph's content: everything but `generatedAt` and `sync`, which change on every sync of an
 * unchanged org. Two graphs with the same hash grant exactly the same access.
 */
export function graphContentHash(graph: AccessGraph): string {
  const { generatedAt: _generatedAt, sync: _sync, ...content } = graph;
  return `sha256:${createHash("sha256").update(canonicalJson(content)).digest("hex")}`;
}
