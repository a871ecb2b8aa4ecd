import { z } from "zod";
import { JumpCloudError } from "../errors";
import { JUMPCLOUD_ID } from "../ids";
import type { CheckFailure, Props } from "./resource-kind";

/** What the engine sends in place of a value that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const isUnknown = (value: unknown): boolean =>
  value === UNKNOWN || (Array.isArray(value) && value.some((item) => item === UNKNOWN));

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const objectId = (what: string) =>
  z
    .string({ error: `must be a string (the ${what}'s 24-character JumpCloud id)` })
    .refine((s) => JUMPCLOUD_ID.test(s), {
      error: (issue) => `${JSON.stringify(issue.input)} is not a JumpCloud ${what} id (24 hexadecimal characters)`,
    });

export const text = (what: string) =>
  z
    .string({ error: `must be a string (the ${what})` })
    .refine((s) => s.trim().length > 0, { error: `must not be empty: give the ${what}` })
    .refine((s) => s.trim() === "" || s.trim() === s, {
      error: (issue) => `${JSON.stringify(issue.input)} has leading or trailing spaces`,
    });

export const email = z.string({ error: "must be a string (an email address)" }).refine((s) => EMAIL.test(s), {
  error: (issue) => `${JSON.stringify(issue.input)} is not an email address (expected e.g. alice@example.com)`,
});

/**
 * Accepts the engine's unknown sentinel as is, otherwise validates with `schema` and keeps its messages. Typed as
 * `schema`'s output (the sentinel is a string, and only stands where a string or a list of them is expected).
 */
export function known<T extends z.ZodType>(schema: T) {
  return z.custom<z.output<T>>().superRefine((value, ctx) => {
    if (value === UNKNOWN) return;
    const result = schema.safeParse(value);
    if (result.success) return;
    for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  });
}

export const list = <T extends z.ZodType>(item: T, what: string) =>
  known(z.array(known(item), { error: `must be a list of ${what}` }));

export function exactlyOne(props: Props, keys: string[], ctx: z.RefinementCtx, what: string): void {
  const present = keys.filter((key) => props[key] !== undefined && props[key] !== null);
  if (present.length === 1) return;
  const names = keys.length === 2 ? `${keys[0]} or ${keys[1]}` : `one of ${keys.join(", ")}`;
  const reason =
    present.length === 0 ? "none is set" : present.length === 2 ? "both are set" : `${present.join(", ")} are set`;
  ctx.addIssue({
    code: "custom",
    path: [present[1] ?? keys[0] ?? ""],
    message: `set exactly one of ${names} to name the ${what} (${reason})`,
  });
}

export function noDuplicates(
  values: unknown,
  property: string,
  ctx: z.RefinementCtx,
  fold: (s: string) => string,
): void {
  if (!Array.isArray(values)) return;
  const seen = new Map<string, number>();
  values.forEach((value, index) => {
    if (typeof value !== "string" || value === UNKNOWN) return;
    const first = seen.get(fold(value));
    if (first === undefined) seen.set(fold(value), index);
    else {
      ctx.addIssue({
        code: "custom",
        path: [property, index],
        message: `${JSON.stringify(value)} is listed twice (also at ${property}[${first}]): list each user once`,
      });
    }
  });
}

/** A user group named by id or by name (the kind's schema requires exactly one). */
export const groupFields = {
  groupId: known(objectId("user group")).optional(),
  groupName: known(text("user group name")).optional(),
};

/** A user named by id or by email (the kind's schema requires exactly one). */
export const userFields = {
  userId: known(objectId("user")).optional(),
  userEmail: known(email).optional(),
};

/** Every kind's optional organization (multi-tenant keys); defaults to the configured one. */
export const orgId = known(objectId("organization")).optional();

/** A kind's input schema: an object of optional properties, refined as a whole. */
type InputSchema = z.ZodType & { shape: Record<string, z.ZodType> };

export type Parsed<T> = { ok: true; value: T } | { ok: false; failures: CheckFailure[] };

/**
 * Validates raw inputs with one kind's schema. Only the schema's own keys are kept (the engine adds `__provider`,
 * and `null` means "not set"). Failures name the property, list items with their index: `userEmails[2]`.
 */
export function parseInputs<S extends InputSchema>(schema: S, raw: Props): Parsed<z.output<S>> {
  const picked: Props = {};
  for (const key of Object.keys(schema.shape)) {
    if (raw[key] !== undefined && raw[key] !== null) picked[key] = raw[key];
  }
  const result = schema.safeParse(picked);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    failures: result.error.issues.map((issue) => ({ property: propertyPath(issue.path), reason: issue.message })),
  };
}

function propertyPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Inputs reached create/update/diff without passing `check` (older state, or an engine that skipped it). */
export function inputsOrThrow<T>(parsed: Parsed<T>, what: string): T {
  if (parsed.ok) return parsed.value;
  throw new JumpCloudError("invalid_input", `Invalid ${what}: ${describeFailures(parsed.failures)}`, {
    hint: "Fix the inputs named above in the program.",
  });
}

export function describeFailures(failures: CheckFailure[]): string {
  return failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
}

/** Which of `keys` the program set (the property to blame or replace on). */
export function givenKey(inputs: Props, keys: string[]): string {
  return keys.find((key) => inputs[key] !== undefined) ?? keys[0] ?? "";
}

export const anyUnknown = (inputs: Props): boolean => Object.values(inputs).some(isUnknown);
