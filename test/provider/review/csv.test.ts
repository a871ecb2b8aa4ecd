import { describe, expect, it } from "vitest";
import {
  ACCESS_CSV_COLUMNS,
  accessCsv,
  allGrants,
  formatCsv,
  parseCsv,
  parseCsvRecords,
} from "../../../provider/review";
import {
  type AccessPath,
  adminRoleId,
  applicationAssignmentId,
  effectiveAccessId,
  type Grant,
  membershipId,
} from "../../../provider/sync/graph";
import { buildGraph, handMadeOrg, oid } from "./fixtures";

const graph = buildGraph(handMadeOrg);

/** Rebuilds grants and effective access from the CSV rows alone, as a spreadsheet user could. */
function rebuild(csv: string) {
  const records = parseCsvRecords(csv);
  const grants: Grant[] = [];
  const access = new Map<string, { id: string; applicationId: string; userId: string; paths: AccessPath[] }>();
  for (const r of records) {
    if (r.derived === "no") {
      if (r.entitlement_type === "group") {
        grants.push({
          id: membershipId(r.entitlement_id as string, r.principal_id as string),
          kind: "group_membership",
          groupId: r.entitlement_id as string,
          userId: r.principal_id as string,
        });
      } else if (r.entitlement_type === "application") {
        const targetType = r.principal_type as "user" | "user_group";
        grants.push({
          id: applicationAssignmentId(r.entitlement_id as string, targetType, r.principal_id as string),
          kind: "application_assignment",
          applicationId: r.entitlement_id as string,
          targetType,
          targetId: r.principal_id as string,
        });
      } else {
        grants.push({
          id: adminRoleId(r.principal_id as string, r.entitlement_id as string),
          kind: "admin_role",
          adminId: r.principal_id as string,
          roleId: r.entitlement_id as string,
        });
      }
      expect(r.grant_id).toBe(grants.at(-1)?.id);
    } else {
      const id = effectiveAccessId(r.entitlement_id as string, r.principal_id as string);
      const entry = access.get(id) ?? {
        id,
        applicationId: r.entitlement_id as string,
        userId: r.principal_id as string,
        paths: [],
      };
      entry.paths.push(
        r.path === "direct" ? { via: "direct" } : { via: "user_group", groupId: r.via_group_id as string },
      );
      access.set(id, entry);
    }
  }
  const pathKey = (p: AccessPath) => (p.via === "direct" ? "" : p.groupId);
  const effectiveAccess = [...access.values()]
    .map((e) => ({ ...e, paths: e.paths.sort((a, b) => (pathKey(a) < pathKey(b) ? -1 : 1)) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return { grants: grants.sort((a, b) => (a.id < b.id ? -1 : 1)), effectiveAccess, records };
}

describe("access.csv", () => {
  it("parses back into exactly the graph's grants and effective access", () => {
    const csv = accessCsv(graph);
    const rebuilt = rebuild(csv);
    expect(rebuilt.grants).toEqual(allGrants(graph));
    expect(rebuilt.effectiveAccess).toEqual(graph.effectiveAccess);
    expect(parseCsv(csv)[0]).toEqual([...ACCESS_CSV_COLUMNS]);
  });

  it("has one row per principal × entitlement × path, with a console link and the linked account", () => {
    const { records } = rebuild(accessCsv(graph));
    const grace = records.filter((r) => r.principal === "grace@example.com" && r.entitlement === "Slack");
    expect(grace.map((r) => `${r.path}:${r.via_group}`).sort()).toEqual(["via_group:engineering", "via_group:ops"]);
    const alice = records.find(
      (r) => r.principal === "alice@example.com" && r.path === "direct" && r.derived === "yes",
    );
    expect(alice).toMatchObject({
      principal_state: "active",
      linked_account: "Alice@Example.com",
      console_url: `https://console.jumpcloud.com/#/sso/${oid("app:slack")}/details`,
      managed: "",
    });
    const root = records.find((r) => r.principal === "root@example.com");
    expect(root).toMatchObject({ principal_type: "admin", entitlement: "Administrator", linked_account: "" });
    const dave = records.find((r) => r.principal === "dave@example.com" && r.entitlement_type === "group");
    expect(dave?.principal_state).toBe("suspended");
  });

  it("fills the managed column only when managed ids are known", () => {
    const bob = `${oid("group:engineering")}/${oid("user:bob@example.com")}`;
    const ids = allGrants(graph)
      .map((g) => g.id)
      .filter((id) => id !== bob);
    const { records } = rebuild(accessCsv(graph, { managedEdgeIds: ids }));
    expect(
      records.filter((r) => r.managed === "no").map((r) => `${r.derived}:${r.principal}:${r.entitlement}`),
    ).toEqual(["no:bob@example.com:engineering", "yes:bob@example.com:Slack"]);
  });

  it("quotes separators and neutralises spreadsheet formulas, and both round-trip", () => {
    const tricky = ['=HYPERLINK("x")', "a,b", 'say "hi"', "line\nbreak", "-ops", "'=already", "@home", "plain", ""];
    const csv = formatCsv(
      ["value"],
      tricky.map((v) => [v]),
    );
    expect(csv).toContain("'=HYPERLINK");
    expect(csv).toContain("'-ops");
    expect(
      parseCsv(csv)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(tricky);
  });

  it("round-trips names with commas, quotes and formula characters", () => {
    const odd = buildGraph({
      ...handMadeOrg,
      groups: [{ name: '=cmd|"/c calc"!A1, team', members: ["bob@example.com"] }],
      applications: [{ name: "x", label: 'App, "quoted"\nlabel', groups: ['=cmd|"/c calc"!A1, team'] }],
    });
    const { records } = rebuild(accessCsv(odd));
    expect(records.find((r) => r.entitlement_type === "group")?.entitlement).toBe('=cmd|"/c calc"!A1, team');
    expect(records.find((r) => r.derived === "yes")?.entitlement).toBe('App, "quoted"\nlabel');
  });
});
