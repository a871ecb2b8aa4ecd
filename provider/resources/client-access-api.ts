import type { JumpCloudClient } from "../client/jumpcloud-client";
import type { JumpCloudAdmin } from "../client/schemas";
import { JumpCloudError } from "../errors";
import { fullSync } from "../sync/full-sync";
import type { AccessApi } from "./access-api";

/** The resources' view of one organization, over the JumpCloud client and the full sync. */
export function clientAccessApi(client: JumpCloudClient): AccessApi {
  return {
    sync: () => fullSync(client),
    organizationId: async () => {
      if (client.orgId) return client.orgId;
      const reached = await client.listOrganizations();
      return reached.length === 1 ? reached[0]?._id : undefined;
    },
    groupExists: (id) => exists(client.getGroup(id)),
    applicationExists: (id) => exists(client.getApplication(id)),
    adminRoleIds: async (id) => roleIdsOf(await client.getAdmin(id)),
    setAdminRoles: async (id, roleIds) => roleIdsOf(await client.setAdminRoles(id, roleIds)),
    listGroupMembers: (groupId) => client.listGroupMembers(groupId),
    listApplicationAssociations: (appId, targetType) => client.listApplicationAssociations(appId, targetType),
    addGroupMember: (groupId, userId) => client.addGroupMember(groupId, userId),
    removeGroupMember: (groupId, userId) => client.removeGroupMember(groupId, userId),
    assignApplication: (appId, targetType, targetId) => client.assignApplication(appId, targetType, targetId),
    unassignApplication: (appId, targetType, targetId) => client.unassignApplication(appId, targetType, targetId),
  };
}

/** A multi-role admin lists its roles in `roles`; a single-role admin may carry only `role`. */
export function roleIdsOf(admin: JumpCloudAdmin): string[] {
  if (admin.roles?.length) return [...admin.roles];
  return admin.role ? [admin.role] : [];
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
