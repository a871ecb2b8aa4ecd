import type { ManifestGrant } from "./manifest-grant";

export interface Expiration {
  key: string;
  /** ISO 8601, UTC. */
  expires: string;
  /** Whole days left, rounded down (0 = ends within 24 hours). */
  daysLeft: number;
  path: string;
  reason?: string;
  ticket?: string;
}

export interface GrantPlan {
  /** Grants in force at `now`: the desired state. */
  active: ManifestGrant[];
  /** Grants whose `expires` is at or before `now`: left out, so an update revokes them. */
  expired: ManifestGrant[];
  /** Active grants that end within the window, soonest first. */
  expiringSoon: Expiration[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Splits grants by time. Pure: `now` is always given, so a preview and an update of the same instant agree. */
export function planGrants(grants: readonly ManifestGrant[], now: Date, withinDays: number): GrantPlan {
  const active: ManifestGrant[] = [];
  const expired: ManifestGrant[] = [];
  const expiringSoon: Expiration[] = [];
  const horizon = now.getTime() + withinDays * DAY_MS;
  for (const grant of grants) {
    const ends = grant.expires?.getTime();
    if (ends !== undefined && ends <= now.getTime()) {
      expired.push(grant);
      continue;
    }
    active.push(grant);
    if (ends !== undefined && ends <= horizon) {
      const soon: Expiration = {
        key: grant.key,
        expires: new Date(ends).toISOString(),
        daysLeft: Math.floor((ends - now.getTime()) / DAY_MS),
        path: grant.path,
      };
      if (grant.reason !== undefined) soon.reason = grant.reason;
      if (grant.ticket !== undefined) soon.ticket = grant.ticket;
      expiringSoon.push(soon);
    }
  }
  expiringSoon.sort((a, b) => a.expires.localeCompare(b.expires) || a.key.localeCompare(b.key));
  return { active, expired, expiringSoon };
}
