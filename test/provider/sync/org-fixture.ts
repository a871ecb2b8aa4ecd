import type { OrgSpec } from "../../../emulator/types";

/**
 * A small org with every case the graph must get right: a user who is also an admin under a differently-cased
 * email, an admin-only account, a multi-role admin, a custom role, users in every state, a dynamic group, an empty
 * group, and an application reached both directly and through a group.
 */
export const FIXTURE_ORG: OrgSpec = {
  name: "Acme Corp",
  customRoles: ["Auditor"],
  users: [
    { email: "alice@example.com", firstname: "Alice", lastname: "Liddell", department: "Engineering" },
    { email: "bob@example.com", username: "bobby" },
    { email: "carol@example.com", state: "STAGED" },
    { email: "dave@example.com", state: "SUSPENDED" },
    { email: "erin@example.com", locked: true },
  ],
  admins: [
    { email: "Alice@Example.COM", roles: ["Administrator"] },
    { email: "ops@example.com", roles: ["Help Desk", "Read Only", "Auditor"] },
  ],
  groups: [
    { name: "engineering", members: ["alice@example.com", "bob@example.com"] },
    { name: "sales", membershipMethod: "DYNAMIC_AUTOMATED", members: ["carol@example.com", "alice@example.com"] },
    { name: "empty" },
  ],
  applications: [
    { name: "slack", label: "Slack", groups: ["engineering"], users: ["alice@example.com"] },
    { name: "github", label: "GitHub", groups: ["engineering", "sales"] },
    { name: "zoom", active: false },
  ],
};
