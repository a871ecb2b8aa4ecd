import { z } from "zod";
import { impossibleDateTime } from "../manifest/manifest-schema";
import { isJumpCloudId } from "../ids";
import { email, isUnknown, known } from "./inputs";

/** An ISO 8601 instant with a time zone that exists (no 2026-02-30), like `expires` in access.yaml. */
const expiresAt = z
  .string({ error: "must be an ISO 8601 date-time with a time zone, e.g. 2026-12-31T18:00:00Z" })
  .superRefine((value, ctx) => {
    const why = impossibleDateTime(value);
    if (why === undefined) return;
    const detail =
      why === "not a date" ? "not an ISO 8601 date-time with a time zone" : `not a real date and time (${why})`;
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(value)} is ${detail}: write e.g. 2026-12-31T18:00:00Z` });
  });

/**
 * What one entry of a keyed set carries (a member of a group, a group or user of an application, a role of an
 * admin): why it is held, the approving ticket, and when it ends. Sets are keyed by the natural key (email, group
 * name, role name) so `pulumi preview --diff` names each entry added or removed instead of re-indexing a list.
 */
export const grantEntry = z.strictObject(
  {
    reason: known(z.string({ error: "must be text" })).optional(),
    ticket: known(z.string({ error: "must be text" })).optional(),
    expires: known(expiresAt).optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `has ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}: an entry holds only reason, ticket and expires`
        : "must be an object with optional reason, ticket and expires (or {})",
  },
);
export type GrantEntry = z.output<typeof grantEntry>;

/** A map from natural key to entry; `what` names the keys in the error ("email", "role name"). */
export const grantEntries = (what: string) =>
  known(
    z.record(z.string(), known(grantEntry), {
      error: `must be a map from ${what} to {reason?, ticket?, expires?}`,
    }),
  );

/** True while the entry grants access: it has no `expires`, or it ends after `instant` (epoch ms). */
export function inForce(entry: GrantEntry, instant: number): boolean {
  if (typeof entry.expires !== "string" || isUnknown(entry.expires)) return true;
  return Date.parse(entry.expires) > instant;
}

/** Reports, at `<name>.<key>`, every key of a keyed set that `problem` finds wrong (it says why). */
export function checkKeys(
  map: unknown,
  name: string,
  ctx: z.RefinementCtx,
  problem: (key: string) => string | undefined,
): void {
  if (typeof map !== "object" || map === null) return;
  for (const key of Object.keys(map)) {
    const reason = problem(key);
    if (reason)
      ctx.addIssue({ code: "custom", path: [name, key], message: `the key ${JSON.stringify(key)} ${reason}` });
  }
}

/** Why a key of a set of users is wrong: users are keyed by email, or by id. */
export const userKeyProblem = (key: string): string | undefined =>
  isJumpCloudId(key) || email.safeParse(key).success
    ? undefined
    : "is not an email address (e.g. alice@example.com) or a JumpCloud user id (24 hexadecimal characters)";
