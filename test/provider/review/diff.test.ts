import { describe, expect, it } from "vitest";
import { buildReviewReport, diffGraphs, isEmptyDiff } from "../../../provider/review";
import { buildGraph, handMadeOrg, type OrgFixture } from "./fixtures";

const before = buildGraph(handMadeOrg);

function changed(edit: (org: OrgFixture) => void): ReturnType<typeof buildGraph> {
  const org: OrgFixture = structuredClone(handMadeOrg);
  edit(org);
  return buildGraph({ ...org, generatedAt: "2026-12-01T00:00:00.000Z" });
}

describe("--since diff", () => {
  it("is empty for the same content", () => {
    const diff = diffGraphs(before, buildGraph({ ...handMadeOrg, generatedAt: "2026-12-01T00:00:00.000Z" }));
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff.since.generatedAt).toBe("2026-11-30T04:00:00.000Z");
  });

  it("reports access added through a new membership, and the grant behind it", () => {
    const after = changed((org) => org.groups.find((g) => g.name === "ops")?.members.push("frank@example.com"));
    const diff = diffGraphs(before, after);
    expect(diff.access.added.map((a) => [a.user, a.application, a.before, a.after])).toEqual([
      ["frank@example.com", "Slack", [], ["via group ops"]],
    ]);
    expect(diff.access.removed).toEqual([]);
    expect(diff.grants.added.map((g) => g.description)).toEqual(['frank@example.com is a member of group "ops"']);
    expect(diff.grants.removed).toEqual([]);
  });

  it("reports access removed, and a change of route that keeps the access", () => {
    const after = changed((org) => {
      const github = org.applications.find((a) => a.name === "github");
      if (github) github.users = ["carol@example.com"];
      const slack = org.applications.find((a) => a.name === "slack");
      if (slack) slack.users = [];
    });
    const diff = diffGraphs(before, after);
    expect(diff.access.removed.map((a) => [a.user, a.application, a.before, a.after])).toEqual([
      ["erin@example.com", "GitHub", ["direct"], []],
    ]);
    expect(diff.access.changed.map((a) => [a.user, a.application, a.before, a.after])).toEqual([
      ["alice@example.com", "Slack", ["direct", "via group engineering"], ["via group engineering"]],
    ]);
    expect(diff.grants.removed.map((g) => g.description).sort()).toEqual([
      'alice@example.com is assigned application "Slack" directly',
      'erin@example.com is assigned application "GitHub" directly',
    ]);
  });

  it("reports people and admin roles that appeared or left", () => {
    const after = changed((org) => {
      org.users.push({ email: "ivan@example.com" });
      org.users = org.users.filter((u) => u.email !== "heidi@example.com");
      org.admins.push({ email: "ops-admin@example.com", roles: ["Read Only"] });
    });
    const diff = diffGraphs(before, after);
    expect(diff.users).toEqual({ added: ["ivan@example.com"], removed: ["heidi@example.com"] });
    expect(diff.admins).toEqual({ added: ["ops-admin@example.com"], removed: [] });
    expect(diff.grants.added.map((g) => g.description)).toEqual([
      'admin account ops-admin@example.com holds role "Read Only"',
    ]);
  });

  it("lines up across redaction, since both sides get the same pseudonyms", () => {
    const after = changed((org) => org.groups.find((g) => g.name === "ops")?.members.push("frank@example.com"));
    const report = buildReviewReport(after, { since: before, redactEmails: true });
    expect(report.diff?.access.added).toHaveLength(1);
    expect(report.diff?.access.added[0]?.user).toMatch(/^user-[0-9a-f]{8}@example\.com$/);
    expect(report.diff?.access.removed).toEqual([]);
  });
});
