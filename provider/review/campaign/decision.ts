import { isCalendarDay } from "../../manifest/calendar-day";

export type Decision = { kind: "keep" } | { kind: "revoke" } | { kind: "keep-until"; day: string };

export type ParsedDecision = { ok: true; decision: Decision | null } | { ok: false; reason: string };

const FORMS = "Write keep, revoke or keep-until:YYYY-MM-DD (e.g. keep-until:2027-03-31), or leave it empty.";

/**
 * A reviewer's `decision` cell. Case and surrounding spaces are ignored (spreadsheets capitalise); an empty cell is
 * no decision. `keep-until` needs a real day no earlier than `today` (UTC): a day already past would revoke on the next update
 * what the reviewer meant to keep.
 */
export function parseDecision(cell: string, today: string): ParsedDecision {
  const value = cell.trim().toLowerCase();
  if (value === "") return { ok: true, decision: null };
  if (value === "keep") return { ok: true, decision: { kind: "keep" } };
  if (value === "revoke") return { ok: true, decision: { kind: "revoke" } };
  const until = /^keep-until\s*:\s*(.*)$/.exec(value);
  if (until) {
    const day = (until[1] ?? "").trim();
    if (!isCalendarDay(day)) return { ok: false, reason: `"${cell.trim()}" has no valid date: ${FORMS}` };
    if (day < today) {
      return { ok: false, reason: `"${cell.trim()}" ends before today (${today}). Choose a later day, or revoke.` };
    }
    return { ok: true, decision: { kind: "keep-until", day } };
  }
  return { ok: false, reason: `"${cell.trim()}" is not a decision. ${FORMS}` };
}

/** The instant a `keep-until` day ends: the last second of that day in UTC, as the manifest's `expires`. */
export const endOfDay = (day: string): string => `${day}T23:59:59Z`;

export function formatDecision(decision: Decision): string {
  return decision.kind === "keep-until" ? `keep-until:${decision.day}` : decision.kind;
}
