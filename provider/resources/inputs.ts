import { z } from "zod";
import type { CheckFailure, Props } from "../dynamic/types";

/** What the engine sends in place of a value that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const isUnknown = (value: unknown): boolean =>
  value === UNKNOWN || (Array.isArray(value) && value.some((item) => item === UNKNOWN));

const HEX24 = /^[0-9a-fA-F]{24}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const objectId = (what: string) =>
  z.string({ error: `must be a string (the ${what}'s 24-character JumpCloud id)` }).refine((s) => HEX24.test(s), {
    error: (issue) => `${JSON.stringify(issue.input)} is not a JumpCloud ${what} id (24 hexadecimal characters)`,
  });

const text = (what: string) =>
  z
    .string({ error: `must be a string (the ${what})` })
    .refine((s) => s.trim().length > 0, { error: `must not be empty: give the ${what}` })
    .refine((s) => s.trim() === "" || s.trim() === s, {
      error: (issue) => `${JSON.stringify(issue.input)} has leading or trailing spaces`,
    });

const email = z.string({ error: "must be a string (an email address)" }).refine((s) => EMAIL.test(s), {
  error: (issue) => `${JSON.stringify(issue.input)} is not an email address (expected e.g. alice@example.com)`,
});

/** Accepts the engine's unknown sentinel as is, otherwise validates with `schema` and keeps its messages. */
function known<T extends z.ZodType>(schema: T) {
  return z.unknown().superRefine((value, ctx) => {
    if (value === UNKNOWN) return;
    const result = schema.safeParse(value);
    if (result.success) return;
    for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  });
}

const list = <T extends z.ZodType>(item: T, what: string) =>
  known(z.array(known(item), { error: `must be a list of ${what}` }));

function exactlyOne(props: Props, keys: string[], ctx: z.RefinementCtx, what: string): void {
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

function noDuplicates(values: unknown, property: string, ctx: z.RefinementCtx, fold: (s: string) => string): void {
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

const orgId = known(objectId("organization")).optional();

export const membershipSchema = z
  .object({
    groupId: known(objectId("user group")).optional(),
    groupName: known(text("user group name")).optional(),
    userId: known(objectId("user")).optional(),
    userEmail: known(email).optional(),
    orgId,
  })
  .superRefine((props, ctx) => {
    exactlyOne(props, ["groupId", "groupName"], ctx, "user group");
    exactlyOne(props, ["userId", "userEmail"], ctx, "user");
  });

export const membersSchema = z
  .object({
    groupId: known(objectId("user group")).optional(),
    groupName: known(text("user group name")).optional(),
    userIds: list(objectId("user"), "user ids").optional(),
    userEmails: list(email, "email addresses").optional(),
    exclusive: known(z.boolean({ error: "must be true or false" })).optional(),
    orgId,
  })
  .superRefine((props, ctx) => {
    exactlyOne(props, ["groupId", "groupName"], ctx, "user group");
    noDuplicates(props.userIds, "userIds", ctx, (s) => s.toLowerCase());
    noDuplicates(props.userEmails, "userEmails", ctx, (s) => s.toLowerCase());
  });

export const assignmentSchema = z
  .object({
    applicationId: known(objectId("application")).optional(),
    applicationName: known(text("application name")).optional(),
    userGroupId: known(objectId("user group")).optional(),
    userGroupName: known(text("user group name")).optional(),
    userId: known(objectId("user")).optional(),
    userEmail: known(email).optional(),
    orgId,
  })
  .superRefine((props, ctx) => {
    exactlyOne(props, ["applicationId", "applicationName"], ctx, "application");
    exactlyOne(props, ["userGroupId", "userGroupName", "userId", "userEmail"], ctx, "user group or user to assign");
  });

export const adminRoleSchema = z
  .object({
    adminId: known(objectId("admin")).optional(),
    adminEmail: known(email).optional(),
    roleId: known(objectId("role")).optional(),
    roleName: known(text("role name")).optional(),
    revokeTo: known(text("role name or id")).optional(),
    orgId,
  })
  .superRefine((props, ctx) => {
    exactlyOne(props, ["adminId", "adminEmail"], ctx, "admin account");
    exactlyOne(props, ["roleId", "roleName"], ctx, "role");
  });

export interface MembershipInputs {
  groupId?: string;
  groupName?: string;
  userId?: string;
  userEmail?: string;
  orgId?: string;
}

export interface MembersInputs {
  groupId?: string;
  groupName?: string;
  userIds?: string[];
  userEmails?: string[];
  exclusive?: boolean;
  orgId?: string;
}

export interface AssignmentInputs {
  applicationId?: string;
  applicationName?: string;
  userGroupId?: string;
  userGroupName?: string;
  userId?: string;
  userEmail?: string;
  orgId?: string;
}

export interface AdminRoleInputs {
  adminId?: string;
  adminEmail?: string;
  roleId?: string;
  roleName?: string;
  revokeTo?: string;
  orgId?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; failures: CheckFailure[] };

/**
 * Validates raw inputs with one kind's schema. Only the schema's own keys are kept (the engine adds `__provider`,
 * and `null` means "not set"). Failures name the property, list items with their index: `userEmails[2]`.
 */
export function parseInputs<T>(schema: z.ZodObject, raw: Props): Parsed<T> {
  const picked: Props = {};
  for (const key of Object.keys(shapeOf(schema))) {
    if (raw[key] !== undefined && raw[key] !== null) picked[key] = raw[key];
  }
  const result = schema.safeParse(picked);
  if (result.success) return { ok: true, value: picked as T };
  return {
    ok: false,
    failures: result.error.issues.map((issue) => ({ property: propertyPath(issue.path), reason: issue.message })),
  };
}

function shapeOf(schema: z.ZodObject): Props {
  return schema.shape;
}

function propertyPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
