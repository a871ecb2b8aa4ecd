/**
 * One row of the benchmark report. Every figure is reported next to a floor measured in the same run (or a
 * lower bound computed from the same inputs) and, where the issue sets one, the target for the ratio.
 */
export interface BenchRow {
  suite: string;
  case: string;
  /** The figure measured, in `unit`. */
  value: number;
  unit: string;
  /** What the figure is compared with, in the same unit (a floor measured in the same run, or a lower bound). */
  floor?: number;
  floorLabel?: string;
  /** value / floor, when a floor exists. */
  ratio?: number;
  /** The target for the ratio (ratio <= target), or for the value when there is no floor. */
  target?: number;
  met?: boolean;
  notes?: string;
}

export interface BenchSuite {
  name: string;
  run(): Promise<BenchRow[]>;
}

/** Fills in ratio and met from value, floor and target. */
export function row(fields: Omit<BenchRow, "ratio" | "met">): BenchRow {
  const ratio = fields.floor ? fields.value / fields.floor : undefined;
  const compared = ratio ?? fields.value;
  return {
    ...fields,
    ...(ratio === undefined ? {} : { ratio }),
    ...(fields.target === undefined ? {} : { met: compared <= fields.target }),
  };
}

function fmt(n: number | undefined): string {
  if (n === undefined) return "";
  // A case that could not run has no number (NaN; null in the JSON results): its notes say why.
  if (Number.isNaN(n)) return "n/a";
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2);
}

export function formatTable(rows: BenchRow[]): string {
  const header = ["suite", "case", "value", "unit", "floor", "ratio", "target", "met", "notes"];
  const body = rows.map((r) => [
    r.suite,
    r.case,
    fmt(r.value),
    r.unit,
    r.floor === undefined ? "" : `${fmt(r.floor)}${r.floorLabel ? ` (${r.floorLabel})` : ""}`,
    fmt(r.ratio),
    r.target === undefined ? "" : `<= ${fmt(r.target)}`,
    r.met === undefined ? "" : r.met ? "yes" : "NO",
    r.notes ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...body.map(line)].join("\n");
}
