import { lastReviewSection } from "./campaign/last-review-section";
import { consoleLinks } from "./console-links";
import { ADMIN_ACCOUNTS_EXPLANATION, SUSPENDED_EXPLANATION, UNMANAGED_EXPLANATION } from "./explanations";
import { badge, type Cell, esc, link, type Row, tableBlock, text } from "./html-page";
import { groupsApplicationsMermaid } from "./mermaid";
import { groupsApplicationsSvg } from "./svg-diagram";
import type { ReviewReport } from "./review-report";
import type { AccessRoute, UserRef } from "./reviews";

/**
 * The review as one self-contained HTML file: inline CSS and JS, no external script, style, font or image, so it
 * can be mailed, attached to a ticket or opened offline. Console links are plain anchors (navigation, not assets).
 */
export function reviewHtml(report: ReviewReport): string {
  const { summary, reviews } = report;
  const links = consoleLinks(report.graph.org);
  const org = summary.org.name ?? summary.org.id ?? "JumpCloud organization";
  const sections: string[] = [];

  sections.push(`<section id="summary"><h2>Summary</h2>${summaryList(report)}</section>`);
  sections.push(
    `<section id="accounts-explained" class="note"><h2>Admin accounts and user accounts</h2>${ADMIN_ACCOUNTS_EXPLANATION.map((p) => `<p>${esc(p)}</p>`).join("")}</section>`,
  );
  if (report.diff) sections.push(diffSection(report));
  if (report.reviewRecords?.length) sections.push(lastReviewSection(report.reviewRecords));
  sections.push(unmanagedSection(report));

  sections.push(`<section id="suspended"><h2>Suspended or locked users who still hold access</h2>
<p class="explain">${esc(SUSPENDED_EXPLANATION)}</p>
${tableBlock({
  id: "suspended-users",
  kind: "suspended",
  title: "Suspended or locked users with access",
  columns: [
    { label: "User" },
    { label: "State" },
    { label: "Applications" },
    { label: "Groups" },
    { label: "Admin account" },
  ],
  rows: reviews.suspendedWithAccess.map((s) => ({
    classes: ["inactive"],
    cells: [
      userCell(s.user, links.user(s.user.id)),
      { html: badge(`state-${s.user.state}`, s.user.state) },
      { html: s.applications.map((a) => `${esc(a.label)} ${howBadge(a.how)}`).join("<br>") },
      text(s.groups.map((g) => g.name).join(", ")),
      adminAccountCell(s.user),
    ],
  })),
  empty: "No suspended or locked user holds any access.",
})}</section>`);

  const appBlocks = reviews.applications.map((app) =>
    tableBlock({
      id: `application-${app.id}`,
      kind: "application",
      title: `${app.label}${app.active ? "" : " (inactive)"}`,
      meta: `${esc(app.name)} · groups: ${app.assignedGroups.length ? app.assignedGroups.map((g) => `${esc(g.name)} (${g.memberCount})`).join(", ") : "none"} · users assigned directly: ${app.directUserCount} · ${link(app.consoleUrl, "open in console")}`,
      columns: [
        { label: "User" },
        { label: "Name" },
        { label: "State" },
        { label: "Access" },
        { label: "Admin account" },
      ],
      rows: app.access.map((entry) => ({
        classes: [
          `how-${entry.how}`,
          ...(entry.routes.some((r) => r.unmanagedGrantIds.length > 0) ? ["unmanaged"] : []),
          ...(inactive(entry.user) ? ["inactive"] : []),
        ],
        cells: [
          userCell(entry.user, links.user(entry.user.id)),
          text(entry.user.displayName),
          { html: badge(`state-${entry.user.state}`, entry.user.state) },
          { html: entry.routes.map(routeBadge).join(" "), sort: entry.how },
          adminAccountCell(entry.user),
        ],
      })),
      empty: "Nobody has access to this application.",
    }),
  );
  sections.push(
    `<section id="applications"><h2>Applications</h2><p class="explain">Who can sign in to each application, and how: ${badge("direct", "direct")} an assignment to the user; ${badge("group", "via group")} through membership of an assigned group. A person with both has both badges.</p>${appBlocks.join("\n")}</section>`,
  );

  const groupBlocks = reviews.groups.map((group) =>
    tableBlock({
      id: `group-${group.id}`,
      kind: "group",
      title: group.name,
      meta: `membership: ${esc(group.membershipMethod)} · applications: ${group.applications.length ? group.applications.map((a) => esc(a.label)).join(", ") : "none"} · ${link(group.consoleUrl, "open in console")}`,
      columns: [
        { label: "Member" },
        { label: "Name" },
        { label: "State" },
        { label: "Admin account" },
        { label: "In code" },
      ],
      rows: group.members.map((m) => ({
        classes: [...(m.unmanaged ? ["unmanaged"] : []), ...(inactive(m) ? ["inactive"] : [])],
        cells: [
          userCell(m, links.user(m.id)),
          text(m.displayName),
          { html: badge(`state-${m.state}`, m.state) },
          adminAccountCell(m),
          managedCell(report.managedEdgeIdsGiven, m.unmanaged),
        ],
      })),
      empty: "No members.",
    }),
  );
  sections.push(`<section id="groups"><h2>Groups</h2>${groupBlocks.join("\n")}</section>`);

  const roleBlocks = reviews.roles.map((role) =>
    tableBlock({
      id: `role-${role.id}`,
      kind: "role",
      title: `${role.name}${role.builtIn ? "" : " (custom role)"}`,
      columns: [
        { label: "Admin account" },
        { label: "Status" },
        { label: "All roles" },
        { label: "User account of the same person" },
        { label: "In code" },
      ],
      rows: role.admins.map((a) => ({
        classes: [
          ...(a.unmanaged ? ["unmanaged"] : []),
          ...(a.suspended ? ["inactive"] : []),
          ...(a.linkedUser ? [] : ["admin-only"]),
        ],
        cells: [
          { html: `${esc(a.email)} ${badge("admin", "admin")}`, sort: a.email },
          { html: a.suspended ? badge("state-suspended", "suspended") : badge("state-active", "active") },
          text(a.roleNames.join(", ")),
          a.linkedUser
            ? {
                html: `${link(links.user(a.linkedUser.id), a.linkedUser.email)} ${badge(`state-${a.linkedUser.state}`, a.linkedUser.state)}`,
                sort: a.linkedUser.email,
              }
            : { html: badge("warn", "none: admin-only account"), sort: "~" },
          managedCell(report.managedEdgeIdsGiven, a.unmanaged),
        ],
      })),
      empty: "No admin account holds this role.",
    }),
  );
  sections.push(
    `<section id="roles"><h2>Admin roles</h2><p class="explain">Admin accounts have no profile attributes (see <a href="#accounts-explained">above</a>); the linked user account is where the person's profile lives. ${link(links.admins(), "Administrators in the console")}</p>${roleBlocks.join("\n")}</section>`,
  );

  sections.push(`<section id="accounts"><h2>People with two accounts, and admin-only accounts</h2>
${tableBlock({
  id: "dual-accounts",
  kind: "dual-account",
  title: "User and admin account of the same person",
  columns: [
    { label: "User account" },
    { label: "User state" },
    { label: "Admin account" },
    { label: "Roles" },
    { label: "Admin status" },
  ],
  rows: reviews.dualAccounts.map((d) => ({
    cells: [
      { html: link(links.user(d.userId), d.userEmail), sort: d.userEmail },
      { html: badge(`state-${d.userState}`, d.userState) },
      { html: `${esc(d.adminEmail)} ${badge("admin", "admin")}`, sort: d.adminEmail },
      text(d.roleNames.join(", ")),
      { html: d.adminSuspended ? badge("state-suspended", "suspended") : badge("state-active", "active") },
    ],
  })),
  empty: "No person has both a user and an admin account.",
})}
${tableBlock({
  id: "admin-only",
  kind: "admin-only",
  title: "Admin accounts with no user account",
  columns: [{ label: "Admin account" }, { label: "Roles" }, { label: "Status" }],
  rows: reviews.adminsWithoutUser.map((a) => ({
    classes: ["admin-only"],
    cells: [
      text(a.email),
      text(a.roleNames.join(", ")),
      { html: a.suspended ? badge("state-suspended", "suspended") : badge("state-active", "active") },
    ],
  })),
  empty: "Every admin account belongs to a person with a user account.",
})}</section>`);

  sections.push(`<section id="diagram"><h2>Groups → applications</h2>
<p class="explain">Which groups open which applications. Point at a group or an application to pick out its lines. The same picture as a Mermaid diagram is in <code>groups-applications.mmd</code> and in <code>review.md</code>.</p>
<div class="diagram-wrap">${groupsApplicationsSvg(report.graph)}</div>
<details><summary>Mermaid source</summary><pre>${esc(groupsApplicationsMermaid(report.graph))}</pre></details></section>`);

  const title = `Access review: ${org}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="pulumi-jumpcloud-access">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="meta">Synced ${esc(summary.generatedAt)} from ${esc(summary.org.apiUrl)}${summary.org.id ? ` · org ${esc(summary.org.id)}` : ""} · content hash <code>${esc(summary.contentHash)}</code>${summary.emailsRedacted ? " · emails redacted" : ""}</p>
<nav>${[
    ["summary", "Summary"],
    ...(report.diff ? [["diff", "Changes"]] : []),
    ["unmanaged", "Unmanaged"],
    ["suspended", "Suspended with access"],
    ["applications", "Applications"],
    ["groups", "Groups"],
    ["roles", "Roles"],
    ["accounts", "Accounts"],
    ["diagram", "Diagram"],
  ]
    .map(([id, label]) => `<a href="#${id}">${label}</a>`)
    .join(" ")}</nav>
<div class="search"><label for="search">Filter every table</label>
<input id="search" type="search" placeholder="email, name, group, application, role… (all words must match)" autocomplete="off">
<span id="search-status" role="status"></span></div>
</header>
<main>
${sections.join("\n")}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function inactive(user: UserRef): boolean {
  return user.state === "suspended" || user.state === "locked";
}

function userCell(user: UserRef, href: string): Cell {
  return { html: link(href, user.email), sort: user.email.toLowerCase() };
}

function adminAccountCell(user: UserRef): Cell {
  if (!user.adminAccount) return { html: "", sort: "" };
  const a = user.adminAccount;
  return {
    html: `${esc(a.email)} ${badge("admin", "admin", "A separate administrator account of the same person, linked by email")} <span class="roles">${esc(a.roleNames.join(", "))}</span>`,
    sort: a.email,
  };
}

function managedCell(known: boolean, unmanaged: boolean): Cell {
  if (!known) return { html: '<span class="muted">not known</span>', sort: "" };
  return unmanaged ? { html: badge("unmanaged", "unmanaged"), sort: "unmanaged" } : { html: "yes", sort: "managed" };
}

function howBadge(how: string): string {
  return how === "direct"
    ? badge("direct", "direct")
    : how === "via_group"
      ? badge("group", "via group")
      : `${badge("direct", "direct")} ${badge("group", "via group")}`;
}

function routeBadge(route: AccessRoute): string {
  const main =
    route.via === "direct"
      ? badge("direct", "direct", "Assigned to the user directly")
      : badge(
          "group",
          `via group ${route.groupName ?? route.groupId ?? ""}`,
          "Member of a group assigned to the application",
        );
  const flag =
    route.unmanagedGrantIds.length > 0
      ? ` ${badge("unmanaged", "unmanaged", `Not declared in code: ${route.unmanagedGrantIds.join(", ")}`)}`
      : "";
  return main + flag;
}

function summaryList(report: ReviewReport): string {
  const c = report.summary.counts;
  const items: [string, string | number, string?][] = [
    ["Users", c.users],
    ["Admin accounts", c.admins],
    ["Groups", c.groups],
    ["Applications", c.applications],
    ["Roles", c.roles],
    ["Grants", c.grants],
    ["User × application access", c.effectiveAccess],
    ["Unmanaged grants", c.unmanaged ?? "not known", c.unmanaged ? "alert" : undefined],
    ["Suspended or locked users with access", c.suspendedWithAccess, c.suspendedWithAccess ? "alert" : undefined],
    ["People with two accounts", c.dualAccounts],
    ["Admin-only accounts", c.adminsWithoutUser, c.adminsWithoutUser ? "warn" : undefined],
  ];
  return `<dl class="cards">${items
    .map(
      ([label, value, cls]) =>
        `<div class="card${cls ? ` ${cls}` : ""}"><dt>${esc(label)}</dt><dd>${esc(value)}</dd></div>`,
    )
    .join("")}</dl>`;
}

function unmanagedSection(report: ReviewReport): string {
  if (!report.managedEdgeIdsGiven) {
    return `<section id="unmanaged"><h2>Unmanaged access</h2><p class="explain">Not computed: no list of managed edge ids was given (the <code>AccessGraph</code> resource passes its stack's ids; the CLI takes <code>--managed ids.json</code>).</p></section>`;
  }
  const rows: Row[] = report.unmanaged.map((u) => ({
    classes: ["unmanaged"],
    cells: [
      text(u.principal),
      text(u.principalType.replace("_", " ")),
      text(u.entitlement),
      text(u.entitlementType),
      text(u.description),
      { html: `<code>${esc(u.id)}</code>`, sort: u.id },
    ],
  }));
  const absent = report.managedButAbsent.length
    ? tableBlock({
        id: "managed-absent",
        kind: "managed-absent",
        title: "Declared in code but absent from JumpCloud",
        columns: [{ label: "Grant id" }],
        rows: report.managedButAbsent.map((id) => ({
          classes: ["drift"],
          cells: [{ html: `<code>${esc(id)}</code>`, sort: id }],
        })),
      })
    : "";
  return `<section id="unmanaged"><h2>Unmanaged access</h2><p class="explain">${esc(UNMANAGED_EXPLANATION)}</p>
${tableBlock({
  id: "unmanaged-grants",
  kind: "unmanaged",
  title: "Grants not declared in code",
  columns: [
    { label: "Principal" },
    { label: "Type" },
    { label: "Entitlement" },
    { label: "Kind" },
    { label: "Grant" },
    { label: "Id" },
  ],
  rows,
  empty: "Every grant in JumpCloud is declared in code.",
})}${absent}</section>`;
}

function diffSection(report: ReviewReport): string {
  const d = report.diff;
  if (!d) return "";
  const accessRows = (items: typeof d.access.added, change: string): Row[] =>
    items.map((a) => ({
      classes: [`diff-${change}`],
      cells: [
        { html: badge(`diff-${change}`, change) },
        text(a.user),
        text(a.application),
        text(a.before.join(", ") || "—"),
        text(a.after.join(", ") || "—"),
      ],
    }));
  const grantRows: Row[] = [
    ...d.grants.added.map((g) => ({
      classes: ["diff-added"],
      cells: [{ html: badge("diff-added", "added") }, text(g.description), { html: `<code>${esc(g.id)}</code>` }],
    })),
    ...d.grants.removed.map((g) => ({
      classes: ["diff-removed"],
      cells: [{ html: badge("diff-removed", "removed") }, text(g.description), { html: `<code>${esc(g.id)}</code>` }],
    })),
  ];
  const people = [
    ...d.users.added.map((e) => `user ${e} added`),
    ...d.users.removed.map((e) => `user ${e} removed`),
    ...d.admins.added.map((e) => `admin account ${e} added`),
    ...d.admins.removed.map((e) => `admin account ${e} removed`),
  ];
  return `<section id="diff"><h2>Changes since ${esc(d.since.generatedAt)}</h2>
${people.length ? `<ul>${people.map((p) => `<li>${esc(p)}</li>`).join("")}</ul>` : ""}
${tableBlock({
  id: "diff-access",
  kind: "diff-access",
  title: "Application access added, removed or changed",
  columns: [{ label: "Change" }, { label: "User" }, { label: "Application" }, { label: "Before" }, { label: "After" }],
  rows: [
    ...accessRows(d.access.added, "added"),
    ...accessRows(d.access.removed, "removed"),
    ...accessRows(d.access.changed, "changed"),
  ],
  empty: "No application access changed.",
})}
${tableBlock({
  id: "diff-grants",
  kind: "diff-grants",
  title: "Grants added or removed",
  columns: [{ label: "Change" }, { label: "Grant" }, { label: "Id" }],
  rows: grantRows,
  empty: "No grant changed.",
})}</section>`;
}

const STYLE = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--head:#f6f8fa;--direct:#0969da;--group:#1a7f37;--warn:#9a6700;--alert:#cf222e}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{position:sticky;top:0;z-index:2;background:var(--bg);border-bottom:1px solid var(--line);padding:12px 24px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:18px 0 4px}
main{padding:0 24px 48px}section,.block{scroll-margin-top:190px}.meta,.explain,.muted{color:var(--muted)}.meta{margin:2px 0 6px}nav a{margin-right:12px}
.search{display:flex;gap:8px;align-items:center;margin-top:8px}.search input{flex:1;max-width:560px;padding:6px 8px;border:1px solid var(--line);border-radius:6px;font:inherit}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:8px;margin:0}.card{border:1px solid var(--line);border-radius:8px;padding:8px 10px}
.card dt{color:var(--muted);font-size:12px}.card dd{margin:0;font-size:20px;font-weight:600}.card.alert{border-color:var(--alert)}.card.alert dd{color:var(--alert)}.card.warn{border-color:var(--warn)}
.note{background:#f6f8fa;border:1px solid var(--line);border-radius:8px;padding:4px 14px;margin-top:16px}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--head);cursor:pointer;user-select:none;white-space:nowrap}th::after{content:" ↕";color:#afb8c1}th[aria-sort=ascending]::after{content:" ▲";color:var(--fg)}th[aria-sort=descending]::after{content:" ▼";color:var(--fg)}
.count{font-weight:normal;color:var(--muted);font-size:12px;border:1px solid var(--line);border-radius:10px;padding:0 7px;margin-left:4px}
.badge{display:inline-block;border-radius:10px;padding:0 7px;font-size:12px;border:1px solid;white-space:nowrap}
.badge.direct{background:var(--direct);border-color:var(--direct);color:#fff}.badge.group{background:#fff;border-color:var(--group);color:var(--group)}
.badge.admin{background:#8250df;border-color:#8250df;color:#fff}.badge.unmanaged{background:#fff8c5;border-color:var(--warn);color:var(--warn);font-weight:600}
.badge.warn{border-color:var(--warn);color:var(--warn)}.badge.state-active{border-color:var(--line);color:var(--muted)}.badge.state-staged{border-color:var(--line);color:var(--muted)}
.badge.state-suspended,.badge.state-locked{background:var(--alert);border-color:var(--alert);color:#fff}
.badge.diff-added{border-color:var(--group);color:var(--group)}.badge.diff-removed{border-color:var(--alert);color:var(--alert)}.badge.diff-changed{border-color:var(--warn);color:var(--warn)}
tr.unmanaged td{background:#fff8c5}tr.unmanaged td:first-child{box-shadow:inset 4px 0 var(--warn)}
tr.inactive td{background:#ffebe9}tr.inactive td:first-child{box-shadow:inset 4px 0 var(--alert)}
tr.admin-only td:first-child{box-shadow:inset 4px 0 #8250df}.roles{color:var(--muted);font-size:12px}
.empty{color:var(--muted);font-style:italic;margin:2px 0 8px}pre{background:var(--head);padding:8px;overflow:auto;font-size:12px}
.diagram-wrap{overflow-x:auto}.diagram .edge{fill:none;stroke:#8c959f;stroke-width:1.2;opacity:.7}.diagram .edge.hl{stroke:var(--direct);stroke-width:2.5;opacity:1}
.diagram .node rect{stroke-width:1}.diagram .group rect{fill:#e8f0fe;stroke:#4063b8}.diagram .app rect{fill:#e6f4ea;stroke:#2e7d32}.diagram .inactive rect{fill:#f6f8fa;stroke:#afb8c1}
.diagram text{font-size:12px;fill:var(--fg)}.diagram .heading{font-weight:600;fill:var(--muted)}.diagram .node{cursor:default}.diagram .node.hl rect{stroke-width:2.5}
@media print{header{position:static}.search{display:none}}
`;

// Plain ES2017 so that any browser that opens the file can run it. Search hides non-matching rows and empty blocks;
// a click (or Enter) on a column header sorts that table, numbers numerically. `?q=` pre-fills the search.
const SCRIPT = `
(function () {
  var input = document.getElementById("search");
  var status = document.getElementById("search-status");
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.review"));
  // A row matches on its own text and its table's title, so "engineering suspended" finds suspended members of
  // the engineering group, and an application's name shows its whole table.
  function rowText(tr) {
    if (tr.dataset.text === undefined) {
      var title = tr.closest(".block") && tr.closest(".block").querySelector("h3");
      tr.dataset.text = ((title ? title.textContent : "") + " " + tr.textContent).toLowerCase();
    }
    return tr.dataset.text;
  }
  function apply() {
    var terms = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0, total = 0;
    tables.forEach(function (table) {
      var rows = table.tBodies[0].rows, visible = 0;
      for (var i = 0; i < rows.length; i++) {
        var text = rowText(rows[i]);
        var hit = terms.every(function (t) { return text.indexOf(t) !== -1; });
        rows[i].hidden = !hit;
        if (hit) visible++;
      }
      total += rows.length; shown += visible;
      var block = table.closest(".block");
      if (block) {
        block.hidden = terms.length > 0 && visible === 0;
        var count = block.querySelector(".count");
        if (count) count.textContent = terms.length ? visible + " of " + rows.length : String(rows.length);
      }
    });
    document.querySelectorAll(".block").forEach(function (block) {
      if (!block.querySelector("table.review")) block.hidden = terms.length > 0;
    });
    status.textContent = terms.length ? shown + " of " + total + " rows match" : total + " rows";
  }
  function key(tr, i) {
    var cell = tr.cells[i];
    if (!cell) return "";
    return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim().toLowerCase();
  }
  function sortBy(table, th) {
    var i = th.cellIndex, asc = th.getAttribute("aria-sort") !== "ascending", numeric = th.dataset.type === "number";
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, i), y = key(b, i);
      var r = numeric ? Number(x) - Number(y) : x.localeCompare(y, undefined, { numeric: true });
      return asc ? r : -r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  tables.forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, th); });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, th); }
      });
    });
  });
  // Large reports (tens of thousands of rows) filter once typing pauses; small ones on every keystroke.
  var rowCount = tables.reduce(function (n, t) { return n + t.tBodies[0].rows.length; }, 0);
  var timer;
  input.addEventListener("input", function () {
    if (rowCount <= 5000) return apply();
    clearTimeout(timer);
    timer = setTimeout(apply, 200);
  });
  // Diagram: pointing at a node highlights its curves and the nodes at their other ends.
  document.querySelectorAll(".diagram .node").forEach(function (node) {
    var id = node.getAttribute("data-id");
    var attr = node.classList.contains("group") ? "data-group" : "data-app";
    var other = attr === "data-group" ? "data-app" : "data-group";
    function mark(on) {
      node.classList.toggle("hl", on);
      document.querySelectorAll(".diagram .edge[" + attr + '="' + id + '"]').forEach(function (edge) {
        edge.classList.toggle("hl", on);
        var end = document.querySelector('.diagram .node[data-id="' + edge.getAttribute(other) + '"]');
        if (end) end.classList.toggle("hl", on);
      });
    }
    node.addEventListener("mouseenter", function () { mark(true); });
    node.addEventListener("mouseleave", function () { mark(false); });
  });
  var q = new URLSearchParams(location.search).get("q");
  if (q) input.value = q;
  apply();
})();
`;
