/**
 * The entry point the provider module stored in each resource's state loads at call time
 * (`require("pulumi-jumpcloud-access/dynamic").provider("<kind>")`; states written by earlier releases hold a
 * serialized shim that calls `kind()` and `configure()` here instead, and keep working).
 *
 * Pulumi runs that stored copy on refresh and delete. It therefore holds only a kind name; everything else — validation, the client, the sync cache — is looked up here,
 * in whatever version of this package is installed when the engine runs. This folder is the only place that wires
 * the kinds to the process: the registry binds every kind to the context built from the stack configuration.
 */
export { configure, currentStackConfig, type ConfigSource } from "./process-context";
export { kind, kindNames } from "./registry";
export { type KindProvider, provider } from "./provider-for-kind";
export type { ResourceKind } from "../resources/resource-kind";
