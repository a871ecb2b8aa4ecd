/** The JumpCloud side of pulumi-jumpcloud-access: client, sync, access graph. Never imports Pulumi. */
export * from "./errors";
export * from "./sync/graph";
export { packageVersion } from "./version";
export { JumpCloudClient, type ApplicationTarget } from "./client/jumpcloud-client";
export type { ClientOptions } from "./client/client-options";
export type { Clock } from "./client/clock";
export type {
  JumpCloudAdmin,
  JumpCloudApplication,
  JumpCloudOrganization,
  JumpCloudRole,
  JumpCloudSystemUser,
  JumpCloudUserGroup,
} from "./client/schemas";
export {
  type ConnectionSettings,
  DEFAULT_TUNING,
  ENVIRONMENT_VARIABLES,
  REGION_URLS,
  resolveApiUrl,
  resolveClientOptions,
} from "./config";
export { fullSync, type FullSyncOptions } from "./sync/full-sync";
export { graphJsonChunks, graphToJson } from "./sync/graph-json";
