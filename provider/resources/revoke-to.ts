import { JumpCloudError } from "../errors";
import { BUILT_IN_ROLE_NAMES } from "../sync/converters";
import type { Role } from "../sync/graph";
import { sorted } from "./edge-kind";

/**
 * `revokeTo` never escalates. JumpCloud admins always hold a role, so revoking an admin's last role moves the admin
 * to a fallback role; that role must grant no more than the role (or roles) being revoked.
 *
 * The built-in roles are ranked by `BUILT_IN_ROLE_NAMES`, most privileged first (Administrator With Billing,
 * Administrator, Manager, Command Runner With Billing, Command Runner, Help Desk, Billing Only, Read Only): a
 * built-in fallback is accepted when it ranks at or below every role revoked. A custom role's privileges cannot be
 * compared with anything, so a custom fallback needs `allowCustomRevokeTo: true`, and when a custom role is revoked
 * only the least privileged built-in role ("Read Only") is accepted without that opt-in.
 */

const RANK = new Map(BUILT_IN_ROLE_NAMES.map((name, i) => [name.toLowerCase(), i]));
const LEAST_PRIVILEGED: string = BUILT_IN_ROLE_NAMES[BUILT_IN_ROLE_NAMES.length - 1] ?? "Read Only";

/** The role's place in the built-in order (0 = most privileged), or undefined for a role that cannot be ranked. */
export function privilegeRank(role: Pick<Role, "name" | "builtIn">): number | undefined {
  return role.builtIn ? RANK.get(role.name.toLowerCase()) : undefined;
}

/**
 * Why `revokeTo` must not replace `revoked` (undefined when it may): the check failure's reason and the delete's
 * refusal say the same thing.
 */
export function revokeToRefusal(
  revoked: readonly Pick<Role, "id" | "name" | "builtIn">[],
  revokeTo: Pick<Role, "id" | "name" | "builtIn">,
  allowCustom: boolean,
): string | undefined {
  const to = privilegeRank(revokeTo);
  if (to === undefined) {
    if (allowCustom) return undefined;
    return (
      `"${revokeTo.name}" is ${revokeTo.builtIn ? "a role outside JumpCloud's known built-in order" : "a custom role"}, ` +
      `whose privileges cannot be compared with ${names(revoked)}'s: use a built-in role with no more privileges ` +
      `(e.g. "${LEAST_PRIVILEGED}"), or set allowCustomRevokeTo: true to accept it knowingly`
    );
  }
  for (const role of revoked) {
    if (role.id === revokeTo.id) continue;
    const from = privilegeRank(role);
    if (from === undefined) {
      if (allowCustom || revokeTo.name.toLowerCase() === LEAST_PRIVILEGED.toLowerCase()) continue;
      return (
        `"${role.name}" is a custom role, whose privileges cannot be compared with "${revokeTo.name}"'s: use ` +
        `"${LEAST_PRIVILEGED}" (the least privileged built-in role), or set allowCustomRevokeTo: true to accept it knowingly`
      );
    }
    if (to < from) {
      const allowed = BUILT_IN_ROLE_NAMES.slice(from).join(", ");
      return (
        `"${revokeTo.name}" has more privileges than "${role.name}": revoking "${role.name}" would promote the admin. ` +
        `Use a role with no more privileges: ${allowed}`
      );
    }
  }
  return undefined;
}

/**
 * The same rule on names alone, before anything is read: when `revokeTo` and a granted role are both written as
 * built-in role names, an escalation is refused from the inputs (the resolved roles are compared again later).
 */
export function revokeToRefusalByName(
  roleNames: readonly (string | undefined)[],
  revokeTo: string | undefined,
  allowCustom: boolean,
): string | undefined {
  const builtIn = (name: string | undefined) =>
    typeof name === "string" && RANK.has(name.toLowerCase())
      ? { id: name.toLowerCase(), name, builtIn: true }
      : undefined;
  const to = builtIn(revokeTo);
  if (!to) return undefined;
  const revoked = roleNames.flatMap((name) => builtIn(name) ?? []);
  return revoked.length ? revokeToRefusal(revoked, to, allowCustom) : undefined;
}

/** The refusal at revoke time (a state written before the rule, or a role catalogue that changed since `check`). */
export function escalationRefused(who: string, reason: string): JumpCloudError {
  return new JumpCloudError("invalid_input", `Refused to revoke the last role of ${who}: ${reason}.`, {
    hint: "Set revokeTo on the resource (declare it again if it was removed), run `pulumi up`, then remove it.",
  });
}

/** The notice when the admin was moved to the fallback role, saying truthfully how the roles compare. */
export function movedNotice(
  who: string,
  revoked: readonly Pick<Role, "name" | "builtIn">[],
  revokeTo: Pick<Role, "name" | "builtIn">,
): string {
  const roles = revoked.length === 1 ? `${names(revoked)} was the only role` : `${names(revoked)} were the last roles`;
  const to = privilegeRank(revokeTo);
  const comparison =
    to === undefined
      ? "a role accepted with allowCustomRevokeTo, whose privileges were not compared"
      : revoked.every((role) => privilegeRank(role) !== undefined)
        ? `which has no more privileges than ${revoked.length === 1 ? "the revoked role" : "any revoked role"}`
        : revokeTo.name.toLowerCase() === LEAST_PRIVILEGED.toLowerCase()
          ? "the least privileged built-in role"
          : "a role accepted with allowCustomRevokeTo, whose privileges were not compared with the custom role's";
  return `pulumi-jumpcloud-access: ${roles} of ${who}, and JumpCloud admins must hold one: moved the admin to "${revokeTo.name}" (revokeTo), ${comparison}.`;
}

function names(roles: readonly (string | Pick<Role, "name">)[]): string {
  return sorted(roles.map((r) => (typeof r === "string" ? r : r.name)))
    .map((name) => `"${name}"`)
    .join(", ");
}
