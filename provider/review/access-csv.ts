import type { AccessGraph } from "../sync/graph";
import { applicationAssignmentId, membershipId } from "../sync/graph";
import { consoleLinks } from "./console-links";
import { compareText, describeGrant, groupName, indexGraph } from "./graph-index";
import { formatCsv } from "./csv-format";

/**
 * The columns of `access.csv`: one row per principal × entitlement × path.
 *
 * - Grant rows (`derived` = no) are the edges JumpCloud stores: a user in a group, an application assigned to a
 *   user or to a group, an admin account holding a role. `grant_id` is the edge id (= the id of the resource that
 *   manages it).
 * - Access rows (`derived` = yes) are what users can reach because of them: one row per user × application × route,
 *   `path` = direct or via_group (with the group). A user reaching an application directly and through two groups
 *   has three rows, so a spreadsheet filter on `path` separates direct from inherited access.
 */
export const ACCESS_CSV_COLUMNS = [
  "principal_type",
  "principal_id",
  "principal",
  "principal_state",
  "linked_account",
  "entitlement_type",
  "entitlement_id",
  "entitlement",
  "path",
  "via_group_id",
  "via_group",
  "derived",
  "grant_id",
  "managed",
  "console_url",
] as const;

export interface AccessCsvOptions {
  /** Without managed ids the `managed` column is left empty ("not known"), not "no". */
  managedEdgeIds?: Iterable<string>;
}

export function accessCsv(graph: AccessGraph, options: AccessCsvOptions = {}): string {
  const index = indexGraph(graph);
  const links = consoleLinks(graph.org);
  const managed = options.managedEdgeIds === undefined ? undefined : new Set(options.managedEdgeIds);
  const managedCell = (...ids: string[]) =>
    managed === undefined ? "" : ids.every((id) => managed.has(id)) ? "yes" : "no";
  const userState = (id: string) => index.users.get(id)?.state ?? "unknown";
  const userLink = (id: string) => index.adminByUserId.get(id)?.email ?? "";
  const adminLink = (id: string) => {
    const linked = index.admins.get(id)?.linkedUserId;
    return linked ? (index.users.get(linked)?.email ?? "") : "";
  };

  const rows: string[][] = [];
  for (const grant of index.grants) {
    const d = describeGrant(index, grant);
    let state = "";
    let linked = "";
    let url = "";
    if (d.principalType === "user") {
      state = userState(d.principalId);
      linked = userLink(d.principalId);
      url = d.entitlementType === "group" ? links.group(d.entitlementId) : links.application(d.entitlementId);
    } else if (d.principalType === "user_group") {
      url = links.application(d.entitlementId);
    } else {
      state = index.admins.get(d.principalId)?.suspended ? "suspended" : "active";
      linked = adminLink(d.principalId);
      url = links.admins();
    }
    rows.push([
      d.principalType,
      d.principalId,
      d.principal,
      state,
      linked,
      d.entitlementType,
      d.entitlementId,
      d.entitlement,
      "direct",
      "",
      "",
      "no",
      d.id,
      managedCell(d.id),
      url,
    ]);
  }
  for (const access of graph.effectiveAccess) {
    for (const path of access.paths) {
      const viaGroup = path.via === "user_group";
      const rests = viaGroup
        ? [
            applicationAssignmentId(access.applicationId, "user_group", path.groupId),
            membershipId(path.groupId, access.userId),
          ]
        : [applicationAssignmentId(access.applicationId, "user", access.userId)];
      rows.push([
        "user",
        access.userId,
        index.users.get(access.userId)?.email ?? `unknown user ${access.userId}`,
        userState(access.userId),
        userLink(access.userId),
        "application",
        access.applicationId,
        index.applications.get(access.applicationId)?.label ?? `unknown application ${access.applicationId}`,
        viaGroup ? "via_group" : "direct",
        viaGroup ? path.groupId : "",
        viaGroup ? groupName(index, path.groupId) : "",
        "yes",
        "",
        managedCell(...rests),
        links.application(access.applicationId),
      ]);
    }
  }
  // Grant rows first (sorted by grant id), then access rows by application, user and path: stable across syncs.
  const grantRows = rows.filter((r) => r[11] === "no");
  const accessRows = rows
    .filter((r) => r[11] === "yes")
    .sort(
      (a, b) =>
        compareText(a.slice(5, 11).join("\u0000"), b.slice(5, 11).join("\u0000")) ||
        compareText(a[1] ?? "", b[1] ?? ""),
    );
  return formatCsv(ACCESS_CSV_COLUMNS, [...grantRows, ...accessRows]);
}
