/** Graph edge writes (`{op, type, id}` bodies) and the `targets` parameter of association listings. */
import { ApiError } from "./api-error";
import type { ApiRequest, ApiResponse } from "./api-types";
import { isObjectId } from "./ids";
import type { EdgeKind } from "./org-store";

export interface GraphOp {
  op: "add" | "remove" | "update";
  type: string;
  id: string;
}

export function parseGraphOp(body: unknown, types: readonly string[]): GraphOp {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(
      400,
      'request body must be a JSON object like {"op": "add", "type": "user", "id": "<24-hex id>"}',
    );
  }
  const { op, type, id } = body as Record<string, unknown>;
  if (op !== "add" && op !== "remove" && op !== "update") {
    throw new ApiError(400, `invalid op ${JSON.stringify(op)}: expected "add", "remove" or "update"`);
  }
  if (typeof type !== "string" || !types.includes(type)) {
    throw new ApiError(400, `invalid type ${JSON.stringify(type)}: expected one of ${types.join(", ")}`);
  }
  if (!isObjectId(id)) throw new ApiError(400, `invalid id ${JSON.stringify(id)}: expected a 24-character hex id`);
  return { op, type, id: id.toLowerCase() };
}

/** One graph edge write: 204 with an empty body; 409 "Already Exists" on a duplicate add; 404 on an absent edge. */
export function graphWrite(
  request: ApiRequest,
  kind: EdgeKind,
  parent: number,
  child: number,
  op: GraphOp,
): ApiResponse {
  const { org } = request;
  const exists = org.hasEdge(kind, parent, child);
  const edge = `${op.type} ${op.id}`;
  if (op.op === "add") {
    if (exists) throw new ApiError(409, `Already Exists: ${edge} is already associated`);
    org.write(kind, parent, child, true, request.now, request.now + request.visibilityDelayMs);
  } else if (op.op === "remove") {
    if (!exists) throw new ApiError(404, `${edge} is not associated: nothing to remove`);
    org.write(kind, parent, child, false, request.now, request.now + request.visibilityDelayMs);
  } else if (!exists) {
    throw new ApiError(404, `${edge} is not associated: nothing to update`);
  }
  return { status: 204 };
}

export function targetsOf(request: ApiRequest, allowed: readonly string[]): string[] {
  const raw = request.query.get("targets");
  if (!raw) throw new ApiError(400, `targets is required: one or more of ${allowed.join(", ")}`);
  const targets = raw.split(",").map((t) => t.trim());
  for (const target of targets) {
    if (!allowed.includes(target)) {
      throw new ApiError(400, `invalid targets value "${target}": expected one of ${allowed.join(", ")}`);
    }
  }
  return targets;
}
