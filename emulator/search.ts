/** `POST /api/search/systemusers`: the body's filter object, search term and fields. */
import { ApiError } from "./api-error";
import { requireObjectBody } from "./admin-update";
import type { ApiRequest, ApiResponse } from "./api-types";
import { matchesFilters, parseFields, parseFilters, parsePaging, project } from "./query";
import type { JumpCloudObject } from "./render";
import { viewsOf } from "./views";

type SearchFilter = unknown;

function matchesValue(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== "object" || expected === null) return actual === expected;
  const ops = expected as Record<string, unknown>;
  for (const [op, value] of Object.entries(ops)) {
    if (op === "$eq" && actual !== value) return false;
    if (op === "$ne" && actual === value) return false;
    if (op === "$in" && !(Array.isArray(value) && value.includes(actual))) return false;
    if (op === "$regex" && !(typeof actual === "string" && new RegExp(String(value), "i").test(actual))) return false;
    if (op === "$exists" && (actual !== undefined) !== Boolean(value)) return false;
    if (!["$eq", "$ne", "$in", "$regex", "$exists"].includes(op)) {
      throw new ApiError(400, `unsupported search operator "${op}"`);
    }
  }
  return true;
}

/** The search body's `filter`: `{and: [...]}`, `{or: [...]}`, an array (all must hold) or `{field: value | {$op}}`. */
function matchesSearch(object: JumpCloudObject, filter: SearchFilter): boolean {
  if (filter === undefined || filter === null) return true;
  if (Array.isArray(filter)) return filter.every((f) => matchesSearch(object, f));
  if (typeof filter !== "object") throw new ApiError(400, "search filter must be an object or an array");
  for (const [key, value] of Object.entries(filter as Record<string, unknown>)) {
    if (key === "and" || key === "$and") {
      if (!Array.isArray(value)) throw new ApiError(400, `search filter "${key}" must be an array`);
      if (!value.every((f) => matchesSearch(object, f))) return false;
    } else if (key === "or" || key === "$or") {
      if (!Array.isArray(value)) throw new ApiError(400, `search filter "${key}" must be an array`);
      if (!value.some((f) => matchesSearch(object, f))) return false;
    } else if (!matchesValue(object[key], value)) {
      return false;
    }
  }
  return true;
}

function searchTermMatcher(searchFilter: unknown): ((object: JumpCloudObject) => boolean) | null {
  if (searchFilter === undefined || searchFilter === null) return null;
  if (typeof searchFilter !== "object") throw new ApiError(400, "searchFilter must be an object");
  const { searchTerm, fields } = searchFilter as Record<string, unknown>;
  if (typeof searchTerm !== "string") throw new ApiError(400, "searchFilter.searchTerm must be a string");
  const names = Array.isArray(fields) ? fields.map(String) : ["email", "username", "firstname", "lastname"];
  const term = searchTerm.toLowerCase();
  return (object) =>
    names.some((name) =>
      String(object[name] ?? "")
        .toLowerCase()
        .includes(term),
    );
}

export function searchSystemUsers(request: ApiRequest): ApiResponse {
  const body = request.body === undefined ? {} : requireObjectBody(request.body);
  const { limit, skip } = parsePaging(request.query, request.overLimit);
  const rawFields = typeof body.fields === "string" ? body.fields : request.query.get("fields");
  const fields = parseFields("v1", rawFields);
  const queryFilters = parseFilters("v1", request.query.getAll("filter"));
  const term = searchTermMatcher(body.searchFilter);
  const selected = viewsOf(request.org)
    .users.items([])
    .filter(
      (u) =>
        matchesSearch(u, body.filter) &&
        (!term || term(u)) &&
        (!queryFilters.length || matchesFilters(u, queryFilters)),
    );
  const results = selected.slice(skip, skip + limit).map((u) => project(u, fields, "_id"));
  return { status: 200, body: { totalCount: selected.length, results } };
}
