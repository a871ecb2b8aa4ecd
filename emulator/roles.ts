/**
 * JumpCloud's eight built-in admin roles. Names are matched case-insensitively everywhere, because the casing differs
 * between JumpCloud's own sources (console, PowerShell module, API). Built-in role ids are the same in every org.
 */
export const BUILT_IN_ROLES: readonly { name: string; scopes: string[] }[] = [
  { name: "Administrator With Billing", scopes: ["admin", "billing"] },
  { name: "Administrator", scopes: ["admin"] },
  { name: "Manager", scopes: ["manager"] },
  { name: "Command Runner With Billing", scopes: ["commands", "billing"] },
  { name: "Command Runner", scopes: ["commands"] },
  { name: "Help Desk", scopes: ["helpdesk"] },
  { name: "Billing Only", scopes: ["billing"] },
  { name: "Read Only", scopes: ["read"] },
];

/** What `roleName` shows for an admin holding more than one role. */
export const MULTI_ROLE_NAME = "Multi Role";
