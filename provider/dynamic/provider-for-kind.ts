import type { Props, ResourceKind } from "../resources/resource-kind";
import { type ConfigSource, configure } from "./process-context";
import { kind } from "./registry";

/** What Pulumi's dynamic-provider host calls: a `dynamic.ResourceProvider` plus `configure`. */
export interface KindProvider extends Required<Omit<ResourceKind, "check" | "diff" | "read">> {
  configure(request: { config: ConfigSource }): Promise<void>;
  check: NonNullable<ResourceKind["check"]>;
  diff: NonNullable<ResourceKind["diff"]>;
  read: NonNullable<ResourceKind["read"]>;
}

/**
 * The provider object of one kind, as the one-line module stored in each resource's state returns it
 * (`require("pulumi-jumpcloud-access/dynamic").provider("<kind>")`). The kind is looked up on each call, so a state
 * written by a newer version names a kind this one lacks only when the engine actually calls it, with the registry's
 * "install that version" error.
 */
export function provider(kindName: string): KindProvider {
  return {
    configure: (request) => configure(request.config),
    check: async (olds: Props, news: Props) => {
      const impl = kind(kindName);
      return impl.check ? impl.check(olds, news) : { inputs: news };
    },
    diff: async (id, olds, news) => {
      const impl = kind(kindName);
      return impl.diff ? impl.diff(id, olds, news) : {};
    },
    create: async (inputs) => kind(kindName).create(inputs),
    read: async (id, props) => {
      const impl = kind(kindName);
      return impl.read ? impl.read(id, props) : { id, props };
    },
    update: async (id, olds, news) => {
      const impl = kind(kindName);
      if (!impl.update) throw new Error(`pulumi-jumpcloud-access: ${kindName} cannot be updated in place.`);
      return impl.update(id, olds, news);
    },
    delete: async (id, props) => {
      const impl = kind(kindName);
      if (!impl.delete) throw new Error(`pulumi-jumpcloud-access: ${kindName} has no delete; the resource was kept.`);
      await impl.delete(id, props);
    },
  };
}
