import { badge, type Cell, esc, type Row, pageStart, tableBlock, text } from "../html-page";
import { SHEET_COLUMNS, type SheetCells } from "./campaign-sheet";

export interface SheetPageInput {
  owner: string;
  campaign: string;
  /** When the graph the rows come from was synced. */
  graphGeneratedAt: string;
  organization: string;
  /** The CSV file with the same rows, where decisions are written. */
  csvFile: string;
  cells: readonly SheetCells[];
}

const STYLE = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--head:#f6f8fa;--warn:#9a6700;--alert:#cf222e}
*{box-sizing:border-box}body{margin:0;padding:16px 24px 48px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg)}
h1{font-size:20px;margin:0 0 4px}h3{font-size:15px;margin:18px 0 4px}.meta,.explain{color:var(--muted)}
.note{background:var(--head);border:1px solid var(--line);border-radius:8px;padding:4px 14px;margin:12px 0}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--head);white-space:nowrap}.count{font-weight:normal;color:var(--muted);font-size:12px;border:1px solid var(--line);border-radius:10px;padding:0 7px;margin-left:4px}
.badge{display:inline-block;border-radius:10px;padding:0 7px;font-size:12px;border:1px solid;white-space:nowrap;margin-right:2px}
.badge.managed{border-color:var(--line);color:var(--muted)}.badge.unmanaged{background:#fff8c5;border-color:var(--warn);color:var(--warn);font-weight:600}
.badge.expiring,.badge.revoked{border-color:var(--warn);color:var(--warn)}.badge.suspended-user{background:var(--alert);border-color:var(--alert);color:#fff}
tr.unmanaged td{background:#fff8c5}tr.suspended-user td{background:#ffebe9}code{font-size:12px}.empty{color:var(--muted);font-style:italic}
.actions{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:8px 0;z-index:1}
button{font:inherit;padding:4px 12px;border:1px solid var(--line);border-radius:6px;background:var(--head);cursor:pointer}
select,input{font:inherit}input.note{width:100%;min-width:140px}#status{color:var(--muted);margin-left:8px}
@media print{.actions{display:none}}
`;

// Plain ES2017 so that any browser runs it offline. It writes the sheet's CSV exactly as the campaign does (RFC 4180,
// CRLF, a leading ' before what a spreadsheet would run as a formula), with the decisions chosen on the page.
const SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById("sheet-data").textContent);
  var decisionAt = data.columns.indexOf("decision");
  var noteAt = data.columns.indexOf("note");
  var idAt = data.columns.indexOf("row_id");
  var status = document.getElementById("status");
  function control(kind, id) { return document.querySelector("." + kind + '[data-row="' + id + '"]'); }
  function decisionOf(id) {
    var choice = control("decision", id).value;
    if (choice !== "keep-until") return choice;
    var day = control("until", id).value;
    return day ? "keep-until:" + day : null;
  }
  function field(value) {
    var safe = /^'*[=+\\-@\\t\\r]/.test(value) ? "'" + value : value;
    return /[",\\r\\n]/.test(safe) ? '"' + safe.replace(/"/g, '""') + '"' : safe;
  }
  function refresh() {
    var decided = 0;
    data.rows.forEach(function (row) {
      var id = row[idAt];
      var until = control("until", id);
      until.hidden = control("decision", id).value !== "keep-until";
      if (decisionOf(id)) decided++;
    });
    status.textContent = decided + " of " + data.rows.length + " rows decided";
  }
  document.querySelectorAll("select.decision, input.until").forEach(function (el) { el.addEventListener("change", refresh); });
  document.getElementById("download").addEventListener("click", function () {
    var missing = data.rows.filter(function (row) { return decisionOf(row[idAt]) === null; });
    if (missing.length) { status.textContent = "Choose the day for every keep until (" + missing.length + " missing)."; return; }
    var lines = [data.columns].concat(data.rows.map(function (row) {
      var out = row.slice();
      out[decisionAt] = decisionOf(row[idAt]);
      out[noteAt] = control("note", row[idAt]).value;
      return out;
    }));
    var csv = lines.map(function (r) { return r.map(field).join(","); }).join("\\r\\n") + "\\r\\n";
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
    link.download = data.file;
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  refresh();
})();
`;

function decisionControls(cells: SheetCells): string {
  const id = esc(cells.row_id);
  const current = cells.decision.trim().toLowerCase();
  const until = /^keep-until:(\d{4}-\d{2}-\d{2})$/.exec(current)?.[1] ?? "";
  const chosen = until ? "keep-until" : current;
  const option = (value: string, label: string) =>
    `<option value="${value}"${chosen === value ? " selected" : ""}>${label}</option>`;
  return `<select class="decision" data-row="${id}" aria-label="decision">${option("", "—")}${option("keep", "keep")}${option("revoke", "revoke")}${option("keep-until", "keep until…")}</select> <input type="date" class="until" data-row="${id}" value="${esc(until)}" aria-label="keep until"${chosen === "keep-until" ? "" : " hidden"}>`;
}

const statusBadges = (status: string): string =>
  status
    .split("; ")
    .filter(Boolean)
    .map((flag) => badge(flag, flag))
    .join("");

/**
 * The sheet as a page: the same rows as the CSV (row ids included, so a reviewer can cross-check), one table per
 * entitlement, with a decision and a note per row and a button that downloads the CSV filled in. Self-contained:
 * inline CSS and script, nothing loaded from anywhere.
 */
export function sheetHtml(input: SheetPageInput): string {
  const byEntitlement = new Map<string, SheetCells[]>();
  for (const cells of input.cells) {
    const key = `${cells.type}\u0000${cells.entitlement}`;
    byEntitlement.set(key, [...(byEntitlement.get(key) ?? []), cells]);
  }
  const blocks = [...byEntitlement.entries()].map(([key, rows], index) => {
    const [type = "", entitlement = ""] = key.split("\u0000");
    const tableRows: Row[] = rows.map((r) => ({
      classes: r.status.split("; ").filter((flag) => flag === "unmanaged" || flag === "suspended-user"),
      cells: [
        { html: `<code>${esc(r.row_id)}</code>` },
        text(r.user),
        text(r.user_state),
        text(r.how),
        { html: statusBadges(r.status) } satisfies Cell,
        text(r.expires),
        { html: decisionControls(r) },
        { html: `<input class="note" data-row="${esc(r.row_id)}" value="${esc(r.note)}" aria-label="note">` },
      ],
    }));
    return tableBlock({
      id: `entitlement-${index + 1}`,
      kind: type,
      title: `${type === "application" ? "Application" : "Group"} ${entitlement}`,
      columns: [
        { label: "Row" },
        { label: "Person" },
        { label: "Account" },
        { label: "How" },
        { label: "Status" },
        { label: "Expires" },
        { label: "Decision" },
        { label: "Note" },
      ],
      rows: tableRows,
    });
  });
  const fingerprint = input.cells[0]?.sheet_fingerprint ?? "";
  const title = `Access review of ${input.organization} for ${input.owner}`;
  return `${pageStart(title, STYLE)}<h1>${esc(title)}</h1>
<p class="meta">Campaign <code>${esc(input.campaign)}</code> · access as synced ${esc(input.graphGeneratedAt)} · sheet fingerprint <code>${esc(fingerprint)}</code> · ${input.cells.length} rows</p>
<div class="note">
<p>For each person, choose a decision below and download the sheet, or write it in the <code>decision</code> column of <code>${esc(input.csvFile)}</code> (the same rows) with, if you like, a <code>note</code>:</p>
<ul>
<li><code>keep</code>: the access stays (access granted outside code is adopted into the manifest);</li>
<li><code>revoke</code>: the access ends (for access through a group, the person leaves that group, which also ends whatever else the group gives them);</li>
<li><code>keep-until:YYYY-MM-DD</code>: the access stays until the end of that day (UTC), then ends.</li>
</ul>
<p>Leave every other cell as it is: a sheet whose other cells were edited is refused. Statuses: ${statusBadges("managed")} declared in the manifest, ${statusBadges("unmanaged")} granted outside code, ${statusBadges("expiring")} ends at the date shown, ${statusBadges("revoked")} already revoked, removed by the next update, ${statusBadges("suspended-user")} the account is suspended or locked but keeps its grants.</p>
</div>
<div class="actions"><button type="button" id="download">Download ${esc(input.csvFile)} with these decisions</button><span id="status" role="status"></span></div>
${blocks.join("\n") || '<p class="empty">Nobody has access to what you own.</p>'}
<script type="application/json" id="sheet-data">${sheetData(input)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** The rows as JSON inside the page; `<` is escaped so no cell can end the script element. */
function sheetData(input: SheetPageInput): string {
  const data = {
    file: input.csvFile,
    columns: SHEET_COLUMNS,
    rows: input.cells.map((cells) => SHEET_COLUMNS.map((column) => cells[column])),
  };
  return JSON.stringify(data).replaceAll("<", "\\u003c");
}
