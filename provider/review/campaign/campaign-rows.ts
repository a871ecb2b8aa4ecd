import { createHash } from "node:crypto";
import { JumpCloudError } from "../../errors";
import type { ValidManifest } from "../../manifest/flatten-manifest";
import {
  applicationGroupKey,
  applicationUserKey,
  type ManifestGrant,
  membershipKey,
  normalizeEmail,
} from "../../manifest/manifest-grant";
import { flattenRevoked, type RevokedGrant } from "../../manifest/revoked-grants";
import {
  type AccessGraph,
  type Application,
  applicationAssignmentId,
  type Group,
  membershipId,
  type UserState,
} from "../../sync/graph";
import { compareNames, compareText } from "../graph-index";
import { type ManifestNames, manifestNames } from "./manifest-names";

/**
 * One edge JumpCloud stores that gives a campaign row its access: the person's own grant (a direct application
 * assignment or a group membership) or the assignment of a group they are in. Decisions act on the person's own
 * grants; a group's assignment is shared by every member, so no one person's row removes it.
 */
export interface BackingGrant {
  /** The graph's grant id (= the id of the resource that manages the edge). */
  id: string;
  kind: "membership" | "application";
  /** The manifest key the grant has when declared (`membership:<group>:<email>`, `assignment:<app>:...`). */
  key: string;
  personal: boolean;
  /** The manifest's names for the edge's ends (what an edit of the manifest writes). */
  group?: string;
  application?: string;
  email?: string;
  /** Declared by the manifest: where, and its expiry (ISO) if any. */
  declaredAt?: string;
  expires?: string;
  /** Listed in the manifest's `revoked` section (the next update removes it). */
  revokedAt?: string;
  /** Membership of a rule-based group, which JumpCloud computes: no membership edit can change it. */
  dynamicGroup?: boolean;
}

export type RowRoute = { via: "direct" } | { via: "group"; group: string; groupId: string };

/** One person × one of an owner's entitlements. */
export interface CampaignRow {
  rowId: string;
  owner: string;
  entitlementType: "application" | "group";
  /** What people call it: the application's portal label, the group's name. */
  entitlement: string;
  entitlementId: string;
  user: string;
  userId: string;
  userState: UserState | "unknown";
  /** `direct`, `via group engineering`, `direct and via groups a, b`. */
  how: string;
  routes: RowRoute[];
  /** `managed` or `unmanaged`, then `expiring`, `revoked`, `suspended-user` when they apply, joined by "; ". */
  status: string;
  /** The earliest expiry of a declared grant behind the row (ISO), or "". */
  expires: string;
  grants: BackingGrant[];
}

export interface OwnerSheetRows {
  owner: string;
  rows: CampaignRow[];
}

export interface CampaignRowsInput {
  graph: AccessGraph;
  manifest: ValidManifest;
  /** The manifest's grants (from `parseManifest`). */
  grants: readonly ManifestGrant[];
}

/** The rows of every owner's sheet, owners sorted by email and rows by entitlement, then person. */
export function campaignRows(input: CampaignRowsInput): OwnerSheetRows[] {
  const { graph, manifest } = input;
  const names = manifestNames(graph, manifest);
  const declared = declaredByGraphId(input.grants, names);
  const revoked = revokedByGraphId(flattenRevoked(manifest), names);
  const users = new Map(graph.users.map((u) => [u.id, u]));
  const groups = new Map(graph.groups.map((g) => [g.id, g]));
  const entitlements = ownedEntitlements(manifest, names);

  const describe = (grant: BackingGrant): BackingGrant => {
    const decl = declared.get(grant.id);
    const rev = revoked.get(grant.id);
    const out = { ...grant };
    if (decl) {
      out.declaredAt = decl.path;
      if (decl.expires) out.expires = decl.expires.toISOString();
    }
    if (rev) out.revokedAt = rev.path;
    return out;
  };
  const userEmail = (id: string) => users.get(id)?.email ?? `unknown user ${id}`;
  const membership = (group: Group, userId: string): BackingGrant =>
    describe({
      id: membershipId(group.id, userId),
      kind: "membership",
      key: membershipKey(names.groupKey(group), userEmail(userId)),
      personal: true,
      group: names.groupKey(group),
      email: normalizeEmail(userEmail(userId)),
      ...(group.membershipMethod.startsWith("DYNAMIC") ? { dynamicGroup: true } : {}),
    });

  const byOwner = new Map<string, CampaignRow[]>();
  const add = (owner: string, row: Omit<CampaignRow, "owner" | "rowId" | "status" | "expires" | "userState">) => {
    const state = users.get(row.userId)?.state ?? "unknown";
    const full: CampaignRow = {
      ...row,
      owner,
      rowId: rowId(row.entitlementType, row.entitlementId, row.userId),
      userState: state,
      status: statusOf(row.grants, state),
      expires: earliest(row.grants),
    };
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), full]);
  };

  for (const { owners, application } of entitlements.applications) {
    const appKey = names.applicationKey(application);
    for (const access of graph.effectiveAccess.filter((a) => a.applicationId === application.id)) {
      const grants: BackingGrant[] = [];
      const routes: RowRoute[] = [];
      for (const path of access.paths) {
        if (path.via === "direct") {
          routes.push({ via: "direct" });
          grants.push(
            describe({
              id: applicationAssignmentId(application.id, "user", access.userId),
              kind: "application",
              key: applicationUserKey(appKey, userEmail(access.userId)),
              personal: true,
              application: appKey,
              email: normalizeEmail(userEmail(access.userId)),
            }),
          );
        } else {
          const group = groups.get(path.groupId) ?? unknownGroup(path.groupId);
          routes.push({ via: "group", group: group.name, groupId: group.id });
          grants.push(
            describe({
              id: applicationAssignmentId(application.id, "user_group", group.id),
              kind: "application",
              key: applicationGroupKey(appKey, names.groupKey(group)),
              personal: false,
              application: appKey,
              group: names.groupKey(group),
            }),
            membership(group, access.userId),
          );
        }
      }
      for (const owner of owners) {
        add(owner, {
          entitlementType: "application",
          entitlement: application.label,
          entitlementId: application.id,
          user: userEmail(access.userId),
          userId: access.userId,
          how: howOf(routes),
          routes,
          grants,
        });
      }
    }
  }
  for (const { owners, group } of entitlements.groups) {
    for (const edge of graph.memberships.filter((m) => m.groupId === group.id)) {
      for (const owner of owners) {
        add(owner, {
          entitlementType: "group",
          entitlement: group.name,
          entitlementId: group.id,
          user: userEmail(edge.userId),
          userId: edge.userId,
          how: "direct",
          routes: [{ via: "direct" }],
          grants: [membership(group, edge.userId)],
        });
      }
    }
  }
  const owners = [...new Set([...entitlements.applications, ...entitlements.groups].flatMap((e) => e.owners))];
  return owners.sort(compareText).map((owner) => ({ owner, rows: (byOwner.get(owner) ?? []).sort(compareRows) }));
}

/** Stable across syncs and sheets: the same person on the same entitlement always has the same row id. */
export function rowId(type: CampaignRow["entitlementType"], entitlementId: string, userId: string): string {
  const hash = createHash("sha256").update(`${type}\u0000${entitlementId}\u0000${userId}`).digest("hex");
  return `${type === "application" ? "A" : "G"}-${hash.slice(0, 12)}`;
}

function compareRows(a: CampaignRow, b: CampaignRow): number {
  return (
    compareText(a.entitlementType, b.entitlementType) ||
    compareNames(a.entitlement, b.entitlement) ||
    compareNames(a.user, b.user) ||
    compareText(a.rowId, b.rowId)
  );
}

function howOf(routes: readonly RowRoute[]): string {
  const direct = routes.some((r) => r.via === "direct");
  const groups = routes.flatMap((r) => (r.via === "group" ? [r.group] : []));
  const via = groups.length === 0 ? "" : `via group${groups.length > 1 ? "s" : ""} ${groups.join(", ")}`;
  if (direct && via) return `direct and ${via}`;
  return direct ? "direct" : via;
}

function statusOf(grants: readonly BackingGrant[], state: CampaignRow["userState"]): string {
  const flags = [grants.every((g) => g.declaredAt !== undefined) ? "managed" : "unmanaged"];
  if (grants.some((g) => g.expires !== undefined)) flags.push("expiring");
  if (grants.some((g) => g.revokedAt !== undefined)) flags.push("revoked");
  if (state === "suspended" || state === "locked") flags.push("suspended-user");
  return flags.join("; ");
}

function earliest(grants: readonly BackingGrant[]): string {
  const all = grants.flatMap((g) => (g.expires ? [g.expires] : [])).sort(compareText);
  return all[0] ?? "";
}

const unknownGroup = (id: string): Group => ({ id, name: `unknown group ${id}`, membershipMethod: "NOTSET" });

interface OwnedEntitlements {
  applications: { owners: string[]; application: Application }[];
  groups: { owners: string[]; group: Group }[];
}

/** The groups and applications that name an owner, matched to the graph; an owned name the org lacks is an error. */
function ownedEntitlements(manifest: ValidManifest, names: ManifestNames): OwnedEntitlements {
  const missing: string[] = [];
  const out: OwnedEntitlements = { applications: [], groups: [] };
  const ownersOf = (owner: string[] | undefined) => [...new Set((owner ?? []).map(normalizeEmail))];
  for (const [name, policy] of Object.entries(manifest.applications ?? {})) {
    if (!policy.owner) continue;
    const application = names.application(name);
    if (application) out.applications.push({ owners: ownersOf(policy.owner), application });
    else missing.push(`application "${name}"`);
  }
  for (const [name, policy] of Object.entries(manifest.groups ?? {})) {
    if (!policy.owner) continue;
    const group = names.group(name);
    if (group) out.groups.push({ owners: ownersOf(policy.owner), group });
    else missing.push(`group "${name}"`);
  }
  if (missing.length > 0) {
    throw new JumpCloudError(
      "invalid_input",
      `The manifest names owners for ${missing.join(", ")}, which the organization does not have.`,
      {
        hint: "Fix the name in the manifest, or create it in JumpCloud (pulumi up creates no groups or applications).",
      },
    );
  }
  return out;
}

/** Graph grant id → the manifest entry declaring it, for every declared grant whose names the graph has. */
function declaredByGraphId(grants: readonly ManifestGrant[], names: ManifestNames): Map<string, ManifestGrant> {
  const out = new Map<string, ManifestGrant>();
  for (const grant of grants) {
    for (const id of graphIds(grant, names)) out.set(id, grant);
  }
  return out;
}

function revokedByGraphId(grants: readonly RevokedGrant[], names: ManifestNames): Map<string, RevokedGrant> {
  const out = new Map<string, RevokedGrant>();
  for (const grant of grants) {
    for (const id of graphIds(grant, names)) out.set(id, grant);
  }
  return out;
}

type Edge = ManifestGrant | RevokedGrant;

function graphIds(grant: Edge, names: ManifestNames): string[] {
  if (grant.kind === "membership") {
    const group = names.group(grant.group);
    return group ? names.users(grant.email).map((u) => membershipId(group.id, u.id)) : [];
  }
  if (grant.kind === "application") {
    const application = names.application(grant.application);
    if (!application) return [];
    if (grant.target.type === "user") {
      return names.users(grant.target.email).map((u) => applicationAssignmentId(application.id, "user", u.id));
    }
    const group = names.group(grant.target.group);
    return group ? [applicationAssignmentId(application.id, "user_group", group.id)] : [];
  }
  return [];
}
