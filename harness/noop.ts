import * as pulumi from "@pulumi/pulumi";

/**
 * A dynamic resource that calls no API: the toolchain check of the smoke test and the floor of the benchmarks (the
 * engine's own cost per resource). Test tooling, not part of the package: programs import it by its path in the
 * repository. Its provider is as small as the package's shim and serialized the same way, but carries its few lines
 * of behaviour itself, so nothing of it has to ship.
 */
const noopProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    const failures = typeof news.value === "string" ? [] : [{ property: "value", reason: "value must be a string" }];
    return { inputs: news, failures };
  },
  async diff(_id, olds, news) {
    return { changes: olds.value !== news.value };
  },
  async create(inputs) {
    const id = require("node:crypto").createHash("sha256").update(String(inputs.value)).digest("hex").slice(0, 24);
    return { id, outs: { value: inputs.value, length: String(inputs.value).length } };
  },
  async read(id, props) {
    return { id, props };
  },
  async update(_id, _olds, news) {
    return { outs: { value: news.value, length: String(news.value).length } };
  },
  async delete() {},
};

export interface NoopArgs {
  value: pulumi.Input<string>;
}

export class Noop extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;
  declare readonly length: pulumi.Output<number>;

  constructor(name: string, args: NoopArgs, opts?: pulumi.CustomResourceOptions) {
    super(noopProvider, name, { value: args.value, length: undefined }, opts, "jumpcloud", "Noop");
  }
}
