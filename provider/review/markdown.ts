import { ADMIN_ACCOUNTS_EXPLANATION, SUSPENDED_EXPLANATION, UNMANAGED_EXPLANATION } from "./explanations";
import { groupsApplicationsMermaid } from "./mermaid";
import type { ReviewReport } from "./review-report";

export interface MarkdownOptions {
  /** Rows per list before it is cut (the CSV and HTML have all of them); keeps a PR comment under size limits. */
  maxRows?: number;
  /** Include the Mermaid diagram (GitHub and GitLab render it). */
  diagram?: boolean;
}

/** A review summary for a pull request comment: counts, what needs attention, the diff, and the diagram. */
export function reviewMarkdown(report: ReviewReport, options: MarkdownOptions = {}): string {
  const maxRows = options.maxRows ?? 50;
  const { summary, reviews } = report;
  const c = summary.counts;
  const out: string[] = [];
  const org = summary.org.name ?? summary.org.id ?? "JumpCloud organization";
  out.push(`# Access review: ${cell(org)}`, "");
  out.push(
    `Synced ${summary.generatedAt} from ${summary.org.apiUrl}. Content hash \`${summary.contentHash}\`.` +
      (summary.emailsRedacted ? " Emails are redacted." : ""),
    "",
  );
  out.push("| | count |", "|---|---:|");
  const counts: [string, number | string][] = [
    ["users", c.users],
    ["admin accounts", c.admins],
    ["groups", c.groups],
    ["applications", c.applications],
    ["roles", c.roles],
    ["grants", c.grants],
    ["user × application access", c.effectiveAccess],
    ["unmanaged grants", c.unmanaged ?? "not computed (no managed ids given)"],
    ["suspended or locked users with access", c.suspendedWithAccess],
    ["people with both a user and an admin account", c.dualAccounts],
    ["admin-only accounts", c.adminsWithoutUser],
  ];
  for (const [name, value] of counts) out.push(`| ${name} | ${value} |`);
  out.push("");

  if (report.diff) {
    const d = report.diff;
    out.push(`## Changes since ${d.since.generatedAt}`, "");
    const access = [
      // The routes name groups ("via group X"), so they are escaped like every other cell.
      ...d.access.added.map((a) => `- **added** ${cell(a.user)} → ${cell(a.application)} (${routes(a.after)})`),
      ...d.access.removed.map(
        (a) => `- **removed** ${cell(a.user)} → ${cell(a.application)} (was ${routes(a.before)})`,
      ),
      ...d.access.changed.map(
        (a) => `- **changed** ${cell(a.user)} → ${cell(a.application)}: ${routes(a.before)} ⇒ ${routes(a.after)}`,
      ),
    ];
    const grants = [
      ...d.grants.added.map((g) => `- **granted** ${cell(g.description)}`),
      ...d.grants.removed.map((g) => `- **revoked** ${cell(g.description)}`),
    ];
    out.push("Application access:", "", ...limit(access.length ? access : ["- no change"], maxRows), "");
    out.push("Grants (memberships, assignments, admin roles):", "");
    const changes = grants.length ? grants : ["- no change"];
    out.push(...limit(changes, maxRows), "");
  }

  if (report.managedEdgeIdsGiven) {
    out.push(`## Unmanaged access (${report.unmanaged.length})`, "", UNMANAGED_EXPLANATION, "");
    out.push(
      ...limit(
        report.unmanaged.map((u) => `- ${cell(u.description)} — \`${u.id}\``),
        maxRows,
      ),
      "",
    );
    if (report.managedButAbsent.length > 0) {
      out.push(`Declared in code but absent from JumpCloud (${report.managedButAbsent.length}):`, "");
      out.push(
        ...limit(
          report.managedButAbsent.map((id) => `- \`${id}\``),
          maxRows,
        ),
        "",
      );
    }
  }

  out.push(`## Suspended or locked users who still hold access (${reviews.suspendedWithAccess.length})`, "");
  out.push(SUSPENDED_EXPLANATION, "");
  out.push(
    ...limit(
      reviews.suspendedWithAccess.map((s) => {
        const what = [
          ...s.applications.map((a) => `${cell(a.label)} (${a.how.replaceAll("_", " ")})`),
          ...s.groups.map((g) => `group ${cell(g.name)}`),
        ];
        return `- ${cell(s.user.email)} (${s.user.state}): ${what.join(", ")}`;
      }),
      maxRows,
    ),
    "",
  );

  out.push("## Admin accounts", "", ...ADMIN_ACCOUNTS_EXPLANATION.flatMap((p) => [p, ""]));
  out.push("| admin account | roles | user account of the same person |", "|---|---|---|");
  const admins = [
    ...reviews.dualAccounts.map((d) => [d.adminEmail, d.roleNames, `${d.userEmail} (${d.userState})`] as const),
    ...reviews.adminsWithoutUser.map((a) => [a.email, a.roleNames, "**none: admin-only account**"] as const),
  ];
  out.push(
    ...tableRows(
      admins.map(([email, roles, user]) => `| ${cell(email)} | ${cell(roles.join(", "))} | ${cell(user)} |`),
      maxRows,
    ),
    "",
  );

  out.push("## Applications", "");
  out.push("| application | users | direct only | via group only | both | groups |", "|---|---:|---:|---:|---:|---|");
  const appRows = reviews.applications.map((app) => {
    const n = (how: string) => app.access.filter((a) => a.how === how).length;
    return `| ${cell(app.label)}${app.active ? "" : " (inactive)"} | ${app.access.length} | ${n("direct")} | ${n("via_group")} | ${n("direct_and_via_group")} | ${cell(app.assignedGroups.map((g) => g.name).join(", "))} |`;
  });
  out.push(...tableRows(appRows, maxRows), "");

  out.push("## Roles", "", "| role | admin accounts |", "|---|---|");
  for (const role of reviews.roles) {
    out.push(`| ${cell(role.name)} | ${cell(role.admins.map((a) => a.email).join(", ")) || "—"} |`);
  }
  out.push("");

  if (options.diagram !== false) {
    out.push(
      "## Groups → applications",
      "",
      "```mermaid",
      groupsApplicationsMermaid(report.graph).trimEnd(),
      "```",
      "",
    );
  }
  out.push("Full detail: `access.csv` (one row per principal × entitlement × path) and `review.html`.", "");
  return out.join("\n");
}

function cell(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replaceAll("<", "&lt;").replaceAll(/\r?\n/g, " ");
}

const routes = (paths: string[]): string => cell(paths.join(", "));

/** Table rows cut at `max`, with the note after the table rather than as a row of it. */
function tableRows(rows: string[], max: number): string[] {
  if (rows.length <= max) return rows;
  return [...rows.slice(0, max), "", `… and ${rows.length - max} more (see access.csv or review.html)`];
}

function limit<T>(items: T[], max: number): (T | string)[] {
  if (items.length <= max) return items;
  return [...items.slice(0, max), `- … and ${items.length - max} more (see access.csv or review.html)`];
}
