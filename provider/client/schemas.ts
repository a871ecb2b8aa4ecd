/**
 * The raw JumpCloud shapes this package reads, as zod schemas. Only the fields we use are declared (zod drops the
 * rest, which also keeps a 50,000-user sync small in memory); a declared field with the wrong type is an error that
 * names the field, never a silently wrong graph.
 */
import { z } from "zod";

/** Ids go into URL paths and composite grant ids (`<groupId>/<userId>`), so a slash or a space is refused. */
const id = z.string().regex(/^[^/\s?#]+$/, "expected an object id");
const optionalText = z.string().nullish();

/** `GET /api/systemusers` (v1). `state` is STAGED, ACTIVATED or SUSPENDED; `account_locked` is separate from it. */
export const jumpCloudSystemUser = z.object({
  _id: id,
  username: z.string(),
  email: z.string(),
  firstname: optionalText,
  lastname: optionalText,
  displayname: optionalText,
  state: z.enum(["STAGED", "ACTIVATED", "SUSPENDED"]).nullish(),
  suspended: z.boolean().nullish(),
  account_locked: z.boolean().nullish(),
});
export type JumpCloudSystemUser = z.infer<typeof jumpCloudSystemUser>;

/**
 * `GET /api/users` (v1, undocumented in the spec; JumpCloud's own PowerShell module uses it): administrator accounts.
 * A single-role admin has `role`/`roleName`; a multi-role admin has `roleName: "Multi Role"` and the real roles in
 * `roles`/`roleNames`. No profile attributes exist here.
 */
export const jumpCloudAdmin = z.object({
  _id: id,
  email: z.string(),
  firstname: optionalText,
  lastname: optionalText,
  role: optionalText,
  roleName: optionalText,
  roles: z.array(id).nullish(),
  roleNames: z.array(z.string()).nullish(),
  suspended: z.boolean().nullish(),
});
export type JumpCloudAdmin = z.infer<typeof jumpCloudAdmin>;

/** `GET /api/v2/roles`: one of the two v2 lists answered with a v1-style envelope. */
export const jumpCloudRole = z.object({ id, name: z.string(), isCustom: z.boolean().nullish() });
export type JumpCloudRole = z.infer<typeof jumpCloudRole>;

export const jumpCloudMembershipMethod = z.enum(["NOTSET", "STATIC", "DYNAMIC_REVIEW_REQUIRED", "DYNAMIC_AUTOMATED"]);

/** `GET /api/v2/usergroups` (bare array, total in `x-total-count`). A missing `membershipMethod` means NOTSET. */
export const jumpCloudUserGroup = z.object({
  id,
  name: z.string(),
  description: optionalText,
  membershipMethod: jumpCloudMembershipMethod.nullish(),
});
export type JumpCloudUserGroup = z.infer<typeof jumpCloudUserGroup>;

/** `GET /api/applications` (v1). The portal label is `displayLabel`, with `displayName` as the older field. */
export const jumpCloudApplication = z.object({
  _id: id,
  name: z.string(),
  displayName: optionalText,
  displayLabel: optionalText,
  active: z.boolean().nullish(),
});
export type JumpCloudApplication = z.infer<typeof jumpCloudApplication>;

/** `GET /api/organizations` (v1): the organizations the key can reach (one, unless the key is an MSP's). */
export const jumpCloudOrganization = z.object({ _id: id, displayName: optionalText });
export type JumpCloudOrganization = z.infer<typeof jumpCloudOrganization>;

/** One edge from the v2 graph endpoints (`/members`, `/associations`): only `to` is reliably present. */
export const jumpCloudGraphConnection = z.object({ to: z.object({ id, type: z.string() }) });
export type JumpCloudGraphConnection = z.infer<typeof jumpCloudGraphConnection>;

/** v1 lists and the v2 exceptions (`/v2/roles`) wrap their items; the other v2 lists are bare arrays. */
export const envelope = <T extends z.ZodType>(item: T) =>
  z.object({ totalCount: z.number().int().nonnegative(), results: z.array(item) });
export const bareArray = <T extends z.ZodType>(item: T) => z.array(item);

/** The first problem zod found, as `field "results[3].email": expected string, received number`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "the body does not have the expected shape";
  const field = issue.path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`))
    .join("");
  return field ? `field "${field}": ${issue.message}` : issue.message;
}
