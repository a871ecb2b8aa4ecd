/** Small HTML building blocks for the review page. Every text goes through `esc`; raw HTML only from these helpers. */

export function esc(text: string | number): string {
  return String(text)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A cell: HTML content (already escaped) and an optional sort key. */
export interface Cell {
  html: string;
  sort?: string | number;
}

export interface Row {
  cells: Cell[];
  classes?: string[];
}

export interface Column {
  label: string;
  numeric?: boolean;
}

export const text = (value: string | number): Cell => ({ html: esc(value) });
export const num = (value: number): Cell => ({ html: esc(value), sort: value });

export function link(href: string, label: string): string {
  return `<a href="${esc(href)}" rel="noreferrer noopener" target="_blank">${esc(label)}</a>`;
}

export function badge(kind: string, label: string, title?: string): string {
  return `<span class="badge ${esc(kind)}"${title ? ` title="${esc(title)}"` : ""}>${esc(label)}</span>`;
}

/**
 * A searchable, sortable table inside a titled block. `data-kind` lets the search and the tests address tables by
 * what they list (application, group, role, ...).
 */
export function tableBlock(opts: {
  id: string;
  kind: string;
  title: string;
  meta?: string;
  columns: Column[];
  rows: Row[];
  empty?: string;
}): string {
  const head = opts.columns
    .map((c) => `<th scope="col"${c.numeric ? ' data-type="number"' : ""}>${esc(c.label)}</th>`)
    .join("");
  const body = opts.rows
    .map((row) => {
      const cls = row.classes && row.classes.length > 0 ? ` class="${esc(row.classes.join(" "))}"` : "";
      const cells = row.cells
        .map((c) => `<td${c.sort === undefined ? "" : ` data-sort="${esc(c.sort)}"`}>${c.html}</td>`)
        .join("");
      return `<tr${cls}>${cells}</tr>`;
    })
    .join("\n");
  const empty = opts.rows.length === 0 ? `<p class="empty">${esc(opts.empty ?? "None.")}</p>` : "";
  return `<div class="block" id="${esc(opts.id)}" data-kind="${esc(opts.kind)}">
<h3>${esc(opts.title)} <span class="count">${opts.rows.length}</span></h3>
${opts.meta ? `<p class="meta">${opts.meta}</p>` : ""}${
  empty ||
  `<table class="review" data-kind="${esc(opts.kind)}"><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>`
}</div>`;
}

/** The start of a self-contained page, up to and including `<body>`: what every report page shares. */
export function pageStart(title: string, style: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="pulumi-jumpcloud-access">
<title>${esc(title)}</title>
<style>${style}</style>
</head>
<body>
`;
}
