import { describe, expect, it } from "vitest";
import { buildReviewReport, groupsApplicationsMermaid, reviewMarkdown } from "../../../provider/review";
import { buildGraph, handMadeOrg, type OrgFixture } from "./fixtures";

describe("Mermaid diagram of groups → applications", () => {
  it("draws assigned groups, applications, one arrow per assignment and direct-user counts", () => {
    const text = groupsApplicationsMermaid(buildGraph(handMadeOrg));
    expect(text.split("\n")[0]).toBe("flowchart LR");
    expect(text).toContain('["engineering<br/>4 members"]');
    expect(text).toContain('["ops<br/>1 member"]');
    expect(text).toContain('["design<br/>0 members"]');
    expect(text).toContain('["Figma<br/>(inactive)"]');
    expect(text.match(/ --> /g)).toHaveLength(3);
    expect(text).toMatch(/\(\["1 user assigned directly"\]\) -\.-> a\d+/);
    expect(text).toMatch(/\(\["2 users assigned directly"\]\) -\.-> a\d+/);
  });

  it("stays readable at 50 groups: one node per group, short ids, no duplicate edges, unused groups left out", () => {
    const groups = Array.from({ length: 60 }, (_, i) => ({
      name: `team-${String(i).padStart(2, "0")}`,
      members: [`u${i}@example.com`],
    }));
    const org: OrgFixture = {
      users: groups.map((_, i) => ({ email: `u${i}@example.com` })),
      groups,
      applications: Array.from({ length: 10 }, (_, a) => ({
        name: `app-${a}`,
        groups: groups
          .slice(0, 50)
          .filter((_, i) => i % 10 === a || i % 7 === a)
          .map((g) => g.name),
      })),
      roles: [],
      admins: [],
    };
    const text = groupsApplicationsMermaid(buildGraph(org));
    const groupNodes = text.match(/^ {4}g\d+\["/gm) ?? [];
    expect(groupNodes).toHaveLength(50);
    expect(text).toContain("10 groups without any are not drawn");
    const edges = text.split("\n").filter((l) => l.includes(" --> "));
    expect(new Set(edges).size).toBe(edges.length);
    for (const line of text.split("\n")) expect(line.length).toBeLessThan(200);
    for (const id of text.matchAll(/^\s+(\w+)\[/gm)) expect(id[1]).toMatch(/^[ga]\d{1,3}$/);
  });

  it("escapes names that would break the syntax", () => {
    const text = groupsApplicationsMermaid(
      buildGraph({
        ...handMadeOrg,
        groups: [{ name: 'a "quoted" <b>#1</b>', members: [] }],
        applications: [{ name: "x", label: "X]", groups: ['a "quoted" <b>#1</b>'] }],
      }),
    );
    expect(text).toContain('["a #quot;quoted#quot; #lt;b#gt;#35;1#lt;/b#gt;<br/>0 members"]');
    expect(text).not.toMatch(/"[^"\n]*"[^"\n]*"\]/);
  });
});

describe("Markdown review", () => {
  const bob = buildGraph(handMadeOrg).memberships.map((m) => m.id);
  const report = buildReviewReport(buildGraph(handMadeOrg), { managedEdgeIds: bob.slice(1) });
  const md = reviewMarkdown(report);

  it("has the summary, what needs attention, accounts, applications, roles and the diagram", () => {
    for (const heading of [
      "# Access review: Example Corp",
      "## Unmanaged access (",
      "## Suspended or locked users who still hold access (2)",
      "## Admin accounts",
      "## Applications",
      "## Roles",
      "## Groups → applications",
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain("- dave@example.com (suspended): Slack (via group), group engineering");
    expect(md).toContain("- erin@example.com (locked): GitHub (direct)");
    expect(md).toContain("| root@example.com | Administrator | **none: admin-only account** |");
    expect(md).toMatch(/\| Slack \| 4 \| 0 \| 3 \| 1 \| engineering, ops \|/);
    expect(md).toContain("no profile attributes");
    expect(md).toContain("```mermaid\nflowchart LR");
  });

  it("cuts long lists and points to the full exports", () => {
    const short = reviewMarkdown(report, { maxRows: 1 });
    expect(short).toMatch(/- … and \d+ more \(see access.csv or review.html\)/);
    // In tables the note follows the table instead of posing as a row.
    expect(short).toMatch(/\| Figma \(inactive\) \| 0 \| 0 \| 0 \| 0 \| design \|\n\n… and 2 more/);
    expect(short).not.toMatch(/^\| -? ?… and/m);
  });

  it("escapes table cells", () => {
    const odd = buildReviewReport(
      buildGraph({
        ...handMadeOrg,
        applications: [{ name: "x", label: "A | B <script>", users: ["bob@example.com"] }],
      }),
    );
    expect(reviewMarkdown(odd)).toContain("| A \\| B &lt;script> |");
  });
});
