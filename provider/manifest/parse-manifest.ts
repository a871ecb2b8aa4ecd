import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { foldAscii, nonAsciiAddressWarning } from "../ascii-fold";
import { aliasIssue } from "./alias-limits";
import { flattenManifest, type ValidManifest } from "./flatten-manifest";
import { formatPath, type ManifestPath, type Position, positionOf } from "./locate";
import { type ManifestGrant, normalizeEmail } from "./manifest-grant";
import { accessManifestSchema, isEmail } from "./manifest-schema";
import { revokedIssues, revokedKnownKeys } from "./revoked-grants";

import type { ManifestIssue } from "./manifest-issue";

export type { ManifestIssue } from "./manifest-issue";

export interface ParsedManifest {
  manifest: ValidManifest;
  /** Every grant, sorted by key. Includes expired ones: deciding what is current is `planGrants`'s job. */
  grants: ManifestGrant[];
  /** Groups whose membership the manifest owns entirely. */
  exclusiveGroups: string[];
  warnings: ManifestIssue[];
}

export type ManifestResult =
  | ({ ok: true } & ParsedManifest)
  | { ok: false; errors: ManifestIssue[]; warnings: ManifestIssue[] };

export interface ParseOptions {
  /** The instant "expired" is measured against; injectable so tests and previews agree. */
  now?: Date;
}

type Locator = (path: ManifestPath, at?: "key" | "value") => { path: ManifestPath; position?: Position };

/** Parses and validates manifest text, reporting every problem at once with its line and column. */
export function parseManifest(text: string, options: ParseOptions = {}): ManifestResult {
  const lines = new LineCounter();
  // Duplicate keys are found by our own walk below, which knows the path and the first occurrence.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const locator: Locator = (path, at) => positionOf(doc, lines, path, at);
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error): ManifestIssue => {
      const { line, col } = lines.linePos(error.pos[0]);
      const message = `${error.message.trim().replace(/\.$/, "")}.`;
      return { severity: "error", path: "(syntax)", line, column: col, message };
    });
    return { ok: false, errors, warnings: [] };
  }
  const aliases = aliasIssue(doc, lines);
  if (aliases) return { ok: false, errors: [aliases], warnings: [] };
  const duplicates = duplicateKeys(doc, lines);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // The yaml library's own guard against alias bombs (a ReferenceError), in case it is stricter than ours above.
    const message = `${error instanceof Error ? error.message : String(error)}. Write the entries out instead of using aliases.`;
    return { ok: false, errors: [{ severity: "error", path: "(aliases)", line: 1, column: 1, message }], warnings: [] };
  }
  return validate(data ?? {}, locator, options, duplicates);
}

/** Validates a manifest given as data (e.g. built in a Pulumi program). Issues carry paths but no positions. */
export function validateManifest(data: unknown, options: ParseOptions = {}): ManifestResult {
  const root = data ?? {};
  return validate(root, (path) => ({ path: existingPrefix(root, path) }), options, []);
}

function issueAt(
  locator: Locator,
  severity: ManifestIssue["severity"],
  path: ManifestPath,
  message: string,
  at?: "key",
): ManifestIssue {
  const found = locator(path, at);
  const issue: ManifestIssue = { severity, path: formatPath(found.path), message };
  if (found.position) Object.assign(issue, found.position);
  return issue;
}

function validate(data: unknown, locator: Locator, options: ParseOptions, earlier: ManifestIssue[]): ManifestResult {
  const errors = [...earlier];
  errors.push(...adminKeyErrors(data, locator), ...repeatedEntries(data, locator));
  const parsed = accessManifestSchema.safeParse(data);
  if (!parsed.success) errors.push(...parsed.error.issues.flatMap((issue) => fromZod(issue, data, locator)));
  if (!parsed.success || errors.length > 0) return { ok: false, errors: sortIssues(errors), warnings: [] };
  const { grants, exclusiveGroups } = flattenManifest(parsed.data);
  const revoked = revokedIssues(parsed.data, grants).map((issue) =>
    issueAt(locator, "error", issue.path, issue.message, issue.atKey ? "key" : undefined),
  );
  if (revoked.length > 0) return { ok: false, errors: sortIssues(revoked), warnings: [] };
  const now = options.now ?? new Date();
  const expired = grants
    .filter((grant) => grant.expires !== undefined && grant.expires.getTime() <= now.getTime())
    .map((grant) =>
      issueAt(
        locator,
        "warning",
        pathOf(grant.path, parsed.data),
        `expired at ${grant.expires!.toISOString()}: the grant is left out and the next update revokes it. Remove the entry.`,
      ),
    );
  const warnings = [...expired, ...nonAsciiAddresses(data, locator)];
  return { ok: true, manifest: parsed.data, grants, exclusiveGroups, warnings: sortIssues(warnings) };
}

/** Every email written with non-ASCII characters, at its entry: a look-alike of an ASCII address reads the same. */
function nonAsciiAddresses(data: unknown, locator: Locator): ManifestIssue[] {
  const warnings: ManifestIssue[] = [];
  const check = (email: unknown, path: ManifestPath, at?: "key") => {
    const message = typeof email === "string" ? nonAsciiAddressWarning(email.trim()) : undefined;
    if (message) warnings.push(issueAt(locator, "warning", path, message, at));
  };
  const inList = (path: ManifestPath) => {
    const list = valueAt(data, path);
    if (!Array.isArray(list)) return;
    list.forEach((item, index) => {
      if (typeof item === "string") check(item, [...path, index]);
      else check((item as { email?: unknown } | null)?.email, [...path, index, "email"]);
    });
  };
  for (const [group] of entries(valueAt(data, ["groups"]))) inList(["groups", group, "members"]);
  for (const [app] of entries(valueAt(data, ["applications"]))) inList(["applications", app, "users"]);
  for (const [admin] of entries(valueAt(data, ["admins"]))) check(admin, ["admins", admin], "key");
  return warnings;
}

function fromZod(issue: z.core.$ZodIssue, data: unknown, locator: Locator): ManifestIssue[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const known = knownKeys(issue.path);
      const hint = known ? ` Expected one of: ${known.join(", ")}.` : "";
      return issueAt(locator, "error", [...issue.path, key] as ManifestPath, `unknown key "${key}".${hint}`, "key");
    });
  }
  const path = issue.path as ManifestPath;
  if (issue.code === "invalid_type" && valueAt(data, path) === undefined) {
    const field = path[path.length - 1];
    return [issueAt(locator, "error", path, `"${String(field)}" is required.`)];
  }
  return [issueAt(locator, "error", path, issue.message)];
}

/** The keys allowed at a path, for "did you mean" help; derived from the path's shape. */
function knownKeys(path: readonly PropertyKey[]): string[] | undefined {
  const shape = path.map((segment) => (typeof segment === "number" ? "#" : String(segment)));
  if (shape.length === 0) return ["version", "groups", "applications", "admins", "revoked"];
  if (shape[0] === "revoked") return revokedKnownKeys(shape);
  if (shape.length === 2 && shape[0] === "groups") return ["owner", "exclusive", "allowEmpty", "members"];
  if (shape.length === 2 && shape[0] === "applications") return ["owner", "groups", "users"];
  if (shape.length === 2 && shape[0] === "admins") return ["roles", "revokeTo"];
  if (shape.length === 4) {
    const first = shape[2] === "groups" ? "group" : shape[2] === "roles" ? "role" : "email";
    return [first, "expires", "reason", "ticket"];
  }
  return undefined;
}

function sortIssues(issues: ManifestIssue[]): ManifestIssue[] {
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Turns a formatted grant path back into segments (the grant kept only the text). */
function pathOf(formatted: string, manifest: ValidManifest): ManifestPath {
  for (const section of ["groups", "applications", "admins"] as const) {
    for (const [name, policy] of Object.entries(manifest[section] ?? {})) {
      for (const list of ["members", "groups", "users", "roles"]) {
        const entries = (policy as Record<string, unknown[] | undefined>)[list];
        for (let index = 0; index < (entries?.length ?? 0); index++) {
          if (formatPath([section, name, list, index]) === formatted) return [section, name, list, index];
        }
      }
    }
  }
  return [];
}

/** Keys repeated in one YAML mapping: the later one would silently win, so the repeat is an error. */
function duplicateKeys(doc: Document, lines: LineCounter): ManifestIssue[] {
  // The repeats are also removed from the document, so the data validated next and the positions reported for it
  // both come from the first occurrence.
  const issues: ManifestIssue[] = [];
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const walk = (node: Node | null, path: (string | number)[]): void => {
    if (isMap(node)) {
      const first = new Map<string, Position>();
      const repeats = new Set<unknown>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const here = at(pair.key.range?.[0] ?? 0);
        const earlier = first.get(key);
        if (earlier === undefined) {
          first.set(key, here);
          walk((pair.value as Node | null) ?? null, [...path, key]);
        } else {
          repeats.add(pair);
          issues.push({
            severity: "error",
            path: formatPath([...path, key]),
            ...here,
            message: `"${key}" appears twice in the same mapping (first at line ${earlier.line}). Merge the two entries into one.`,
          });
        }
      }
      if (repeats.size > 0) node.items = node.items.filter((pair) => !repeats.has(pair));
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        walk(item as Node, [...path, index]);
      });
    }
  };
  walk(doc.contents as Node | null, []);
  return issues;
}

/** Admins are keyed by email, which zod's record keys do not check; compared as JumpCloud compares them. */
function adminKeyErrors(data: unknown, locator: Locator): ManifestIssue[] {
  const admins = (data as { admins?: unknown } | null)?.admins;
  if (typeof admins !== "object" || admins === null || Array.isArray(admins)) return [];
  const errors: ManifestIssue[] = [];
  const seen = new Map<string, string>();
  for (const adminEmail of Object.keys(admins)) {
    const path = ["admins", adminEmail];
    if (!isEmail(adminEmail)) {
      const message = `"${adminEmail}" is not a valid email address. Admins are keyed by their login email, e.g. alice@example.com.`;
      errors.push(issueAt(locator, "error", path, message, "key"));
    }
    const other = seen.get(normalizeEmail(adminEmail));
    if (other === undefined) seen.set(normalizeEmail(adminEmail), adminEmail);
    else {
      const message = `admin "${adminEmail}" is the same account as "${other}" (emails are case-insensitive). Merge the two entries.`;
      errors.push(issueAt(locator, "error", path, message, "key"));
    }
  }
  return errors;
}

/** The longest prefix of `path` that exists in `data` (a scalar entry has no `.email` to point at). */
function existingPrefix(data: unknown, path: ManifestPath): ManifestPath {
  let end = path.length;
  while (end > 0 && valueAt(data, path.slice(0, end)) === undefined) end--;
  return path.slice(0, end);
}

function valueAt(data: unknown, path: ManifestPath): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

const entries = (value: unknown): [string, unknown][] =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? Object.entries(value) : [];

/**
 * Entries that repeat an earlier one in the same list, compared as JumpCloud compares them (emails and role names
 * case-insensitively). Checked on the raw data so a repeat is reported even when something else is malformed.
 */
function repeatedEntries(data: unknown, locator: Locator): ManifestIssue[] {
  const errors: ManifestIssue[] = [];
  const check = (path: (string | number)[], field: string, fold: boolean, describe: (id: string) => string) => {
    const list = valueAt(data, path);
    if (!Array.isArray(list)) return;
    const seen = new Map<string, number>();
    list.forEach((item, index) => {
      const raw = typeof item === "string" ? item : (item as Record<string, unknown> | null)?.[field];
      if (typeof raw !== "string") return;
      const id = fold ? foldAscii(raw.trim()) : raw.trim();
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else {
        const also = `(also at ${String(path[2])}[${first}]). Remove one of the entries.`;
        errors.push(issueAt(locator, "error", [...path, index], `${describe(id)} ${also}`));
      }
    });
  };
  for (const [group] of entries(valueAt(data, ["groups"]))) {
    check(["groups", group, "members"], "email", true, (id) => `${id} is listed twice in group "${group}"`);
  }
  for (const [app] of entries(valueAt(data, ["applications"]))) {
    const to = `to application "${app}"`;
    check(["applications", app, "groups"], "group", false, (id) => `group "${id}" is assigned twice ${to}`);
    check(["applications", app, "users"], "email", true, (id) => `${id} is assigned twice ${to}`);
  }
  for (const [admin] of entries(valueAt(data, ["admins"]))) {
    check(["admins", admin, "roles"], "role", true, (id) => `role "${id}" is listed twice for admin ${admin}`);
  }
  return errors;
}
