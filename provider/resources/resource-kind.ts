/**
 * What a resource kind is: structural copies of the few Pulumi dynamic-provider types the behaviours need.
 * `provider/` never imports `@pulumi/pulumi`: the SDK's shim passes Pulumi's objects in, and these shapes are all we
 * rely on.
 */

export interface CheckFailure {
  property: string;
  reason: string;
}

// biome-ignore lint/suspicious/noExplicitAny: Pulumi passes untyped property bags; each kind validates them with zod.
export type Props = Record<string, any>;

export interface CheckResult {
  inputs?: Props;
  failures?: CheckFailure[];
}

export interface DiffResult {
  changes?: boolean;
  replaces?: string[];
  stables?: string[];
  deleteBeforeReplace?: boolean;
}

export interface CreateResult {
  id: string;
  outs?: Props;
}

export interface ReadResult {
  id?: string;
  props?: Props;
}

export interface UpdateResult {
  outs?: Props;
}

/** What one resource kind implements; the same methods as Pulumi's `dynamic.ResourceProvider`. */
export interface ResourceKind {
  check?(olds: Props, news: Props): Promise<CheckResult>;
  diff?(id: string, olds: Props, news: Props): Promise<DiffResult>;
  create(inputs: Props): Promise<CreateResult>;
  read?(id: string, props: Props): Promise<ReadResult>;
  update?(id: string, olds: Props, news: Props): Promise<UpdateResult>;
  delete?(id: string, props: Props): Promise<void>;
}
