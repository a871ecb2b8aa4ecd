import { ApiError } from "./api-error";
import { BUILT_IN_ROLES } from "./roles";

/**
 * What the key may do, from its admin's role. JumpCloud documents 403 for "the key's admin role lacks permission"
 * but not the matrix itself; this is a deliberately coarse one, enough to exercise a client's 403 handling.
 */
export type KeyPermission = "none" | "read" | "graph" | "all";

const PERMISSIONS: Record<string, KeyPermission> = {
  "administrator with billing": "all",
  administrator: "all",
  manager: "graph",
  "command runner with billing": "graph",
  "command runner": "graph",
  "help desk": "graph",
  "billing only": "none",
  "read only": "read",
};

export function keyPermission(role: string | undefined): { role: string; permission: KeyPermission } {
  if (role === undefined) return { role: "Administrator With Billing", permission: "all" };
  const permission = PERMISSIONS[role.toLowerCase()];
  if (!permission) {
    const known = BUILT_IN_ROLES.map((r) => r.name).join(", ");
    throw new Error(`Emulator options: keyRole "${role}" is not a built-in admin role. Known: ${known}.`);
  }
  return { role, permission };
}

/** Throws the 403 a key of this role gets for this request, if any. */
export function checkPermission(
  key: { role: string; permission: KeyPermission },
  method: string,
  template: string,
): void {
  const refuse = (what: string) => {
    throw new ApiError(403, `Forbidden: an API key of an admin with role "${key.role}" cannot ${what}`);
  };
  if (key.permission === "all") return;
  if (key.permission === "none") refuse("use this API");
  if (method === "GET" || template === "/api/search/systemusers") return;
  if (key.permission === "read") refuse("make changes");
  if (template === "/api/users/{id}") refuse("change admin roles");
}
