/** Paging, filtering, sorting and projection of list answers in each family's shape (v1 envelope, v2 array). */
import { ApiError } from "./api-error";
import type { ApiRequest, ApiResponse } from "./api-types";
import { isObjectId } from "./ids";
import {
  type Family,
  matchesFilters,
  parseFields,
  parseFilters,
  parsePaging,
  parseSort,
  project,
  type SortKey,
  sortObjects,
} from "./query";
import type { JumpCloudObject } from "./render";
import { jsonArrayBytes } from "./views";

/**
 * A v1 envelope, assembled from each object's cached JSON bytes (full, or the last `fields` projection): serialising
 * 100 user objects per page is most of the cost of a 50,000-user listing, and the cached objects do not change.
 */
export function v1List(request: ApiRequest, items: JumpCloudObject[], filtered = true): ApiResponse {
  const { limit, skip } = parsePaging(request.query, request.overLimit);
  const fields = parseFields("v1", request.query.get("fields"));
  const filters = filtered ? parseFilters("v1", request.query.getAll("filter")) : [];
  const selected = filters.length ? items.filter((item) => matchesFilters(item, filters)) : items;
  const page = selected.slice(skip, skip + limit);
  const prefix = `{"totalCount":${selected.length},"results":[`;
  return { status: 200, body: jsonArrayBytes(prefix, page, "]}", fields, "_id") };
}

/** A graph listing rotated to start at a seeded position, when graph order is set to be unstable. */
export function graphOrder<T>(request: ApiRequest, items: T[]): T[] {
  if (request.graphOrderDie === null || items.length < 2) return items;
  const start = Math.floor(request.graphOrderDie * items.length);
  return [...items.slice(start), ...items.slice(0, start)];
}

/** A v2 array page of `total` items, materialising only the page (a group can hold tens of thousands of members). */
export function v2Slice(request: ApiRequest, total: number, slice: (skip: number, limit: number) => JumpCloudObject[]) {
  const { limit, skip } = parsePaging(request.query, request.overLimit);
  const fields = parseFields("v2", request.query.get("fields"));
  const page = slice(skip, limit).map((item) => project(item, fields, "id"));
  return { status: 200, body: page, headers: { "x-total-count": String(total) } };
}

/** Up to `limit` elements of a set after skipping `skip`, in iteration order, without copying the set. */
export function setSlice(set: Set<number>, skip: number, limit: number): number[] {
  const out: number[] = [];
  if (skip >= set.size) return out;
  let i = 0;
  for (const value of set) {
    if (i++ < skip) continue;
    out.push(value);
    if (out.length === limit) break;
  }
  return out;
}

export function v2Array(
  request: ApiRequest,
  items: JumpCloudObject[],
  options: { filter?: boolean; sort?: boolean; cached?: boolean; graph?: boolean } = {},
) {
  const { limit, skip } = parsePaging(request.query, request.overLimit);
  const fields = parseFields("v2", request.query.get("fields"));
  const filters = options.filter ? parseFilters("v2", request.query.getAll("filter")) : [];
  let selected = filters.length ? items.filter((item) => matchesFilters(item, filters)) : items;
  if (options.graph) selected = graphOrder(request, selected);
  if (options.sort) selected = sortObjects(selected, parseSort("v2", request.query.get("sort")));
  const page = selected.slice(skip, skip + limit);
  const headers = { "x-total-count": String(selected.length) };
  if (options.cached) return { status: 200, body: jsonArrayBytes("[", page, "]", fields, "id"), headers };
  return { status: 200, body: page.map((item) => project(item, fields, "id")), headers };
}

export function sortKeys(family: Family, request: ApiRequest, fallback: SortKey[] = []): SortKey[] {
  const keys = parseSort(family, request.query.get("sort"));
  return keys.length ? keys : fallback;
}

/** Looks an id up; a malformed id is a 400 and an unknown one a 404, as JumpCloud answers. */
export function lookup(map: Map<string, number>, raw: string | undefined, what: string): number {
  if (!isObjectId(raw)) throw new ApiError(400, `invalid ${what} id "${raw ?? ""}": expected a 24-character hex id`);
  const index = map.get(raw.toLowerCase());
  if (index === undefined) throw new ApiError(404, `${what} ${raw} not found`);
  return index;
}
