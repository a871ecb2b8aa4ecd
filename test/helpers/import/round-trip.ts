import Ajv from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { type ManifestGrant, parseManifestText, planGrants } from "../../../provider/manifest";
import { OrgIndex } from "../../../provider/resources/org-index";
import {
  type Resolved,
  resolveAdmin,
  resolveApplication,
  resolveGroup,
  resolveRole,
  resolveUser,
} from "../../../provider/resources/resolve";
import { type AccessGraph, adminRoleId, applicationAssignmentId, membershipId } from "../../../provider/sync/graph";

/**
 * What an imported manifest asks for, in the graph's own terms: the manifest loaded by the project's loader (no
 * issue allowed), its grants planned, and each grant's names resolved by the same functions the resources use.
 */
const now = new Date("2026-12-01T00:00:00Z");

function must<T>(resolved: Resolved<T>, grant: ManifestGrant): T {
  if (resolved.ok) return resolved.value;
  throw new Error(`${grant.key} does not resolve: ${resolved.failure.property}: ${resolved.failure.reason}`);
}

export function plannedEdgeIds(graph: AccessGraph, text: string): string[] {
  const loaded = parseManifestText(text, "access.yaml", { now });
  if (loaded.warnings.length > 0)
    throw new Error(`the manifest loads with warnings: ${JSON.stringify(loaded.warnings)}`);
  const index = new OrgIndex(graph);
  const plan = planGrants(loaded.grants, now, 14);
  if (plan.expired.length > 0) throw new Error("an imported grant is expired");
  return plan.active
    .map((grant) => {
      if (grant.kind === "membership") {
        const group = must(resolveGroup(index, { name: grant.group }), grant);
        return membershipId(group.id, must(resolveUser(index, { email: grant.email }), grant).id);
      }
      if (grant.kind === "application") {
        const app = must(resolveApplication(index, { name: grant.application }), grant);
        const target =
          grant.target.type === "user"
            ? must(resolveUser(index, { email: grant.target.email }), grant).id
            : must(resolveGroup(index, { name: grant.target.group }), grant).id;
        return applicationAssignmentId(app.id, grant.target.type, target);
      }
      const admin = must(resolveAdmin(index, { email: grant.adminEmail }), grant);
      return adminRoleId(admin.id, must(resolveRole(index, { name: grant.role }), grant).id);
    })
    .sort();
}

/** Every direct edge of the graph that a manifest can declare: memberships of static groups, assignments, roles. */
export function directStaticEdgeIds(graph: AccessGraph): string[] {
  const dynamic = new Set(graph.groups.filter((g) => g.membershipMethod.startsWith("DYNAMIC")).map((g) => g.id));
  return [
    ...graph.memberships.filter((m) => !dynamic.has(m.groupId)).map((m) => m.id),
    ...graph.applicationAssignments.map((a) => a.id),
    ...graph.adminRoles.map((r) => r.id),
  ].sort();
}

const schema = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "..", "schema", "access-manifest.schema.json"), "utf8"),
) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSchema = ajv.compile(schema);

/** The JSON Schema editors check the file with; returns its errors (none when valid). */
export function schemaErrors(text: string): unknown[] {
  return validateSchema(parse(text)) ? [] : [...(validateSchema.errors ?? [])];
}
