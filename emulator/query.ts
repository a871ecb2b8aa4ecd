import { ApiError } from "./api-error";

/** v1 (`/api/...`) and v2 (`/api/v2/...`) spell sort, fields and filters differently. */
export type Family = "v1" | "v2";

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 10;

export interface Paging {
  limit: number;
  skip: number;
}

export interface SortKey {
  field: string;
  descending: boolean;
}

export type FilterOp = "eq" | "ne" | "in" | "sw";

export interface Filter {
  field: string;
  op: FilterOp;
  values: string[];
}

function integer(name: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new ApiError(400, `${name} must be a non-negative integer, got "${raw}"`);
  return Number(raw);
}

/** `limit` defaults to 10 and is limited to 100: above that the emulator answers 400, or serves 100 when clamping. */
export function parsePaging(query: URLSearchParams, overLimit: "reject" | "clamp"): Paging {
  const rawLimit = query.get("limit");
  const rawSkip = query.get("skip");
  let limit = rawLimit === null || rawLimit === "" ? DEFAULT_LIMIT : integer("limit", rawLimit);
  if (limit === 0) throw new ApiError(400, "limit must be between 1 and 100");
  if (limit > MAX_LIMIT) {
    if (overLimit === "reject") throw new ApiError(400, `limit must be between 1 and ${MAX_LIMIT}, got ${limit}`);
    limit = MAX_LIMIT;
  }
  const skip = rawSkip === null || rawSkip === "" ? 0 : integer("skip", rawSkip);
  return { limit, skip };
}

function splitList(family: Family, raw: string): string[] {
  return raw
    .split(family === "v1" ? /\s+/ : /\s*,\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** v1: `sort=-name _id` (space-separated); v2: `sort=-name,id` (comma-separated). `-` means descending. */
export function parseSort(family: Family, raw: string | null): SortKey[] {
  if (!raw) return [];
  return splitList(family, raw).map((token) =>
    token.startsWith("-") ? { field: token.slice(1), descending: true } : { field: token, descending: false },
  );
}

/** v1: `fields=email username`; v2: `fields=name,email`. Null means every field. */
export function parseFields(family: Family, raw: string | null): string[] | null {
  if (raw === null || raw.trim() === "") return null;
  return splitList(family, raw);
}

const V1_OPS: Record<string, FilterOp> = { $eq: "eq", $ne: "ne", $in: "in", $sw: "sw" };
const V2_OPS: Record<string, FilterOp> = { eq: "eq", ne: "ne", in: "in", sw: "sw" };

/**
 * v1 filters read `field:$eq:value` and v2 filters `field:eq:value`; `in` takes `a|b|c`. Several `filter` parameters
 * must all hold. The emulator rejects the other family's spelling with a 400, to catch clients that mix them up.
 */
export function parseFilters(family: Family, raws: string[]): Filter[] {
  const ops = family === "v1" ? V1_OPS : V2_OPS;
  return raws.map((raw) => {
    const first = raw.indexOf(":");
    const second = first < 0 ? -1 : raw.indexOf(":", first + 1);
    if (first <= 0 || second < 0) {
      const example = family === "v1" ? "email:$eq:alice@example.com" : "name:eq:engineering";
      throw new ApiError(400, `invalid filter "${raw}": expected field:operator:value, e.g. ${example}`);
    }
    const field = raw.slice(0, first);
    const opText = raw.slice(first + 1, second);
    const value = raw.slice(second + 1);
    const op = ops[opText];
    if (!op) {
      const known = Object.keys(ops).join(", ");
      throw new ApiError(400, `invalid filter "${raw}": unknown operator "${opText}" (this API takes ${known})`);
    }
    return { field, op, values: op === "in" ? value.split("|") : [value] };
  });
}

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

export function matchesFilters(object: Record<string, unknown>, filters: Filter[]): boolean {
  for (const filter of filters) {
    const actual = text(object[filter.field]);
    const ok =
      filter.op === "eq"
        ? actual === filter.values[0]
        : filter.op === "ne"
          ? actual !== filter.values[0]
          : filter.op === "in"
            ? filter.values.includes(actual)
            : actual.startsWith(filter.values[0] ?? "");
    if (!ok) return false;
  }
  return true;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sortObjects<T extends Record<string, unknown>>(items: T[], keys: SortKey[]): T[] {
  if (keys.length === 0) return items;
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const c = compare(a[key.field], b[key.field]);
      if (c !== 0) return key.descending ? -c : c;
    }
    return 0;
  });
}

/** Keeps only the requested fields; the id field always stays, as JumpCloud returns it regardless. */
export function project(object: Record<string, unknown>, fields: string[] | null, idField: string) {
  if (!fields) return object;
  const out: Record<string, unknown> = { [idField]: object[idField] };
  for (const field of fields) if (field in object) out[field] = object[field];
  return out;
}
