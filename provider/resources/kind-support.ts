import { JumpCloudError } from "../errors";
import type { CheckFailure, DiffResult, Props } from "../dynamic/types";
import type { Group } from "../sync/graph";
import { isUnknown, type Parsed } from "./inputs";
import type { Resolved } from "./resolve";

/** Small pieces every resource kind uses: turning failures into errors, the diff shape, dynamic groups. */

/** Inputs reached create/update/diff without passing `check` (older state, or an engine that skipped it). */
export function inputsOrThrow<T>(parsed: Parsed<T>, what: string): T {
  if (parsed.ok) return parsed.value;
  throw new JumpCloudError("invalid_input", `Invalid ${what}: ${describeFailures(parsed.failures)}`, {
    hint: "Fix the inputs named above in the program.",
  });
}

export function must<T>(resolved: Resolved<T>): T {
  if (resolved.ok) return resolved.value;
  throw new JumpCloudError("invalid_input", `${resolved.failure.property}: ${resolved.failure.reason}`);
}

export function describeFailures(failures: CheckFailure[]): string {
  return failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
}

export const isDynamicGroup = (group: Group): boolean => group.membershipMethod.startsWith("DYNAMIC");

export function dynamicGroupReason(group: Group): string {
  return `user group "${group.name}" (${group.id}) is a dynamic group (${group.membershipMethod}): JumpCloud binds its members by rule and rejects or reverts manual changes. Change the group's rule in JumpCloud, or manage the members of a static group instead.`;
}

/** A diff that replaces on the named properties; deleting first keeps a replace from removing the grant it made. */
export function replaceOn(properties: string[]): DiffResult {
  if (properties.length === 0) return { changes: false };
  return { changes: true, replaces: [...new Set(properties)], deleteBeforeReplace: true };
}

/** Which of `keys` the program set (the property to blame or replace on). */
export function givenKey(inputs: Props, keys: string[]): string {
  return keys.find((key) => inputs[key] !== undefined) ?? keys[0] ?? "";
}

export const anyUnknown = (inputs: Props): boolean => Object.values(inputs).some(isUnknown);

export const sameOrg = (a: unknown, b: unknown): boolean =>
  String(a ?? "").toLowerCase() === String(b ?? "").toLowerCase();

/** Splits a composite resource id (`<groupId>/<userId>`), refusing anything that is not the expected shape. */
export function splitId(id: string, parts: number, shape: string): string[] {
  const split = id.split("/");
  if (split.length !== parts || split.some((p) => !/^[0-9a-f]{24}$|^user$|^user_group$/i.test(p))) {
    throw new JumpCloudError("invalid_input", `The resource id "${id}" is not of the form ${shape}.`, {
      hint: "The state was edited by hand or written by another tool: restore it, or remove the resource from the stack.",
    });
  }
  return split;
}

export const withOrg = (outs: Props, orgId: string | undefined): Props =>
  orgId === undefined ? outs : { ...outs, orgId: orgId.toLowerCase() };

export const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
