import { lastReviewSection } from "./campaign/last-review-section";
import { consoleLinks } from "./console-links";
import { ADMIN_ACCOUNTS_EXPLANATION, SUSPENDED_EXPLANATION, UNMANAGED_EXPLANATION } from "./explanations";
import { badge, type Cell, esc, link, type Row, pageStart, tableBlock, text } from "./html-page";
import { REVIEW_SCRIPT } from "./html-report-script";
import { REVIEW_STYLE } from "./html-report-style";
import { groupsApplicationsMermaid } from "./mermaid";
import { groupsApplicationsSvg } from "./svg-diagram";
import type { ReviewReport } from "./review-report";
import type { AccessRoute, UserRef } from "./reviews";

/**
 * The review as one self-contained HTML file: inline CSS and JS, no external script, style, font or image, so it
 * can be mailed, attached to a ticket or opened offline. This file is the markup; the style sheet and the browser
 * script are in `html-report-style.ts` and `html-report-script.ts`. Console links are plain anchors (navigation, not assets).
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
  return `${pageStart(title, REVIEW_STYLE)}<header>
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
<script>${REVIEW_SCRIPT}</script>
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
