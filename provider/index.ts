/** The JumpCloud side of pulumi-jumpcloud-access: client, sync, access graph. Never imports Pulumi. */
export * from "./errors";
export * from "./sync/graph";
export { packageVersion } from "./version";
