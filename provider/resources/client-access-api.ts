import type { JumpCloudClient } from "../client/jumpcloud-client";
import type { JumpCloudOrganization } from "../client/schemas";
import { JumpCloudError } from "../errors";
import { adminRoleIdsOrThrow } from "../sync/admin-roles";
import { indexRoles, type RoleIndex, toRole } from "../sync/converters";
import { fullSync } from "../sync/full-sync";
import type { AccessApi } from "./access-api";

/** The resources' view of one organization, over the JumpCloud client and the full sync. */
export function clientAccessApi(client: JumpCloudClient): AccessApi {
  // The role catalogue resolves admin records that name roles without ids: the last sync's, else read once.
  let catalogue: Promise<RoleIndex> | undefined;
  const roles = () => {
    catalogue ??= client.listRoles().then((raw) => indexRoles(raw.map(toRole)));
    return catalogue;
  };
  // The organizations read to key the sync, handed to that sync once so it does not read them again.
  let unusedOrganizations: Promise<JumpCloudOrganization[]> | undefined;
  return {
    async sync() {
      const reuse = unusedOrganizations;
      unusedOrganizations = undefined;
      const graph = await fullSync(client, reuse ? { organizations: () => reuse } : {});
      catalogue = Promise.resolve(indexRoles(graph.roles));
      return graph;
    },
    organizationId: async () => {
      if (client.orgId) return client.orgId;
      const read = client.listOrganizations();
      unusedOrganizations = read;
      const reached = await read;
      return reached.length === 1 ? reached[0]?._id : undefined;
    },
    groupExists: (id) => exists(client.getGroup(id)),
    applicationExists: (id) => exists(client.getApplication(id)),
    adminRoleIds: async (id) =>
      adminRoleIdsOrThrow(await client.getAdmin(id), await roles(), "Refused to change any role"),
    setAdminRoles: async (id, roleIds) =>
      adminRoleIdsOrThrow(await client.setAdminRoles(id, roleIds), await roles(), "Could not confirm the role change"),
    listGroupMembers: (groupId) => client.listGroupMembers(groupId),
    listApplicationAssociations: (appId, targetType) => client.listApplicationAssociations(appId, targetType),
    addGroupMember: (groupId, userId) => client.addGroupMember(groupId, userId),
    removeGroupMember: (groupId, userId) => client.removeGroupMember(groupId, userId),
    assignApplication: (appId, targetType, targetId) => client.assignApplication(appId, targetType, targetId),
    unassignApplication: (appId, targetType, targetId) => client.unassignApplication(appId, targetType, targetId),
  };
}

/** Only a 404 means "gone"; any other failure is not evidence of absence and is raised. */
async function exists(lookup: Promise<unknown>): Promise<boolean> {
  try {
    await lookup;
    return true;
  } catch (error) {
    if (error instanceof JumpCloudError && error.code === "not_found") return false;
    throw error;
  }
}
