import { createHash } from "node:crypto";
import { normalizeEmail } from "../../manifest/manifest-grant";
import type { CampaignRow, OwnerSheetRows } from "./campaign-rows";
import {
  type ParsedSheetRow,
  parseSheet,
  rowCells,
  rowCheck,
  SHEET_COLUMNS,
  type SheetCells,
  sheetFingerprint,
} from "./campaign-sheet";
import { type Decision, parseDecision } from "./decision";

export interface SheetFile {
  /** How the sheet is named in messages and in the record (the path as given). */
  file: string;
  text: string;
}

/** A sheet that cannot be applied as it is, or one row of it. `row` is the spreadsheet's row number (header = 1). */
export interface SheetIssue {
  sheet: string;
  row?: number;
  rowId?: string;
  reason: string;
}

export interface CheckedDecision {
  sheet: string;
  row: number;
  rowId: string;
  /** The owner the sheet was written for: the reviewer. */
  reviewer: string;
  decision: Decision;
  note: string;
  /** The row as it is now (equal to the sheet's row: a changed row is an issue, not a decision). */
  current: CampaignRow;
}

export interface CheckedSheet {
  file: string;
  sha256: string;
  owner: string;
  campaign: string;
  fingerprint: string;
  /** False when the access the sheet shows changed since it was written. */
  current: boolean;
  rows: number;
  decided: number;
}

export interface SheetCheck {
  campaign: string | null;
  sheets: CheckedSheet[];
  decisions: CheckedDecision[];
  issues: SheetIssue[];
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * Checks filled-in sheets against the access as it is now (`now`: every owner's rows recomputed from the current
 * graph and manifest). Every problem is collected, so one run lists them all; a decision is returned only when its
 * row is exactly as the campaign wrote it and still true.
 */
export function checkSheets(
  files: readonly SheetFile[],
  now: readonly OwnerSheetRows[],
  knownEmails: ReadonlySet<string>,
  today: string,
): SheetCheck {
  const issues: SheetIssue[] = [];
  const sheets: CheckedSheet[] = [];
  const decisions: CheckedDecision[] = [];
  const campaigns = new Set<string>();
  const rowsNow = new Map(now.map((o) => [o.owner, o.rows]));
  const seenOwners = new Map<string, string>();

  for (const file of files) {
    const parsed = parseSheet(file.text);
    if (!parsed.ok) {
      issues.push({ sheet: file.file, reason: parsed.reason });
      continue;
    }
    const rows = parsed.rows;
    const first = rows[0];
    if (!first) {
      issues.push({ sheet: file.file, reason: "the sheet has no rows: there is nothing to apply." });
      continue;
    }
    const sheetIssue = (reason: string) => issues.push({ sheet: file.file, reason });
    const rowIssue = (row: ParsedSheetRow, reason: string) =>
      issues.push({ sheet: file.file, row: row.line, rowId: row.cells.row_id, reason });

    const { owner, campaign, sheet_fingerprint: fingerprint } = first.cells;
    const mixed = (column: "owner" | "campaign" | "sheet_fingerprint") =>
      rows.filter((r) => r.cells[column] !== first.cells[column]);
    // A row from another sheet is refused whole: its decision must not count as this sheet's owner's.
    const foreign = new Set<ParsedSheetRow>();
    for (const column of ["owner", "campaign", "sheet_fingerprint"] as const) {
      for (const row of mixed(column)) {
        foreign.add(row);
        rowIssue(
          row,
          `edited row cells: its ${column} differs from the sheet's first row (a row pasted from another sheet?). Only decision and note may change.`,
        );
      }
    }
    campaigns.add(campaign);
    const earlier = seenOwners.get(owner);
    if (earlier !== undefined)
      sheetIssue(`a second sheet for ${owner} (the first is ${earlier}): give each owner's sheet once.`);
    seenOwners.set(owner, file.file);

    const currentRows = rowsNow.get(normalizeEmail(owner)) ?? [];
    const currentById = new Map(currentRows.map((row) => [row.rowId, row]));
    const currentChecks = currentRows.map((row) => ({ row, check: rowCheck(rowCells(row, campaign)) }));
    const checkNow = new Map(currentChecks.map(({ row, check }) => [row.rowId, check]));
    const firstLine = new Map<string, number>();
    let decided = 0;

    for (const row of rows) {
      const cells = row.cells;
      const parsedDecision = parseDecision(cells.decision, today);
      if (parsedDecision.ok && parsedDecision.decision) decided++;
      if (foreign.has(row)) continue;
      const repeat = firstLine.get(cells.row_id);
      if (repeat !== undefined) {
        rowIssue(row, `repeats row ${repeat} (same row id): keep one of the two rows.`);
        continue;
      }
      firstLine.set(cells.row_id, row.line);
      if (!knownEmails.has(normalizeEmail(cells.user))) {
        rowIssue(
          row,
          `unknown person "${cells.user}": no user of the organization has that email. Only decision and note may change.`,
        );
        continue;
      }
      if (cells.row_check !== rowCheck(cells)) {
        rowIssue(
          row,
          `edited row cells${editedColumns(cells, currentById.get(cells.row_id), campaign)}: only decision and note may change. Restore the row as the campaign wrote it.`,
        );
        continue;
      }
      if (!parsedDecision.ok) {
        rowIssue(row, parsedDecision.reason);
        continue;
      }
      const decision = parsedDecision.decision;
      const current = currentById.get(cells.row_id);
      if (!decision) continue;
      if (!current) {
        rowIssue(
          row,
          `unknown row: ${cells.user} has no ${cells.type} "${cells.entitlement}" on ${owner}'s sheet any more (the access was removed, or the owner changed, since the sheet was written).`,
        );
        continue;
      }
      if (checkNow.get(current.rowId) !== cells.row_check) {
        rowIssue(
          row,
          `the grant changed since the sheet was written: ${changes(cells, current)}. Review it again in a new campaign.`,
        );
        continue;
      }
      decisions.push({
        sheet: file.file,
        row: row.line,
        rowId: cells.row_id,
        reviewer: owner,
        decision,
        // One line: the note becomes a `reason` in the manifest and a cell of the summary's table.
        note: cells.note.replace(/\s+/g, " ").trim(),
        current,
      });
    }

    const stated = sheetFingerprint(
      owner,
      campaign,
      rows.map((r) => r.cells),
    );
    if (stated !== fingerprint && rows.every((r) => r.cells.sheet_fingerprint === fingerprint)) {
      sheetIssue(
        "rows were removed from or added to the sheet: return the whole sheet as it was written, with decisions filled in.",
      );
    }
    const fingerprintNow = sheetFingerprint(
      owner,
      campaign,
      currentChecks.map(({ row, check }) => ({ row_id: row.rowId, row_check: check })),
    );
    const current = fingerprintNow === fingerprint;
    if (!current)
      sheetIssue(
        `stale sheet: the access it shows changed since it was written${staleness(rows, currentRows, checkNow)}. Start a new campaign for ${owner}.`,
      );
    sheets.push({
      file: file.file,
      sha256: sha256(file.text),
      owner,
      campaign,
      fingerprint,
      current,
      rows: rows.length,
      decided,
    });
  }
  if (campaigns.size > 1) {
    issues.push({
      sheet: files.map((f) => f.file).join(", "),
      reason: `the sheets come from ${campaigns.size} campaigns (${[...campaigns].sort().join(", ")}): apply one campaign's sheets at a time.`,
    });
  }
  const [campaign] = campaigns;
  return { campaign: campaigns.size === 1 && campaign !== undefined ? campaign : null, sheets, decisions, issues };
}

const described = (row: CampaignRow): Record<string, string> => ({
  user_state: row.userState,
  how: row.how,
  status: row.status,
  expires: row.expires,
});

function changes(cells: SheetCells, current: CampaignRow): string {
  const now = described(current);
  const diff = Object.entries(now)
    .filter(([column, value]) => cells[column as keyof SheetCells] !== value)
    .map(([column, value]) => `${column} was "${cells[column as keyof SheetCells]}", is now "${value}"`);
  return diff.length > 0 ? diff.join("; ") : "its owner or campaign no longer match";
}

/** Which cells differ from the row as the campaign would write it now, when that row is unchanged since. */
function editedColumns(cells: SheetCells, current: CampaignRow | undefined, campaign: string): string {
  if (!current) return "";
  const expected = rowCells(current, campaign);
  if (rowCheck(expected) !== cells.row_check) return "";
  const edited = SHEET_COLUMNS.filter(
    (column) =>
      column in expected &&
      column !== "decision" &&
      column !== "note" &&
      expected[column as keyof typeof expected] !== cells[column],
  );
  return edited.length > 0 ? ` (${edited.join(", ")})` : "";
}

function staleness(
  rows: readonly ParsedSheetRow[],
  currentRows: readonly CampaignRow[],
  checkNow: ReadonlyMap<string, string>,
): string {
  const inSheet = new Map(rows.map((r) => [r.cells.row_id, r.cells]));
  const added = currentRows.filter((r) => !inSheet.has(r.rowId)).map((r) => `${r.user} on ${r.entitlement}`);
  const removed = rows
    .filter((r) => !checkNow.has(r.cells.row_id))
    .map((r) => `${r.cells.user} on ${r.cells.entitlement}`);
  const changed = rows
    .filter((r) => checkNow.has(r.cells.row_id) && checkNow.get(r.cells.row_id) !== r.cells.row_check)
    .map((r) => `${r.cells.user} on ${r.cells.entitlement}`);
  const parts: string[] = [];
  const list = (items: string[]) =>
    `${items.slice(0, 5).join(", ")}${items.length > 5 ? `, and ${items.length - 5} more` : ""}`;
  if (added.length) parts.push(`${added.length} access${added.length > 1 ? "es" : ""} added (${list(added)})`);
  if (removed.length) parts.push(`${removed.length} removed (${list(removed)})`);
  if (changed.length) parts.push(`${changed.length} changed (${list(changed)})`);
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}
