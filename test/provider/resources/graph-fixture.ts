import { ACCESS_GRAPH_SCHEMA_VERSION, type AccessGraph } from "../../../provider/sync/graph";

/** A hand-built access graph: no sync, no HTTP, for the pure resolution and cache tests. */
export const hex = (n: number): string => n.toString(16).padStart(24, "0");

export function handGraph(): AccessGraph {
  return {
    schemaVersion: ACCESS_GRAPH_SCHEMA_VERSION,
    generatedAt: "2026-01-01T00:00:00.000Z",
    org: { id: hex(999), name: "Hand Org", apiUrl: "http://127.0.0.1" },
    users: [
      { id: hex(1), email: "alice@hand.example", username: "alice", displayName: "Alice", state: "active" },
      { id: hex(2), email: "Bob@Hand.example", username: "bob", displayName: "Bob", state: "active" },
      { id: hex(3), email: "twin@hand.example", username: "twin1", displayName: "Twin", state: "active" },
      { id: hex(4), email: "TWIN@hand.example", username: "twin2", displayName: "Twin", state: "staged" },
    ],
    admins: [
      {
        id: hex(11),
        email: "alice@hand.example",
        roleIds: [hex(21)],
        roleNames: ["Administrator"],
        suspended: false,
        linkedUserId: hex(1),
      },
    ],
    roles: [
      { id: hex(21), name: "Administrator", builtIn: true },
      { id: hex(22), name: "Read Only", builtIn: true },
      { id: hex(23), name: "Access Reviewer", builtIn: false },
    ],
    groups: [
      { id: hex(31), name: "engineering", membershipMethod: "STATIC" },
      { id: hex(32), name: "Sales", membershipMethod: "NOTSET" },
      { id: hex(33), name: "dup", membershipMethod: "STATIC" },
      { id: hex(34), name: "dup", membershipMethod: "STATIC" },
    ],
    applications: [
      { id: hex(41), name: "slack", label: "Slack", active: true },
      { id: hex(42), name: "github", label: "Engineering GitHub", active: true },
      { id: hex(43), name: "aws", label: "github", active: true },
    ],
    memberships: [{ id: `${hex(31)}/${hex(1)}`, kind: "group_membership", groupId: hex(31), userId: hex(1) }],
    applicationAssignments: [
      {
        id: `${hex(41)}/user_group/${hex(31)}`,
        kind: "application_assignment",
        applicationId: hex(41),
        targetType: "user_group",
        targetId: hex(31),
      },
    ],
    adminRoles: [{ id: `${hex(11)}/${hex(21)}`, kind: "admin_role", adminId: hex(11), roleId: hex(21) }],
    effectiveAccess: [],
  };
}
