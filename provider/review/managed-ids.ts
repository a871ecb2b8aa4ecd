import { JumpCloudError } from "../errors";

/**
 * The ids a stack manages, from a parsed JSON value in any of the forms people have at hand (`file` names its source
 * in the errors):
 * - a JSON array of grant ids;
 * - an object with `managedEdgeIds` (e.g. `pulumi stack output --json` of a stack exporting it);
 * - a Pulumi state export (`pulumi stack export`): the ids of this package's resources (type `...jumpcloud:...`).
 */
export function managedEdgeIdsFrom(value: unknown, file: string): string[] {
  const ids = extract(value);
  if (!ids) {
    throw new JumpCloudError("invalid_input", `${file} holds no managed edge ids.`, {
      hint:
        'Expected a JSON array of grant ids, an object with "managedEdgeIds" (pulumi stack output --json), ' +
        "or a state export (pulumi stack export).",
    });
  }
  const bad = ids.findIndex((id) => typeof id !== "string" || id.length === 0);
  if (bad >= 0) {
    throw new JumpCloudError(
      "invalid_input",
      `${file}: entry ${bad} is not a grant id (${JSON.stringify(ids[bad])}).`,
      {
        hint: "Grant ids look like <groupId>/<userId>, <appId>/user_group/<groupId> or <adminId>/<roleId>.",
      },
    );
  }
  return [...new Set(ids as string[])].sort();
}

interface ExportedResource {
  type?: string;
  id?: string;
  outputs?: { grantIds?: unknown[] };
}

const EDGE_TYPE = /jumpcloud:(UserGroupMembership|ApplicationAssignment|AdminRoleGrant)$/;
/** Set kinds: one resource owns many edges and lists their grant ids in its `grantIds` output. */
const SET_TYPE = /jumpcloud:(UserGroupMembers|ApplicationAssignments|AdminRoles)$/;

function extract(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!value || typeof value !== "object") return undefined;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.managedEdgeIds)) return record.managedEdgeIds;
  const deployment = record.deployment as { resources?: ExportedResource[] } | undefined;
  if (deployment && Array.isArray(deployment.resources)) {
    // Edge resources only: an edge resource's id is its grant id; a set lists its `grantIds`. The AccessGraph
    // resource, RevokedAccess (access that must be absent) and components are not edges.
    return deployment.resources.flatMap((r) => {
      if (typeof r.type !== "string") return [];
      if (SET_TYPE.test(r.type)) return r.outputs?.grantIds ?? [];
      return EDGE_TYPE.test(r.type) && typeof r.id === "string" ? [r.id] : [];
    });
  }
  return undefined;
}
