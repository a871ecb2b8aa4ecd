import { z } from "zod";
import { isCalendarDay } from "./calendar-day";

/**
 * The zod mirror of `types.ts`. The TypeScript interfaces are the source of the JSON Schema; this is what the loader
 * enforces, with messages that say what is wrong and how to fix it. A type test keeps the two in step.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// RFC 3339 date-time with a mandatory offset: a bare date or a local time would mean different instants to different
// reviewers, and an expiry must be unambiguous.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const show = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : String(value));

const email = z.string({ error: "must be an email address (a string)." }).regex(EMAIL, {
  error: (issue) =>
    `${show(issue.input)} is not a valid email address. Write the full address, e.g. alice@example.com.`,
});

const name = (what: string) =>
  z
    .string({ error: `must be a ${what} name (a string).` })
    .trim()
    .min(1, { error: `the ${what} name is empty. Write the ${what}'s name or remove the entry.` });

const expires = z
  .string({ error: "must be an ISO 8601 date-time in quotes or plain, e.g. 2026-12-31T18:00:00Z." })
  .superRefine((value, ctx) => {
    const impossible = DATE_TIME.test(value) ? impossibleDateTime(value) : undefined;
    if (impossible !== undefined) {
      const message = `${show(value)} is not a real date and time (${impossible}). Write an existing instant, e.g. 2026-12-31T18:00:00Z.`;
      ctx.addIssue({ code: "custom", message });
    } else if (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
      const message = `${show(value)} is not an ISO 8601 date-time with a time zone. Write e.g. 2026-12-31T18:00:00Z.`;
      ctx.addIssue({ code: "custom", message });
    }
  });

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * Why a date-time that has the right shape names no real instant, if it does not. `Date.parse` rolls an impossible
 * day over ("2026-02-30" becomes March 2), which would silently move an expiry; it is checked field by field.
 */
export function impossibleDateTime(value: string): string | undefined {
  const [, y, mo, d, h, mi, s, offset] =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(value) ?? [];
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s ?? "0"].map(Number) as number[];
  if (year === undefined || month === undefined || day === undefined) return "not a date";
  if (month < 1 || month > 12) return `there is no month ${mo}`;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day < 1 || day > days) return `${MONTHS[month - 1]} ${y} has ${days} days`;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) {
    return `${h}:${mi}${s === undefined ? "" : `:${s}`} is not a time of day`;
  }
  if (offset && offset !== "Z" && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4)) > 59)) {
    return `${offset} is not a time zone offset`;
  }
  return undefined;
}

const annotations = {
  expires: expires.optional(),
  reason: z.string({ error: "must be text." }).optional(),
  ticket: z.string({ error: "must be text." }).optional(),
};

/** A list entry that may be written as a bare scalar or as a mapping keyed by `field`. */
const entry = <S extends z.ZodRawShape>(field: string, what: string, shape: S) =>
  z.preprocess(
    (value) => (typeof value === "string" ? { [field]: value } : value),
    z.strictObject(shape, {
      error: (issue) =>
        issue.code === "invalid_type"
          ? `must be ${what}, or a mapping with "${field}" and optional "expires", "reason", "ticket".`
          : undefined,
    }),
  );

const list = <T extends z.ZodType>(item: T) => z.array(item, { error: "must be a list." });

export const memberEntrySchema = entry("email", "an email address", { email, ...annotations });
export const groupAssignmentEntrySchema = entry("group", "a group name", { group: name("group"), ...annotations });
export const roleEntrySchema = entry("role", "a role name", { role: name("role"), ...annotations });

// One owner or several: a bare email is shorthand for a list of one.
const owner = z.preprocess(
  (value) => (typeof value === "string" ? [value] : value),
  z
    .array(email, { error: "must be an email address or a list of them." })
    .min(1, { error: "the owner list is empty. Name at least one reviewer's email, or remove the key." }),
);

export const groupPolicySchema = z.strictObject(
  {
    owner: owner.optional(),
    exclusive: z.boolean({ error: "must be true or false." }).optional(),
    allowEmpty: z.boolean({ error: "must be true or false." }).optional(),
    members: list(memberEntrySchema).optional(),
  },
  { error: 'must be a mapping with "members" and optional "exclusive", "allowEmpty" and "owner".' },
);

export const applicationPolicySchema = z.strictObject(
  {
    owner: owner.optional(),
    groups: list(groupAssignmentEntrySchema).optional(),
    users: list(memberEntrySchema).optional(),
  },
  { error: 'must be a mapping with "groups" and/or "users", and optional "owner".' },
);

export const adminPolicySchema = z.strictObject(
  {
    roles: list(roleEntrySchema),
    revokeTo: name("role").optional(),
  },
  { error: 'must be a mapping with "roles" and optional "revokeTo".' },
);

/**
 * A mapping keyed by names. Not `z.record`: zod leaves a `__proto__` key out of a record's output without a word
 * (assigning it would replace the prototype), which would drop a group or application of that name. The mapping is
 * checked as a `Map` and turned back into an object whose keys are own properties, whatever they are called.
 */
const section = <T extends z.ZodType>(item: T, what: string) =>
  z
    .preprocess(
      (value) =>
        typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Map)
          ? new Map(Object.entries(value))
          : value,
      z.map(z.string(), item, { error: `must be a mapping of ${what}.` }),
    )
    .transform((map): Record<string, z.output<T>> => Object.fromEntries(map))
    .optional();

// A YAML 1.1 reader turns an unquoted 2026-12-01 into a timestamp (midnight UTC): read back as the day it names.
const reviewedAt = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
  z.string({ error: "must be a date, e.g. 2026-12-01." }).refine(isCalendarDay, {
    error: (issue) => `${show(issue.input)} is not a date. Write the day of the review, e.g. 2026-12-01.`,
  }),
);

const revocationNotes = {
  reason: z.string({ error: "must be text." }).optional(),
  ticket: z.string({ error: "must be text." }).optional(),
  reviewedAt: reviewedAt.optional(),
};

/** Like `entry`, for grants that must be absent: no expiry, and the review's notes instead. */
const revokedEntry = <S extends z.ZodRawShape>(field: string, what: string, shape: S) =>
  z.preprocess(
    (value) => (typeof value === "string" ? { [field]: value } : value),
    z.strictObject(shape, {
      error: (issue) =>
        issue.code === "invalid_type"
          ? `must be ${what}, or a mapping with "${field}" and optional "reason", "ticket", "reviewedAt".`
          : undefined,
    }),
  );

export const revokedMemberSchema = revokedEntry("email", "an email address", { email, ...revocationNotes });
export const revokedGroupAssignmentSchema = revokedEntry("group", "a group name", {
  group: name("group"),
  ...revocationNotes,
});
export const revokedRoleSchema = revokedEntry("role", "a role name", { role: name("role"), ...revocationNotes });

export const revokedGrantsSchema = z.strictObject(
  {
    groups: section(
      z.strictObject({ members: list(revokedMemberSchema) }, { error: 'must be a mapping with "members".' }),
      "group names to the members that must be absent",
    ),
    applications: section(
      z.strictObject(
        { groups: list(revokedGroupAssignmentSchema).optional(), users: list(revokedMemberSchema).optional() },
        { error: 'must be a mapping with "groups" and/or "users".' },
      ),
      "application names to the assignments that must be absent",
    ),
    admins: section(
      z.strictObject({ roles: list(revokedRoleSchema) }, { error: 'must be a mapping with "roles".' }),
      "admin emails to the roles they must not hold",
    ),
  },
  { error: 'must be a mapping with "groups", "applications" and/or "admins".' },
);

export const accessManifestSchema = z.strictObject(
  {
    version: z.literal(1, { error: "must be 1 (the only manifest version so far)." }).optional(),
    groups: section(groupPolicySchema, "group names to their members"),
    applications: section(applicationPolicySchema, "application names to their assignments"),
    admins: section(adminPolicySchema, "admin emails to their roles"),
    revoked: revokedGrantsSchema.optional(),
  },
  { error: 'the manifest must be a mapping with "groups", "applications" and/or "admins".' },
);

export const isEmail = (value: string): boolean => EMAIL.test(value);
