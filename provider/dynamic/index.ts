/**
 * The entry point the serialized shim loads at call time (`require("pulumi-jumpcloud-access/dynamic")`).
 *
 * Pulumi stores the shim's code in every resource's state and runs that stored copy on refresh and delete. The shim
 * therefore holds only a kind name; everything else — validation, the client, the sync cache — is looked up here,
 * in whatever version of this package is installed when the engine runs. This folder is the only place that wires
 * the kinds to the process: the registry binds every kind to the context built from the stack configuration.
 */
export { configure, currentStackConfig, type ConfigSource } from "./process-context";
export { kind, kindNames } from "./registry";
export type { ResourceKind } from "../resources/resource-kind";
