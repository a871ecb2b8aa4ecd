import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object Pulumi serializes into the state of every resource of one kind.
 *
 * It captures one string (the kind) and nothing else: no API key, no configuration, no client, no implementation.
 * Each method loads the installed implementation when the engine calls it, so refresh and delete always run the
 * current code and the state stays small. `require` is resolved by the engine's dynamic-provider process from the
 * program's node_modules. Keep this file free of imports used at run time: anything referenced here would be
 * serialized with it.
 */
export function dynamicProvider(kind: string): pulumi.dynamic.ResourceProvider {
  // One object per kind: Pulumi caches a provider's serialization by object identity, so a program of 10,000
  // resources serializes each kind once instead of once per resource.
  const providers = providerObjects();
  const existing = providers.get(kind);
  if (existing) return existing;
  const created = providerFor(kind);
  providers.set(kind, created);
  return created;
}

/** Kept on globalThis so two copies of this module in one program still share the objects. */
function providerObjects(): Map<string, pulumi.dynamic.ResourceProvider> {
  const holder = globalThis as Record<symbol, unknown>;
  const key = Symbol.for("pulumi-jumpcloud-access.dynamic-providers");
  if (!holder[key]) holder[key] = new Map();
  return holder[key] as Map<string, pulumi.dynamic.ResourceProvider>;
}

/** Only `kind` is captured: the methods reference nothing else from this module. */
function providerFor(kind: string): pulumi.dynamic.ResourceProvider {
  return {
    async configure(request) {
      await require("pulumi-jumpcloud-access/dynamic").configure(request.config);
    },
    async check(olds, news) {
      const impl = require("pulumi-jumpcloud-access/dynamic").kind(kind);
      return impl.check ? impl.check(olds, news) : { inputs: news };
    },
    async diff(id, olds, news) {
      const impl = require("pulumi-jumpcloud-access/dynamic").kind(kind);
      return impl.diff ? impl.diff(id, olds, news) : {};
    },
    async create(inputs) {
      return require("pulumi-jumpcloud-access/dynamic").kind(kind).create(inputs);
    },
    async read(id, props) {
      const impl = require("pulumi-jumpcloud-access/dynamic").kind(kind);
      return impl.read ? impl.read(id, props) : { id, props };
    },
    async update(id, olds, news) {
      const impl = require("pulumi-jumpcloud-access/dynamic").kind(kind);
      if (!impl.update) throw new Error(`pulumi-jumpcloud-access: ${kind} cannot be updated in place.`);
      return impl.update(id, olds, news);
    },
    async delete(id, props) {
      const impl = require("pulumi-jumpcloud-access/dynamic").kind(kind);
      if (!impl.delete) throw new Error(`pulumi-jumpcloud-access: ${kind} has no delete; the resource was kept.`);
      await impl.delete(id, props);
    },
  };
}
