import type { AccessGraph, ApplicationTargetType } from "../sync/graph";

/**
 * The JumpCloud operations the resources need, for one organization. The real implementation wraps the client
 * (`client-access-api.ts`); keeping the resources on this narrow interface keeps them independent of the client's
 * raw types.
 */
export interface AccessApi {
  /** A full, complete sync of the organization; throws rather than return a partial graph. */
  sync(): Promise<AccessGraph>;
  /**
   * The id of the organization this API acts on: the configured one, or the only one the key reaches; undefined
   * when the key reaches several and none is configured.
   */
  organizationId(): Promise<string | undefined>;
  groupExists(groupId: string): Promise<boolean>;
  applicationExists(applicationId: string): Promise<boolean>;
  /**
   * The admin's current role ids, read fresh the way the sync reads them; throws `not_found` when the admin account
   * is gone, and refuses (throws) when the record does not say which roles the admin holds.
   */
  adminRoleIds(adminId: string): Promise<string[]>;
  /** Replaces the admin's roles; returns the role ids JumpCloud reports afterwards (read the same way). */
  setAdminRoles(adminId: string, roleIds: string[]): Promise<string[]>;
  listGroupMembers(groupId: string): Promise<string[]>;
  listApplicationAssociations(applicationId: string, targetType: ApplicationTargetType): Promise<string[]>;
  addGroupMember(groupId: string, userId: string): Promise<"added" | "already_present">;
  removeGroupMember(groupId: string, userId: string): Promise<"removed" | "absent">;
  assignApplication(
    applicationId: string,
    targetType: ApplicationTargetType,
    targetId: string,
  ): Promise<"added" | "already_present">;
  unassignApplication(
    applicationId: string,
    targetType: ApplicationTargetType,
    targetId: string,
  ): Promise<"removed" | "absent">;
}
