import { z } from "zod";
import { JumpCloudError } from "../errors";
import { ACCESS_GRAPH_SCHEMA_VERSION, type AccessGraph } from "../sync/graph";

const id = z.string().min(1);
const state = z.enum(["active", "staged", "suspended", "locked"]);
const path = z.union([z.object({ via: z.literal("direct") }), z.object({ via: z.literal("user_group"), groupId: id })]);

/** The documented JSON form of `AccessGraph` (see `provider/sync/graph.ts`), checked when a graph is read from a file. */
export const accessGraphSchema = z.object({
  schemaVersion: z.literal(ACCESS_GRAPH_SCHEMA_VERSION),
  generatedAt: z.string(),
  org: z.object({ id: z.string().nullable(), name: z.string().nullable(), apiUrl: z.string() }),
  users: z.array(z.object({ id, email: z.string(), username: z.string(), displayName: z.string(), state })),
  admins: z.array(
    z.object({
      id,
      email: z.string(),
      roleIds: z.array(id),
      roleNames: z.array(z.string()),
      suspended: z.boolean(),
      linkedUserId: id.nullable(),
    }),
  ),
  roles: z.array(z.object({ id, name: z.string(), builtIn: z.boolean() })),
  groups: z.array(
    z.object({
      id,
      name: z.string(),
      membershipMethod: z.enum(["NOTSET", "STATIC", "DYNAMIC_REVIEW_REQUIRED", "DYNAMIC_AUTOMATED"]),
    }),
  ),
  applications: z.array(z.object({ id, name: z.string(), label: z.string(), active: z.boolean() })),
  memberships: z.array(z.object({ id, kind: z.literal("group_membership"), groupId: id, userId: id })),
  applicationAssignments: z.array(
    z.object({
      id,
      kind: z.literal("application_assignment"),
      applicationId: id,
      targetType: z.enum(["user", "user_group"]),
      targetId: id,
    }),
  ),
  adminRoles: z.array(z.object({ id, kind: z.literal("admin_role"), adminId: id, roleId: id })),
  effectiveAccess: z.array(z.object({ id, applicationId: id, userId: id, paths: z.array(path) })),
  sync: z.object({ requests: z.number(), pages: z.number(), retries: z.number(), durationMs: z.number() }).optional(),
});

/** Checks a parsed value against the graph's JSON form; `source` names the file in the error. */
export function parseAccessGraph(value: unknown, source: string): AccessGraph {
  const result = accessGraphSchema.safeParse(value);
  if (result.success) return result.data as AccessGraph;
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  throw new JumpCloudError("invalid_input", `${source} is not an access graph (${issues}).`, {
    hint: "Pass the graph.json written by `jumpcloud-access review` or the AccessGraph resource's `graph` output.",
  });
}

/**
 * The graph in a JSON text: the bare graph, `pulumi stack output graph --json`, or a whole outputs object.
 * `source` names the file in the errors.
 */
export function graphFromJsonText(text: string, source: string): AccessGraph {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new JumpCloudError("invalid_input", `${source} is not valid JSON.`, {
      hint: "Pass the graph.json written by `jumpcloud-access review`.",
      cause,
    });
  }
  // `pulumi stack output graph --json` and a whole outputs object are accepted as well as the bare graph.
  if (value && typeof value === "object" && "graph" in value && !("schemaVersion" in value)) {
    value = (value as { graph: unknown }).graph;
    if (value === null) {
      throw new JumpCloudError(
        "invalid_input",
        `${source} has no graph: the AccessGraph output was left out for size.`,
        {
          hint: "Set outputDir on the AccessGraph resource and pass the graph.json written there, or raise maxInlineBytes.",
        },
      );
    }
  }
  return parseAccessGraph(value, source);
}
