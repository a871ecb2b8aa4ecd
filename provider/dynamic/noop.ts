import { createHash } from "node:crypto";
import type { Props, ResourceKind } from "./types";

/**
 * A resource that talks to nothing. It exists to prove the toolchain end to end (the smoke test) and to measure the
 * Pulumi engine's own cost per resource (the floor the benchmarks compare our resources with). It goes through the
 * same shim, the same call-time loading and the same registry as every JumpCloud resource.
 */
export const noop: ResourceKind = {
  async check(_olds: Props, news: Props) {
    const failures = typeof news.value === "string" ? [] : [{ property: "value", reason: "value must be a string" }];
    return { inputs: news, failures };
  },
  async diff(_id: string, olds: Props, news: Props) {
    return { changes: olds.value !== news.value };
  },
  async create(inputs: Props) {
    const id = createHash("sha256").update(String(inputs.value)).digest("hex").slice(0, 24);
    return { id, outs: { value: inputs.value, length: String(inputs.value).length } };
  },
  async read(id: string, props: Props) {
    return { id, props };
  },
  async update(_id: string, _olds: Props, news: Props) {
    return { outs: { value: news.value, length: String(news.value).length } };
  },
  async delete() {},
};
