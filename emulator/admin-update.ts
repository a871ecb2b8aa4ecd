/** Reading a `PUT /api/users/{id}` body: the role change by `roleName` (any casing) or by role ids. */
import { ApiError } from "./api-error";
import { isObjectId } from "./ids";
import type { OrgStore } from "./org-store";

export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "request body must be a JSON object");
  }
  return body as Record<string, unknown>;
}

export function roleIndexes(org: OrgStore, body: Record<string, unknown>): number[] | null {
  const { roleName, roles } = body;
  if (roleName !== undefined && roles !== undefined) {
    throw new ApiError(400, "send either roleName or roles, not both");
  }
  if (roleName !== undefined) {
    if (typeof roleName !== "string") throw new ApiError(400, "roleName must be a string");
    const index = org.roleByName.get(roleName.toLowerCase());
    if (index === undefined) throw new ApiError(400, `unknown roleName "${roleName}"`);
    return [index];
  }
  if (roles !== undefined) {
    if (!Array.isArray(roles) || roles.length === 0 || roles.some((r) => typeof r !== "string")) {
      throw new ApiError(400, "roles must be a non-empty array of role ids");
    }
    const out: number[] = [];
    for (const role of roles as string[]) {
      const index = isObjectId(role) ? org.roleById.get(role.toLowerCase()) : undefined;
      if (index === undefined) throw new ApiError(400, `unknown role id "${role}" in roles`);
      if (!out.includes(index)) out.push(index);
    }
    return out;
  }
  return null;
}
