import * as pulumi from "@pulumi/pulumi";

/**
 * The provider module Pulumi stores in the state of every resource of one kind (the `__provider` property), and runs
 * on every call, refresh and delete included. One line naming the kind: the implementation is loaded from the
 * installed package when the engine calls it, so refresh and delete always run the current code, and no API key,
 * configuration or client is ever stored.
 *
 * Written here rather than by Pulumi's closure serializer, which makes ~3.4 KB of this per kind. The state holds it
 * twice per resource (inputs and outputs) and the file backend rewrites the whole state after every step, so at a
 * few hundred resources that text was most of the state and most of the time a first `pulumi up` spent saving it.
 * `require` is resolved by the engine's dynamic-provider process from the program's node_modules.
 */
export function providerModule(kind: string): string {
  return `exports.handler = function () { return require("pulumi-jumpcloud-access/dynamic").provider(${JSON.stringify(kind)}); };\n`;
}

/**
 * A resource of one of this package's kinds: a Pulumi dynamic resource (type `pulumi-nodejs:dynamic/jumpcloud:<Type>`,
 * served by the engine's dynamic-provider plugin) whose provider is `providerModule(kind)`.
 */
export abstract class KindResource extends pulumi.CustomResource {
  protected constructor(
    kind: string,
    type: string,
    name: string,
    props: pulumi.Inputs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(`pulumi-nodejs:dynamic/jumpcloud:${type}`, name, { ...props, __provider: providerModule(kind) }, opts);
  }
}
