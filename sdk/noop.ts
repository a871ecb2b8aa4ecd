import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "./shim";

export interface NoopArgs {
  value: pulumi.Input<string>;
}

/**
 * A resource that calls no API. It checks the toolchain end to end and gives benchmarks the engine's own cost per
 * resource. Not part of the access model.
 */
export class Noop extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;
  declare readonly length: pulumi.Output<number>;

  constructor(name: string, args: NoopArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicProvider("noop"), name, { value: args.value, length: undefined }, opts, "jumpcloud", "Noop");
  }
}
