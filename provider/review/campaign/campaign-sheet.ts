import { createHash } from "node:crypto";
import { formatCsv, parseCsv } from "../csv-format";
import type { CampaignRow } from "./campaign-rows";

/**
 * The reviewer's sheet. Only `decision` and `note` are for the reviewer; every other cell is the campaign's.
 *
 * - `row_check` is a hash of the row's own cells (and of its campaign and owner), so an edited cell, a row copied
 *   from another sheet, or a row typed in by hand is recognised.
 * - `sheet_fingerprint` is a hash of every row's id and check, the same on every row (so sorting or filtering the
 *   sheet in a spreadsheet keeps it). Recomputed from the organization and the manifest when decisions are applied,
 *   it tells whether the sheet still shows what is true: any access added, removed or changed in the owner's scope
 *   since the sheet was written changes it.
 */
export const SHEET_COLUMNS = [
  "row_id",
  "owner",
  "type",
  "entitlement",
  "user",
  "user_state",
  "how",
  "status",
  "expires",
  "decision",
  "note",
  "campaign",
  "row_check",
  "sheet_fingerprint",
] as const;

export type SheetColumn = (typeof SHEET_COLUMNS)[number];

/** The cells `row_check` covers: everything the campaign wrote except the checks themselves. */
const CHECKED = [
  "row_id",
  "owner",
  "type",
  "entitlement",
  "user",
  "user_state",
  "how",
  "status",
  "expires",
  "campaign",
] as const satisfies readonly SheetColumn[];

const sha = (text: string): string => createHash("sha256").update(text).digest("hex");

export type SheetCells = Record<SheetColumn, string>;

export function rowCells(row: CampaignRow, campaign: string): Omit<SheetCells, "row_check" | "sheet_fingerprint"> {
  return {
    row_id: row.rowId,
    owner: row.owner,
    type: row.entitlementType,
    entitlement: row.entitlement,
    user: row.user,
    user_state: row.userState,
    how: row.how,
    status: row.status,
    expires: row.expires,
    decision: "",
    note: "",
    campaign,
  };
}

export function rowCheck(cells: Pick<SheetCells, (typeof CHECKED)[number]>): string {
  return sha(CHECKED.map((column) => cells[column]).join("\u001f")).slice(0, 16);
}

/** Over the rows' ids and checks in id order, with the owner and campaign: independent of the sheet's row order. */
export function sheetFingerprint(
  owner: string,
  campaign: string,
  rows: readonly { row_id: string; row_check: string }[],
): string {
  const lines = rows.map((r) => `${r.row_id} ${r.row_check}`).sort();
  return `sha256:${sha([campaign, owner, ...lines].join("\n")).slice(0, 32)}`;
}

/** A sheet's rows with their checks and fingerprint filled in, decisions empty. */
export function sheetCells(owner: string, campaign: string, rows: readonly CampaignRow[]): SheetCells[] {
  const checked = rows.map((row) => {
    const cells = rowCells(row, campaign);
    return { ...cells, row_check: rowCheck(cells) };
  });
  const fingerprint = sheetFingerprint(owner, campaign, checked);
  return checked.map((cells) => ({ ...cells, sheet_fingerprint: fingerprint }));
}

export function sheetCsv(cells: readonly SheetCells[]): string {
  return formatCsv(
    SHEET_COLUMNS,
    cells.map((row) => SHEET_COLUMNS.map((column) => row[column])),
  );
}

/** One data row of a sheet read back: its cells and its line in the file (the header is line 1). */
export interface ParsedSheetRow {
  line: number;
  cells: SheetCells;
}

export type ParsedSheet = { ok: true; rows: ParsedSheetRow[] } | { ok: false; reason: string };

/** Reads a sheet back. Columns may be reordered (spreadsheets do); every campaign column must be there. */
export function parseSheet(text: string): ParsedSheet {
  let table: string[][];
  try {
    table = parseCsv(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const [header, ...data] = table;
  if (!header) return { ok: false, reason: "the file is empty." };
  const names = header.map((h) => h.trim());
  const missing = SHEET_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `not a review sheet: the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} missing. Use the CSV written by "jumpcloud-access review campaign".`,
    };
  }
  const rows: ParsedSheetRow[] = [];
  data.forEach((fields, index) => {
    // Spreadsheets often leave empty lines at the end.
    if (fields.every((field) => field.trim() === "")) return;
    const cells = Object.fromEntries(
      SHEET_COLUMNS.map((column) => [column, fields[names.indexOf(column)] ?? ""]),
    ) as SheetCells;
    rows.push({ line: index + 2, cells });
  });
  return { ok: true, rows };
}
