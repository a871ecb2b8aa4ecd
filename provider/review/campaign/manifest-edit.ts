import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  stringify,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { JumpCloudError } from "../../errors";
import { formatPath, type ManifestPath } from "../../manifest/locate";

/** One change to the manifest, addressed by data path (as `formatPath` prints it). */
export type ManifestEdit =
  | { op: "remove"; entry: ManifestPath }
  | { op: "set-expires"; entry: ManifestPath; expires: string }
  /** Adds `value` at the end of the list at `list`, creating the list and the mappings above it when missing. */
  | { op: "append"; list: ManifestPath; value: string | Record<string, string> };

interface Patch {
  start: number;
  end: number;
  text: string;
}

const refuse = (path: ManifestPath, why: string): never => {
  throw new JumpCloudError("invalid_input", `Cannot edit ${formatPath(path)} of the manifest: ${why}`, {
    hint: "Make that change by hand, or rewrite the entry in block style (one item per line) and apply again.",
  });
};

/**
 * Applies edits to the manifest's text, changing only the bytes of the entries edited.
 *
 * The `yaml` library's document API finds every node and its source range, but printing a document re-formats all
 * of it (indentation, flow-sequence spacing, comment placement). So the document is used to locate, and the edit is
 * a splice of the source text: removed entries lose their lines, added entries are new lines at the indentation of
 * their neighbours, and everything else (comments, blank lines, quoting, order) keeps its bytes. A flow list
 * (`[a, b]`) that is edited is rewritten as one flow list with the same items.
 */
export function editManifestText(text: string, edits: readonly ManifestEdit[]): string {
  const doc = parseDocument(text, { uniqueKeys: false });
  const patches: Patch[] = [];
  const byList = new Map<string, { list: ManifestPath; edits: ManifestEdit[] }>();
  for (const edit of edits) {
    const list = edit.op === "append" ? edit.list : edit.entry.slice(0, -1);
    const key = JSON.stringify(list);
    const group = byList.get(key) ?? { list, edits: [] };
    group.edits.push(edit);
    byList.set(key, group);
  }
  const missing: { list: ManifestPath; values: (string | Record<string, string>)[] }[] = [];
  for (const { list, edits: listEdits } of byList.values()) {
    const node = nodeAt(doc, list);
    if (node === undefined) {
      const values = listEdits.map((edit) =>
        edit.op === "append" ? edit.value : refuse(list, "the list is missing."),
      );
      missing.push({ list, values });
    } else if (isSeq(node)) {
      patches.push(
        ...(node.flow
          ? flowListPatches(text, list, node, listEdits)
          : blockListPatches(text, doc, list, node, listEdits)),
      );
    } else {
      refuse(list, "it is not a list.");
    }
  }
  patches.push(...missingListPatches(text, doc, missing));
  // New lines follow the file's own line ends.
  const crlf = text.includes("\r\n");
  return applyPatches(text, crlf ? patches.map((p) => ({ ...p, text: p.text.replace(/\r?\n/g, "\r\n") })) : patches);
}

function nodeAt(doc: Document, path: ManifestPath): Node | undefined {
  let node = doc.contents as Node | null;
  for (const segment of path) {
    if (node && isAlias(node)) refuse(path, "it goes through a YAML alias.");
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return undefined;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof segment === "number") {
      node = (node.items[segment] as Node | undefined) ?? null;
    } else {
      return undefined;
    }
  }
  return node ?? undefined;
}

/** Where a node's last character of content ends (a block collection's range also covers what follows it). */
function contentEnd(node: Node): number {
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1] as unknown;
    if (isMap(node)) {
      const pair = last as { key: Node | null; value: Node | null };
      return contentEnd((pair.value ?? pair.key) as Node);
    }
    return contentEnd(last as Node);
  }
  return node.range?.[1] ?? 0;
}

const lineStart = (text: string, offset: number): number => text.lastIndexOf("\n", offset - 1) + 1;
/** The offset just after the newline ending the line that holds `offset` (or the end of the text). */
const afterLine = (text: string, offset: number): number => {
  const newline = text.indexOf("\n", offset);
  return newline === -1 ? text.length : newline + 1;
};
const column = (text: string, offset: number): number => offset - lineStart(text, offset);
const spaces = (count: number): string => " ".repeat(count);

/** A scalar as YAML writes it on its own (quoted only when it must be). */
const scalarText = (value: string): string => stringify(value).trimEnd();

function flowValue(value: string | Record<string, string>): string {
  if (typeof value === "string") return scalarText(value);
  return `{ ${Object.entries(value)
    .map(([k, v]) => `${k}: ${scalarText(v)}`)
    .join(", ")} }`;
}

/** A value as block YAML whose first line starts at `indent` (already written) and whose other lines are indented. */
function blockValue(value: unknown, indent: number): string {
  const lines = stringify(value).trimEnd().split("\n");
  return lines.map((line, i) => (i === 0 ? line : `${spaces(indent)}${line}`)).join("\n");
}

/** The field a bare entry of a list is shorthand for: `group` in an application's groups, else `email`. */
const entryField = (list: ManifestPath): string => (list[list.length - 1] === "groups" ? "group" : "email");

function flowListPatches(text: string, list: ManifestPath, seq: YAMLSeq, edits: readonly ManifestEdit[]): Patch[] {
  const items: string[] = [];
  seq.items.forEach((item, index) => {
    const node = item as Node;
    const here = edits.filter((e) => e.op !== "append" && e.entry[e.entry.length - 1] === index);
    if (here.some((e) => e.op === "remove")) return;
    const expires = here.find((e) => e.op === "set-expires");
    const [start, end] = node.range ?? [0, 0];
    if (expires?.op !== "set-expires") {
      items.push(text.slice(start, end));
      return;
    }
    const data = node.toJSON() as unknown;
    if (typeof data === "string") items.push(flowValue({ [entryField(list)]: data, expires: expires.expires }));
    else if (data && typeof data === "object") {
      items.push(flowValue({ ...(data as Record<string, string>), expires: expires.expires }));
    }
  });
  for (const edit of edits) if (edit.op === "append") items.push(flowValue(edit.value));
  const [start, end] = seq.range ?? [0, 0];
  return [{ start, end, text: `[${items.join(", ")}]` }];
}

function blockListPatches(
  text: string,
  doc: Document,
  list: ManifestPath,
  seq: YAMLSeq,
  edits: readonly ManifestEdit[],
): Patch[] {
  const patches: Patch[] = [];
  const items = seq.items as Node[];
  let removed = 0;
  let dashColumn = -1;
  items.forEach((node, index) => {
    const start = node.range?.[0] ?? 0;
    const from = lineStart(text, start);
    const lead = text.slice(from, start);
    const dash = /^(\s*)-\s+$/.exec(lead);
    if (!dash) refuse([...list, index], 'the entry does not start its own line with "- ".');
    if (dashColumn < 0) dashColumn = (dash?.[1] ?? "").length;
    const here = edits.filter((e) => e.op !== "append" && e.entry[e.entry.length - 1] === index);
    if (here.some((e) => e.op === "remove")) {
      removed++;
      patches.push({ start: from, end: afterLine(text, contentEnd(node)), text: "" });
      return;
    }
    const edit = here.find((e) => e.op === "set-expires");
    if (edit?.op === "set-expires") patches.push(...expiresPatches(text, [...list, index], node, edit.expires));
  });
  const appends = edits.flatMap((e) => (e.op === "append" ? [e.value] : []));
  const last = items[items.length - 1];
  if (appends.length > 0 && last) {
    const at = afterLine(text, contentEnd(last));
    const lines = appends.map((value) => `${spaces(dashColumn)}- ${blockValue(value, dashColumn + 2)}\n`).join("");
    patches.push({ start: at, end: at, text: at === text.length && !text.endsWith("\n") ? `\n${lines}` : lines });
  }
  if (removed === items.length && appends.length === 0) {
    // An empty block list would read as null: write the empty list on the key's line instead.
    const parent = nodeAt(doc, list.slice(0, -1));
    const pair = isMap(parent)
      ? parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(list[list.length - 1]))
      : undefined;
    const keyEnd = pair && isScalar(pair.key) ? (pair.key.range?.[1] ?? -1) : -1;
    const colon = keyEnd < 0 ? -1 : text.indexOf(":", keyEnd);
    if (colon < 0) refuse(list, "its key was not found.");
    patches.push({ start: colon + 1, end: colon + 1, text: " []" });
  }
  return patches;
}

function expiresPatches(text: string, path: ManifestPath, node: Node, expires: string): Patch[] {
  const value = scalarText(expires);
  if (isScalar(node)) {
    const [start, end] = node.range ?? [0, 0];
    const at = afterLine(text, end);
    const indent = column(text, start);
    const field = entryField(path.slice(0, -1));
    return [
      { start, end, text: `${field}: ${text.slice(start, end)}` },
      {
        start: at,
        end: at,
        text: `${at === text.length && !text.endsWith("\n") ? "\n" : ""}${spaces(indent)}expires: ${value}\n`,
      },
    ];
  }
  if (isMap(node)) {
    const map = node as YAMLMap;
    const existing = map.items.find((p) => isScalar(p.key) && p.key.value === "expires");
    if (existing && isScalar(existing.value)) {
      const [start, end] = existing.value.range ?? [0, 0];
      return [{ start, end, text: value }];
    }
    if (map.flow) {
      const data = { ...(map.toJSON() as Record<string, string>), expires };
      const [start, end] = map.range ?? [0, 0];
      return [{ start, end, text: flowValue(data) }];
    }
    const first = map.items[0]?.key as Node | undefined;
    const indent = column(text, first?.range?.[0] ?? 0);
    const at = afterLine(text, contentEnd(map));
    return [{ start: at, end: at, text: `${spaces(indent)}expires: ${value}\n` }];
  }
  return refuse(path, "the entry is neither a name nor a mapping.");
}

/**
 * Lists that do not exist yet are written under the deepest mapping that does, one block per mapping, merged so that
 * two new lists under one new key share it.
 */
function missingListPatches(
  text: string,
  doc: Document,
  missing: readonly { list: ManifestPath; values: (string | Record<string, string>)[] }[],
): Patch[] {
  const byParent = new Map<string, { parent: ManifestPath; value: Record<string, unknown> }>();
  for (const { list, values } of missing) {
    let depth = list.length - 1;
    while (depth > 0 && nodeAt(doc, list.slice(0, depth)) === undefined) depth--;
    const parent = list.slice(0, depth);
    const key = JSON.stringify(parent);
    const entry = byParent.get(key) ?? { parent, value: {} };
    let cursor = entry.value;
    const rest = list.slice(depth);
    rest.forEach((segment, i) => {
      const name = String(segment);
      if (i === rest.length - 1) cursor[name] = [...((cursor[name] as unknown[]) ?? []), ...values];
      else {
        cursor[name] ??= {};
        cursor = cursor[name] as Record<string, unknown>;
      }
    });
    byParent.set(key, entry);
  }
  const patches: Patch[] = [];
  for (const { parent, value } of byParent.values()) {
    const node = parent.length === 0 ? (doc.contents as Node | null) : nodeAt(doc, parent);
    if (node === null || node === undefined) {
      // An empty document: the new keys are the whole manifest.
      patches.push({
        start: text.length,
        end: text.length,
        text: `${text.endsWith("\n") || text === "" ? "" : "\n"}${stringify(value)}`,
      });
      continue;
    }
    if (!isMap(node) || node.flow || node.items.length === 0) {
      refuse(parent, "it is not a block mapping (one key per line) with at least one key.");
    }
    const map = node as YAMLMap;
    const firstKey = map.items[0]?.key as Node | undefined;
    const indent = column(text, firstKey?.range?.[0] ?? 0);
    const at = afterLine(text, contentEnd(map));
    const block = stringify(value)
      .trimEnd()
      .split("\n")
      .map((line) => `${spaces(indent)}${line}`)
      .join("\n");
    patches.push({ start: at, end: at, text: `${at === text.length && !text.endsWith("\n") ? "\n" : ""}${block}\n` });
  }
  return patches;
}

function applyPatches(text: string, patches: Patch[]): string {
  // Later patches first, so earlier offsets stay valid; an insertion at the end of a removed range goes first.
  // Two insertions at one offset keep the order they were made in: the one made last is applied first.
  const sorted = patches
    .map((patch, order) => ({ ...patch, order }))
    .sort((a, b) => b.start - a.start || b.end - a.end || b.order - a.order);
  for (let i = 1; i < sorted.length; i++) {
    const later = sorted[i - 1] as Patch;
    const earlier = sorted[i] as Patch;
    if (earlier.end > later.start) {
      throw new JumpCloudError("invalid_input", "Two edits of the manifest overlap; apply the decisions in two runs.");
    }
  }
  let out = text;
  for (const patch of sorted) out = out.slice(0, patch.start) + patch.text + out.slice(patch.end);
  return out;
}
