/**
 * Renders an imported manifest as `access.yaml` text with the `yaml` library's document API, so that every name is
 * quoted exactly when YAML needs it and remarks become comments next to what they are about. Pure and deterministic:
 * the same import always renders to the same bytes.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";
import type { ImportedManifest, ImportRemark, ImportSection } from "./from-graph";

/** The editor hint the README shows as a manifest's first line, for a program with the package installed. */
export const MANIFEST_SCHEMA_COMMENT =
  " yaml-language-server: $schema=./node_modules/pulumi-jumpcloud-access/schema/access-manifest.schema.json";

/** Comment lines: one per remark, each kept on one line whatever the names contain. */
function commentText(remarks: readonly ImportRemark[]): string | undefined {
  if (remarks.length === 0) return undefined;
  const line = (text: string) => ` ${text.charAt(0).toUpperCase()}${text.slice(1).replace(/[\r\n]+/g, " ")}`;
  return remarks.map((r) => line(r.text)).join("\n");
}

function key(name: string, comment?: string): Scalar {
  const node = new Scalar(name);
  if (comment !== undefined) node.commentBefore = comment;
  return node;
}

function list(items: readonly string[]): YAMLSeq {
  const seq = new YAMLSeq();
  for (const item of items) seq.items.push(new Scalar(item));
  return seq;
}

function mapping(entries: [string, unknown][]): YAMLMap {
  const map = new YAMLMap();
  for (const [name, value] of entries) map.items.push(new Pair(key(name), value));
  return map;
}

/** `header` lines go first, after the `$schema` line; each becomes one comment line. */
export function importedManifestDocument(imported: ImportedManifest, header: readonly string[]): Document {
  const section = (name: ImportSection, entries: [string, YAMLMap][]) => {
    const written = new Set(entries.map(([entry]) => entry));
    // A remark about an entry that is not written goes with the section's, so no remark is ever dropped.
    const about = (entry: string | undefined) =>
      commentText(
        imported.remarks.filter(
          (r) =>
            r.section === name &&
            (entry === undefined ? r.entry === undefined || !written.has(r.entry) : r.entry === entry),
        ),
      );
    const body = new YAMLMap();
    for (const [entry, value] of entries) body.items.push(new Pair(key(entry, about(entry)), value));
    const pair = new Pair(key(name, about(undefined)), body);
    (pair.key as Scalar).spaceBefore = true;
    return pair;
  };

  const root = new YAMLMap();
  root.items.push(new Pair(key("version"), new Scalar(1)));
  root.items.push(
    section(
      "groups",
      imported.groups.map((g) => [
        g.name,
        mapping(
          g.exclusive
            ? [
                ["exclusive", new Scalar(true)],
                // An exclusive group with no members is refused unless it says so: the import says what it found.
                ...(g.members.length === 0 ? [["allowEmpty", new Scalar(true)] as [string, unknown]] : []),
                ["members", list(g.members)],
              ]
            : [["members", list(g.members)]],
        ),
      ]),
    ),
  );
  root.items.push(
    section(
      "applications",
      imported.applications.map((a) => {
        const entries: [string, unknown][] = [];
        if (a.groups.length > 0) entries.push(["groups", list(a.groups)]);
        if (a.users.length > 0) entries.push(["users", list(a.users)]);
        return [a.label, mapping(entries)];
      }),
    ),
  );
  root.items.push(
    section(
      "admins",
      imported.admins.map((a) => [a.email, mapping([["roles", list(a.roles)]])]),
    ),
  );

  const doc = new Document();
  doc.contents = root;
  doc.commentBefore = [MANIFEST_SCHEMA_COMMENT, ...header.map((line) => ` ${line}`)].join("\n");
  return doc;
}

/** The file's text. Long names are never folded onto a second line, so each entry stays one line for diffs. */
export function importedManifestText(imported: ImportedManifest, header: readonly string[]): string {
  return importedManifestDocument(imported, header).toString({ lineWidth: 0 });
}
