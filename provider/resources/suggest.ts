import { foldAscii, nonAsciiCodePoints } from "../ascii-fold";

/** Helpers that make "no such thing" messages useful: the closest existing names and a short list of what exists. */

/** Up to `max` candidates nearest to `wanted` by edit distance, ignoring case; only plausible typos qualify. */
export function closest(wanted: string, candidates: Iterable<string>, max = 3): string[] {
  const target = foldAscii(wanted);
  const limit = Math.min(3, Math.max(1, Math.floor(target.length / 4)));
  const scored: { name: string; distance: number }[] = [];
  for (const name of new Set(candidates)) {
    const distance = editDistance(target, foldAscii(name), limit);
    if (distance <= limit) scored.push({ name, distance });
  }
  const best = Math.min(...scored.map((s) => s.distance));
  return scored
    .filter((s) => s.distance === best)
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
}

/** `"a", "b", "c" and 12 more`: enough to recognise the right one without flooding the terminal. */
export function listSome(names: Iterable<string>, max = 10): string {
  const sorted = [...new Set(names)].sort((a, b) => a.localeCompare(b));
  if (sorted.length === 0) return "none";
  const shown = sorted.slice(0, max).map((n) => JSON.stringify(n));
  const rest = sorted.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}

/**
 * A candidate with non-ASCII characters is marked: a look-alike of what was typed (`kate@` spelled with U+212A
 * KELVIN SIGN) would otherwise read as the very name the message says does not exist.
 */
export function didYouMean(wanted: string, candidates: Iterable<string>): string {
  const near = closest(wanted, candidates);
  const show = (name: string) => {
    const points = nonAsciiCodePoints(name);
    return points.length ? `${JSON.stringify(name)} (with non-ASCII ${points.join(", ")})` : JSON.stringify(name);
  };
  return near.length ? ` Did you mean ${near.map(show).join(" or ")}?` : "";
}

/** Levenshtein distance with an early exit once every path exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
