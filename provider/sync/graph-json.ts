import type { AccessGraph } from "./graph";

/**
 * The graph's file form: the top-level object indented, each array item on its own line as compact JSON. It is
 * valid JSON, diffs line by line (one changed grant is one changed line), and is produced in chunks so a
 * 50,000-user graph is never held in memory as one string.
 */
export function* graphJsonChunks(graph: AccessGraph): Generator<string> {
  const entries = Object.entries(graph).filter(([, value]) => value !== undefined);
  yield "{\n";
  for (const [index, [key, value]] of entries.entries()) {
    const comma = index < entries.length - 1 ? "," : "";
    if (!Array.isArray(value)) {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}\n`;
      continue;
    }
    if (value.length === 0) {
      yield `  ${JSON.stringify(key)}: []${comma}\n`;
      continue;
    }
    yield `  ${JSON.stringify(key)}: [\n`;
    let batch = "";
    for (const [i, item] of value.entries()) {
      batch += `    ${JSON.stringify(item)}${i < value.length - 1 ? "," : ""}\n`;
      if (batch.length > 64 * 1024) {
        yield batch;
        batch = "";
      }
    }
    yield `${batch}  ]${comma}\n`;
  }
  yield "}\n";
}

/** The whole file form as one string, for small graphs and tests. */
export function graphToJson(graph: AccessGraph): string {
  let out = "";
  for (const chunk of graphJsonChunks(graph)) out += chunk;
  return out;
}
