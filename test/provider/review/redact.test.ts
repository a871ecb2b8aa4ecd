import { describe, expect, it } from "vitest";
import { buildReviewReport, redactEmail, redactGraph } from "../../../provider/review";
import { buildGraph, handMadeOrg } from "./fixtures";

const graph = buildGraph(handMadeOrg);

describe("email redaction", () => {
  it("keeps the domain and gives one person the same pseudonym whatever the case", () => {
    expect(redactEmail("alice@example.com")).toMatch(/^user-[0-9a-f]{8}@example\.com$/);
    expect(redactEmail("Alice@Example.COM")).toBe(redactEmail("alice@example.com"));
    expect(redactEmail("bob@example.com")).not.toBe(redactEmail("alice@example.com"));
  });

  it("leaves no address, nor a username that gives it back, anywhere in the published report", () => {
    const report = buildReviewReport(graph, { redactEmails: true, managedEdgeIds: [] });
    const text = JSON.stringify(report);
    for (const person of [...handMadeOrg.users, ...handMadeOrg.admins]) {
      expect(text.toLowerCase()).not.toContain(person.email.toLowerCase());
    }
    expect(text).not.toMatch(/"username":"(alice|bob|carol)"/);
    expect(report.summary.emailsRedacted).toBe(true);
  });

  it("keeps the link between a person's user and admin accounts", () => {
    const redacted = redactGraph(graph);
    const admin = redacted.admins.find((a) => a.linkedUserId !== null && a.roleNames.includes("Help Desk"));
    const user = redacted.users.find((u) => u.id === admin?.linkedUserId);
    expect(admin?.email).toBe(user?.email);
    expect(user?.displayName).toBe("Alice Adams");
  });

  it("does not change the input graph", () => {
    const copy = structuredClone(graph);
    redactGraph(graph);
    expect(graph).toEqual(copy);
  });
});
