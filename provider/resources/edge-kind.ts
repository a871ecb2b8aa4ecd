import { JumpCloudError } from "../errors";
import { JUMPCLOUD_ID } from "../ids";
import type { ResourceContext } from "./context";
import { type ConfirmingListing, confirmVisible } from "./confirm-write";
import { keptNotice } from "./declared-edges";
import { anyUnknown, givenKey, inputsOrThrow, isUnknown, type Parsed } from "./inputs";
import type { OrgIndex } from "./org-index";
import type { Resolved } from "./resolve";
import type {
  CheckFailure,
  CheckResult,
  CreateResult,
  DiffResult,
  Props,
  ReadResult,
  ResourceKind,
  UpdateResult,
} from "./resource-kind";

/**
 * The skeleton every access-edge kind shares: check (validate, resolve, collect every failure), diff (a new
 * organization or a new end of the edge replaces, delete first), adopt-or-add with a wait until JumpCloud shows the
 * edge, and remove-unless-declared with a check that the parent still exists. A kind states only what differs:
 * how its ends resolve, how its edge is written, and what its outputs are.
 */

/** What a kind resolves from its inputs: one `Resolved` per end of the edge (user group and user, ...). */
export type Resolutions = Record<string, Resolved<unknown>>;
/** The resolved objects, once every end resolved. */
export type Ends<R extends Resolutions> = { [K in keyof R]: R[K] extends Resolved<infer T> ? T : never };

export interface EdgeSpec<I extends Props, R extends Resolutions> {
  /** The class name, for messages ("UserGroupMembership inputs"). */
  name: string;
  parse(props: Props): Parsed<I>;
  /** The input keys naming each end of the edge, one group per end; a new end replaces the resource. */
  ends: readonly (readonly string[])[];
  /** Resolves every end against the synced organization (pure: no request). */
  resolve(index: OrgIndex, inputs: I): R;
  /** The grant id (the access graph's id of the edge). */
  grantId(ends: Ends<R>): string;
  /** Per end, in the order of `ends`: true when it resolves to another object than the one in the state. */
  moved(ends: Ends<R>, olds: Props): boolean[];
  /** Failures beyond the ends' own (a dynamic group, a style conflict), and whatever check must record. */
  checkMore?(ctx: ResourceContext, inputs: I, resolved: R, index: OrgIndex): CheckFailure[];
  /** A change that updates in place, asked only when no end moved. */
  changedInPlace?(ends: Ends<R>, olds: Props, inputs: I, index: OrgIndex): boolean;
  /** Throws when the resolved edge must not be written (a dynamic group), before it is declared. */
  refuseWrite?(ends: Ends<R>): void;
}

/** What a kind writes and reads; parsing, resolving and declaring the edge are done before `create` and `update`. */
export interface EdgeMethods<I extends Props, R extends Resolutions> {
  create(ctx: ResourceContext, inputs: I, resolved: { index: OrgIndex; ends: Ends<R> }): Promise<CreateResult>;
  update?(
    ctx: ResourceContext,
    inputs: I,
    resolved: { index: OrgIndex; ends: Ends<R> },
    olds: Props,
  ): Promise<UpdateResult>;
  read(ctx: ResourceContext, id: string, props: Props): Promise<ReadResult>;
  /** Removes the edge; called only when no other resource of this update declares it. */
  remove(ctx: ResourceContext, id: string, props: Props): Promise<void>;
  /** The edge a delete would remove: its grant id and how notices name it. */
  deleting(id: string, props: Props): { grantId: string; what: string };
}

/** A resource kind from the shared skeleton and the kind's own writes and reads. */
export function edgeKind<I extends Props, R extends Resolutions>(
  spec: EdgeSpec<I, R>,
  context: () => ResourceContext,
  methods: EdgeMethods<I, R>,
): ResourceKind {
  const parsed = (props: Props) => inputsOrThrow(spec.parse(props), `${spec.name} inputs`);
  const kind: ResourceKind = {
    check: (_olds, news) => checkEdge(spec, context, news),
    diff: (_id, olds, news) => diffEdge(spec, context, olds, news),
    async create(props) {
      const inputs = parsed(props);
      const ctx = context();
      return methods.create(ctx, inputs, await resolveEdge(spec, ctx, inputs, spec.refuseWrite));
    },
    read: (id, props) => methods.read(context(), id, props),
    async delete(id, props) {
      const ctx = context();
      const { grantId, what } = methods.deleting(id, props);
      if (await keptAsDeclared(ctx, props.orgId, grantId, what)) return;
      await methods.remove(ctx, id, props);
    },
  };
  const update = methods.update;
  if (update) {
    kind.update = async (_id, olds, news) => {
      const inputs = parsed(news);
      const ctx = context();
      return update(ctx, inputs, await resolveEdge(spec, ctx, inputs), olds);
    };
  }
  return kind;
}

export async function checkEdge<I extends Props, R extends Resolutions>(
  spec: EdgeSpec<I, R>,
  ctx: () => ResourceContext,
  news: Props,
): Promise<CheckResult> {
  const parsed = spec.parse(news);
  if (!parsed.ok) return { inputs: news, failures: parsed.failures };
  const inputs = parsed.value;
  if (anyUnknown(inputs)) return { inputs };
  const context = ctx();
  const index = await context.graph(inputs.orgId);
  const resolved = spec.resolve(index, inputs);
  const failures = [...failuresOf(resolved), ...(spec.checkMore?.(context, inputs, resolved, index) ?? [])];
  if (failuresOf(resolved).length === 0) {
    const conflict = context.edgeClaims.claimPresent(index.org, spec.grantId(mustAll(resolved)), spec.name);
    if (conflict) failures.push({ property: givenKey(inputs, [...(spec.ends[0] ?? [])]), reason: conflict });
  }
  return { inputs, failures };
}

export async function diffEdge<I extends Props, R extends Resolutions>(
  spec: EdgeSpec<I, R>,
  ctx: () => ResourceContext,
  olds: Props,
  news: Props,
): Promise<DiffResult> {
  const inputs = inputsOrThrow(spec.parse(news), `${spec.name} inputs`);
  if (!(await sameOrg(ctx(), olds.orgId, inputs.orgId))) return replaceOn(["orgId"]);
  const endKeys = spec.ends.map((keys) => givenKey(inputs, [...keys]));
  if (anyUnknown(inputs)) {
    const unknownEnds = endKeys.filter((_, i) => spec.ends[i]?.some((key) => isUnknown(inputs[key])));
    return unknownEnds.length ? replaceOn(unknownEnds) : { changes: true };
  }
  const { index, ends } = await resolveEdge(spec, ctx(), inputs);
  const moved = spec.moved(ends, olds);
  const replaces = endKeys.filter((_, i) => moved[i]);
  if (replaces.length) return replaceOn(replaces);
  return { changes: spec.changedInPlace?.(ends, olds, inputs, index) ?? false };
}

/**
 * Resolves every end (throwing the first failure: inputs that reach here skipped or outlived `check`) and records
 * the edge as declared by this run, so a delete of another resource leaves it in place.
 */
export async function resolveEdge<I extends Props, R extends Resolutions>(
  spec: EdgeSpec<I, R>,
  ctx: ResourceContext,
  inputs: I,
  beforeDeclaring?: (ends: Ends<R>) => void,
): Promise<{ index: OrgIndex; ends: Ends<R> }> {
  const index = await ctx.graph(inputs.orgId);
  const ends = mustAll(spec.resolve(index, inputs));
  beforeDeclaring?.(ends);
  ctx.declared.record(index.org, [spec.grantId(ends)]);
  return { index, ends };
}

/** The listing of an edge's parent (a group's members, an application's associations) and the child's id in it. */
export type ParentListing = ConfirmingListing;

/**
 * Adopts an edge the synced graph already shows, or writes it, waits until a listing of the parent shows it, and
 * patches the graph. Returns whether it was adopted (already there). An edge JumpCloud does not show within the
 * bounded wait fails the create, whatever the write's answer (a 409 after a retried write included).
 */
export async function adoptOrAdd(
  ctx: ResourceContext,
  parent: ParentListing,
  edge: { present: boolean; what: string; add(): Promise<"added" | "already_present">; patchGraph(): void },
): Promise<boolean> {
  if (edge.present) return true;
  const outcome = await edge.add();
  await confirmVisible(ctx, parent, true, edge.what);
  edge.patchGraph();
  return outcome === "already_present";
}

/**
 * Removes an edge, waits until a listing of the parent no longer shows it, and patches the graph. "Already absent"
 * counts only if the parent still exists (otherwise the organization or the key is wrong, and `gone` says so) and a
 * listing confirms it: it is also the answer to a retried removal. A removal JumpCloud still shows after the
 * bounded wait fails the delete, so the resource stays in the stack and the next run retries.
 */
export async function removeEdge(
  ctx: ResourceContext,
  parent: ParentListing,
  edge: {
    what: string;
    remove(): Promise<"removed" | "absent">;
    patchGraph(): void;
    parentExists(): Promise<boolean>;
    gone(): JumpCloudError;
  },
): Promise<void> {
  const outcome = await edge.remove();
  if (outcome === "absent" && !(await edge.parentExists())) throw edge.gone();
  await confirmVisible(ctx, parent, false, edge.what);
  edge.patchGraph();
}

/** True (with a notice) when another resource of this update declares the edge a delete would remove. */
export async function keptAsDeclared(
  ctx: ResourceContext,
  orgId: string | undefined,
  grantId: string,
  what: string,
): Promise<boolean> {
  if (!ctx.declared.declares(await ctx.org(orgId), grantId)) return false;
  ctx.notify(keptNotice(what));
  return true;
}

/**
 * The error when a removal cannot be confirmed because the edge's parent (group, application, admin account) is
 * gone: its edges went with it, or the configuration points at another organization.
 */
export function parentGone(message: string, gone: string, edges: string, cause?: unknown): JumpCloudError {
  return new JumpCloudError("not_found", message, {
    hint:
      `If ${gone}, its ${edges} went with it: remove this resource from the stack with \`pulumi state delete <urn>\`. ` +
      "If the key or orgId points at another organization, fix the configuration and run again.",
    ...(cause === undefined ? {} : { cause }),
  });
}

export function must<T>(resolved: Resolved<T>): T {
  if (resolved.ok) return resolved.value;
  throw new JumpCloudError("invalid_input", `${resolved.failure.property}: ${resolved.failure.reason}`);
}

/** Every end's value, or the first end's failure as an error. */
export function mustAll<R extends Resolutions>(resolved: R): Ends<R> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resolved)) out[key] = must(value);
  // Sound by construction: the same keys, each `Resolved<T>` replaced by its `T` (TypeScript cannot follow the loop).
  return out as Ends<R>;
}

export const failuresOf = (resolved: Resolutions): CheckFailure[] =>
  Object.values(resolved).flatMap((r) => (r.ok ? [] : [r.failure]));

/** A diff that replaces on the named properties; deleting first keeps a replace from removing the grant it made. */
export function replaceOn(properties: string[]): DiffResult {
  if (properties.length === 0) return { changes: false };
  return { changes: true, replaces: [...new Set(properties)], deleteBeforeReplace: true };
}

/**
 * Whether two `orgId`s (the state's and the program's) name one organization: no `orgId` and the default
 * organization's id are the same one, so adding or dropping it is no change.
 */
export async function sameOrg(ctx: ResourceContext, a: unknown, b: unknown): Promise<boolean> {
  const key = (orgId: unknown) => ctx.org(typeof orgId === "string" && orgId !== "" ? orgId : undefined);
  return (await key(a)) === (await key(b));
}

/** Splits a composite resource id (`<groupId>/<userId>`), refusing anything that is not the expected shape. */
export function splitId(id: string, parts: number, shape: string): string[] {
  const split = id.split("/");
  if (split.length !== parts || split.some((p) => !JUMPCLOUD_ID.test(p) && !/^user$|^user_group$/i.test(p))) {
    throw new JumpCloudError("invalid_input", `The resource id "${id}" is not of the form ${shape}.`, {
      hint: "The state was edited by hand or written by another tool: restore it, or remove the resource from the stack.",
    });
  }
  return split;
}

export const withOrg = (outs: Props, orgId: string | undefined): Props =>
  orgId === undefined ? outs : { ...outs, orgId: orgId.toLowerCase() };

export const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
