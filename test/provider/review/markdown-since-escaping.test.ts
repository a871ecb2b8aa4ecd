import { describe, expect, it } from "vitest";
import { buildReviewReport, reviewMarkdown } from "../../../provider/review";
import { buildGraph, handMadeOrg, type OrgFixture } from "./fixtures";

// A group name is text anyone with console access can set. In review.md it must stay text: no HTML that a renderer
// would run or hide, no "|" that breaks a table, no line break that starts a new Markdown block.
const HOSTILE = "ops <img src=x onerror=alert(1)> | **owned**\n# heading";

function renamed(name: string, generatedAt: string, extraMember?: string) {
  const org: OrgFixture = structuredClone(handMadeOrg);
  const ops = org.groups.find((g) => g.name === "ops");
  if (!ops) throw new Error("the fixture has a group ops");
  ops.name = name;
  if (extraMember) ops.members.push(extraMember);
  for (const app of org.applications) app.groups = app.groups?.map((g) => (g === "ops" ? name : g));
  return buildGraph({ ...org, generatedAt });
}

describe("#12.15 errors shown to the user: review.md escapes group names in the --since section", () => {
  it("escapes the routes of added access like every other cell", () => {
    const before = renamed(HOSTILE, "2026-11-30T04:00:00.000Z");
    const after = renamed(HOSTILE, "2026-12-01T00:00:00.000Z", "frank@example.com");
    const markdown = reviewMarkdown(buildReviewReport(after, { since: before }));
    const section = markdown.slice(markdown.indexOf("## Changes since"), markdown.indexOf("Grants (memberships"));
    expect(section).toContain(
      "- **added** frank@example.com → Slack (via group ops &lt;img src=x onerror=alert(1)> \\| **owned** # heading)",
    );
    expect(section).not.toContain("<img");
    expect(section).not.toMatch(/^# heading/m);
  });

  it("escapes the routes of removed access too", () => {
    const before = renamed(HOSTILE, "2026-11-30T04:00:00.000Z", "frank@example.com");
    const after = renamed(HOSTILE, "2026-12-01T00:00:00.000Z");
    const markdown = reviewMarkdown(buildReviewReport(after, { since: before }));
    expect(markdown).toContain(
      "- **removed** frank@example.com → Slack (was via group ops &lt;img src=x onerror=alert(1)> \\| **owned** # heading)",
    );
    expect(markdown).not.toContain("<img");
  });
});
