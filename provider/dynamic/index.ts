/**
 * The entry point the serialized shim loads at call time (`require("pulumi-jumpcloud-access/dynamic")`).
 *
 * Pulumi stores the shim's code in every resource's state and runs that stored copy on refresh and delete. The shim
 * therefore holds only a kind name; everything else — validation, the client, the sync cache — is looked up here,
 * in whatever version of this package is installed when the engine runs.
 */
import { JumpCloudError } from "../errors";
import { accessGraph } from "./access-graph";
import { adminRoleGrant } from "./admin-role-grant";
import { applicationAssignment } from "./application-assignment";
import { userGroupMembers } from "./user-group-members";
import { userGroupMembership } from "./user-group-membership";
import type { ConfigSource, ResourceKind } from "./types";

export type { ConfigSource, ResourceKind } from "./types";

/** Every resource kind by the name its shim captures. Renaming a key breaks the stacks that stored it. */
const kinds = new Map<string, ResourceKind>([
  ["user-group-membership", userGroupMembership],
  ["user-group-members", userGroupMembers],
  ["application-assignment", applicationAssignment],
  ["admin-role-grant", adminRoleGrant],
  ["access-graph", accessGraph],
]);

let stackConfig: ConfigSource | undefined;

/** Called by the engine once per provider text per process with the whole stack configuration. */
export async function configure(config: ConfigSource): Promise<void> {
  stackConfig = config;
}

/** The stack configuration from `configure()`, if the engine called it (older engines do not). */
export function currentStackConfig(): ConfigSource | undefined {
  return stackConfig;
}

export function kind(name: string): ResourceKind {
  const found = kinds.get(name);
  if (!found) {
    throw new JumpCloudError("unsupported", `This version of pulumi-jumpcloud-access has no resource kind "${name}".`, {
      hint: "The stack was written by a newer version: install that version (or newer) of the package.",
    });
  }
  return found;
}
