import { describe, expect, it } from "vitest";
import { allGrants, buildReviewReport, compareManaged, unmanagedGrants } from "../../../provider/review";
import { buildGraph, handMadeOrg, oid } from "./fixtures";

const graph = buildGraph(handMadeOrg);
const ids = allGrants(graph).map((g) => g.id);

describe("unmanaged access", () => {
  it("is grant ids minus managed ids, described in words", () => {
    const oob = `${oid("app:github")}/user/${oid("user:erin@example.com")}`;
    const unmanaged = unmanagedGrants(
      graph,
      ids.filter((id) => id !== oob),
    );
    expect(unmanaged).toEqual([
      {
        id: oob,
        kind: "application_assignment",
        principalType: "user",
        principalId: oid("user:erin@example.com"),
        principal: "erin@example.com",
        entitlementType: "application",
        entitlementId: oid("app:github"),
        entitlement: "GitHub",
        description: 'erin@example.com is assigned application "GitHub" directly',
      },
    ]);
  });

  it("covers every kind of grant, and reports managed ids JumpCloud no longer has", () => {
    const adminGrant = `${oid("admin:root@example.com")}/${oid("role:Administrator")}`;
    const groupGrant = `${oid("app:figma")}/user_group/${oid("group:design")}`;
    const gone = `${oid("group:ops")}/${oid("user:frank@example.com")}`;
    const result = compareManaged(graph, [...ids.filter((id) => id !== adminGrant && id !== groupGrant), gone]);
    expect(result.unmanaged.map((u) => u.description).sort()).toEqual([
      'admin account root@example.com holds role "Administrator"',
      'group "design" is assigned application "Figma"',
    ]);
    expect(result.managedButAbsent).toEqual([gone]);
  });

  it("treats an empty managed list as 'nothing declared' and a missing one as 'not known'", () => {
    expect(unmanagedGrants(graph, [])).toHaveLength(ids.length);
    const unknown = buildReviewReport(graph);
    expect(unknown.summary.counts.unmanaged).toBeNull();
    expect(unknown.managedEdgeIdsGiven).toBe(false);
    const none = buildReviewReport(graph, { managedEdgeIds: [] });
    expect(none.summary.counts.unmanaged).toBe(ids.length);
  });
});
