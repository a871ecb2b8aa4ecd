import type { ValidManifest } from "../../manifest/flatten-manifest";
import { formatPath, type ManifestPath } from "../../manifest/locate";
import type { AccessGraph } from "../../sync/graph";
import { compareNames } from "../graph-index";
import type { BackingGrant } from "./campaign-rows";
import type { CheckedDecision, SheetIssue } from "./check-sheets";
import { endOfDay, formatDecision } from "./decision";
import type { ManifestEdit } from "./manifest-edit";

/** What one decision does to the manifest, in words, with the entries it touches. */
export interface PlannedDecision extends CheckedDecision {
  changes: string[];
}

/** One edit of the manifest and the grant it is about (its manifest key), for the record. */
export interface PlannedChange {
  op: "remove" | "set-expires" | "adopt" | "revoke";
  /** The entry edited or added, e.g. `groups.engineering.members[2]` or `revoked.groups.engineering.members`. */
  path: string;
  grant: string;
  grantId: string;
  expires?: string;
  description: string;
}

export interface EditPlan {
  edits: ManifestEdit[];
  changes: PlannedChange[];
  decisions: PlannedDecision[];
  issues: SheetIssue[];
}

export interface PlanContext {
  graph: AccessGraph;
  manifest: ValidManifest;
  campaign: string;
  /** `YYYY-MM-DD` (UTC): the day written as `reviewedAt`. */
  today: string;
  ticket?: string | undefined;
}

type Intent = { kind: "keep" } | { kind: "revoke" } | { kind: "keep-until"; day: string };

interface Vote {
  decision: CheckedDecision;
  grant: BackingGrant;
  intent: Intent;
}

const where = (d: CheckedDecision): string => `${d.sheet} row ${d.row}`;

function describeGrant(grant: BackingGrant): string {
  if (grant.kind === "membership") return `${grant.email} in group "${grant.group}"`;
  return grant.email !== undefined
    ? `${grant.email} assigned application "${grant.application}"`
    : `group "${grant.group}" assigned application "${grant.application}"`;
}

/** The grants a decision acts on and how; a decision that cannot be carried out becomes an issue instead. */
function votesOf(decision: CheckedDecision): { votes: Vote[]; issue?: string } {
  const votes: Vote[] = [];
  const grants = decision.current.grants;
  const kind = decision.decision.kind;
  if (kind === "keep") {
    const revoked = grants.find((g) => g.revokedAt !== undefined);
    if (revoked) {
      return {
        votes,
        issue: `${describeGrant(revoked)} is listed as revoked at ${revoked.revokedAt}: remove that entry from the manifest by hand if the access should stay.`,
      };
    }
    for (const grant of grants) votes.push({ decision, grant, intent: { kind: "keep" } });
    return { votes };
  }
  const personal = grants.filter((g) => g.personal);
  const dynamic = personal.find((g) => g.dynamicGroup);
  if (dynamic) {
    return {
      votes,
      issue: `the access comes through group "${dynamic.group}", whose members JumpCloud computes from a rule: change the group's rule in JumpCloud instead.`,
    };
  }
  if (kind === "revoke") {
    for (const grant of personal) if (!grant.revokedAt) votes.push({ decision, grant, intent: { kind: "revoke" } });
    return { votes };
  }
  const day = decision.decision.kind === "keep-until" ? decision.decision.day : "";
  for (const grant of grants) {
    votes.push({ decision, grant, intent: grant.personal ? { kind: "keep-until", day } : { kind: "keep" } });
  }
  return { votes };
}

/**
 * Turns checked decisions into edits of the manifest. Decisions of several owners can meet on one grant (the owner of
 * an application and the owner of a group both see a membership): agreeing decisions merge (the earliest
 * `keep-until` wins over a later one and over `keep`), and a `revoke` against a `keep` of the same grant is refused on
 * both rows, naming each other.
 */
export function planEdits(decisions: readonly CheckedDecision[], context: PlanContext): EditPlan {
  const issues: SheetIssue[] = [];
  const refuse = (d: CheckedDecision, reason: string) =>
    issues.push({ sheet: d.sheet, row: d.row, rowId: d.rowId, reason });

  const all: Vote[] = [];
  const usable: CheckedDecision[] = [];
  for (const decision of decisions) {
    const { votes, issue } = votesOf(decision);
    if (issue) refuse(decision, issue);
    else {
      usable.push(decision);
      all.push(...votes);
    }
  }
  const conflicting = new Set<CheckedDecision>();
  for (const votes of groupBy(all).values()) {
    const revokes = votes.filter((v) => v.intent.kind === "revoke");
    const keeps = votes.filter((v) => v.intent.kind !== "revoke");
    for (const revoke of revokes) {
      for (const keep of keeps) {
        if (keep.decision === revoke.decision) continue;
        const grant = describeGrant(revoke.grant);
        refuse(
          revoke.decision,
          `conflicts with ${where(keep.decision)} (${formatDecision(keep.decision.decision)} by ${keep.decision.reviewer}) on ${grant}: agree on one decision.`,
        );
        refuse(
          keep.decision,
          `conflicts with ${where(revoke.decision)} (revoke by ${revoke.decision.reviewer}) on ${grant}: agree on one decision.`,
        );
        conflicting.add(revoke.decision).add(keep.decision);
      }
    }
  }
  const kept = all.filter((v) => !conflicting.has(v.decision));
  const planned = new Map<CheckedDecision, PlannedDecision>(
    usable.filter((d) => !conflicting.has(d)).map((d) => [d, { ...d, changes: [] }]),
  );
  const edits: ManifestEdit[] = [];
  const changes: PlannedChange[] = [];
  const exclusive = new Set(
    Object.entries(context.manifest.groups ?? {})
      .filter(([, policy]) => policy.exclusive)
      .map(([name]) => name),
  );
  for (const votes of groupBy(kept).values()) {
    const first = votes[0];
    if (!first) continue;
    const grant = first.grant;
    const say = (text: string) => {
      for (const vote of votes) planned.get(vote.decision)?.changes.push(text);
    };
    const note = votes.map((v) => v.decision.note).find((n) => n !== "");
    const days = votes.flatMap((v) => (v.intent.kind === "keep-until" ? [v.intent.day] : [])).sort();
    const until = days[0];
    const declared = grant.declaredAt === undefined ? undefined : entryPath(context.manifest, grant.declaredAt);

    if (first.intent.kind === "revoke") {
      if (declared) {
        edits.push({ op: "remove", entry: declared });
        changes.push(change("remove", grant, formatPath(declared), `removed ${describeGrant(grant)}`));
        say(
          `removes ${describeGrant(grant)} (${formatPath(declared)})${alsoEnds(grant, first.decision, context.graph)}`,
        );
      } else if (grant.kind === "membership" && grant.group !== undefined && exclusive.has(grant.group)) {
        say(
          `no edit: group "${grant.group}" is exclusive, so the next update removes ${grant.email}, whom it does not list${alsoEnds(grant, first.decision, context.graph)}`,
        );
      } else {
        const list = revokedList(grant);
        const value: Record<string, string> = {
          [grant.kind === "membership" || grant.email !== undefined ? "email" : "group"]:
            grant.email ?? grant.group ?? "",
          reason: note ?? `revoked in access review ${context.campaign} by ${first.decision.reviewer}`,
          ...(context.ticket ? { ticket: context.ticket } : {}),
          reviewedAt: context.today,
        };
        edits.push({ op: "append", list, value });
        changes.push(change("revoke", grant, formatPath(list), `listed ${describeGrant(grant)} as revoked`));
        say(
          `lists ${describeGrant(grant)}, granted outside code, as revoked (${formatPath(list)})${alsoEnds(grant, first.decision, context.graph)}`,
        );
      }
      continue;
    }
    if (grant.kind === "membership" && grant.dynamicGroup) continue;
    if (declared) {
      if (until === undefined) continue;
      const expires = endOfDay(until);
      if (grant.expires !== undefined && Date.parse(grant.expires) === Date.parse(expires)) continue;
      edits.push({ op: "set-expires", entry: declared, expires });
      changes.push({
        ...change("set-expires", grant, formatPath(declared), `${describeGrant(grant)} now expires ${expires}`),
        expires,
      });
      say(
        `${describeGrant(grant)} expires ${expires} (${formatPath(declared)})${days.length > 1 ? ", the earliest of the days decided" : ""}`,
      );
      continue;
    }
    const list = adoptList(grant);
    const field = grant.email !== undefined ? "email" : "group";
    const name = grant.email ?? grant.group ?? "";
    const extra: Record<string, string> = {
      ...(until !== undefined ? { expires: endOfDay(until) } : {}),
      ...(note !== undefined ? { reason: note } : {}),
      ...(context.ticket && (until !== undefined || note !== undefined) ? { ticket: context.ticket } : {}),
    };
    edits.push({ op: "append", list, value: Object.keys(extra).length > 0 ? { [field]: name, ...extra } : name });
    const expiresNote = until !== undefined ? `, expiring ${endOfDay(until)}` : "";
    changes.push({
      ...change("adopt", grant, formatPath(list), `adopted ${describeGrant(grant)}${expiresNote}`),
      ...(until !== undefined ? { expires: endOfDay(until) } : {}),
    });
    say(`adopts ${describeGrant(grant)}, granted outside code, into ${formatPath(list)}${expiresNote}`);
  }
  for (const decision of planned.values()) {
    if (decision.changes.length === 0) decision.changes.push("no change: the manifest already says so");
  }
  return { edits, changes, decisions: [...planned.values()], issues };
}

function change(op: PlannedChange["op"], grant: BackingGrant, path: string, description: string): PlannedChange {
  return { op, path, grant: grant.key, grantId: grant.id, description };
}

function groupBy(votes: readonly Vote[]): Map<string, Vote[]> {
  const out = new Map<string, Vote[]>();
  for (const vote of votes) out.set(vote.grant.id, [...(out.get(vote.grant.id) ?? []), vote]);
  return out;
}

/** Revoking a membership ends everything the group gives: said on the row so the reviewer's choice is informed. */
function alsoEnds(grant: BackingGrant, decision: CheckedDecision, graph: AccessGraph): string {
  if (grant.kind !== "membership") return "";
  const [groupId, userId] = grant.id.split("/");
  const labels = new Map(graph.applications.map((a) => [a.id, a.label]));
  const others = graph.effectiveAccess
    .filter((a) => a.userId === userId && a.paths.some((p) => p.via === "user_group" && p.groupId === groupId))
    .filter(
      (a) =>
        !(decision.current.entitlementType === "application" && a.applicationId === decision.current.entitlementId),
    )
    .map((a) => labels.get(a.applicationId) ?? a.applicationId)
    .sort(compareNames);
  const via =
    decision.current.entitlementType === "application"
      ? `, which gives ${grant.email} "${decision.current.entitlement}"`
      : "";
  return others.length > 0
    ? `${via}; leaving the group also ends their access (through it) to ${others.map((o) => `"${o}"`).join(", ")}`
    : via;
}

function adoptList(grant: BackingGrant): ManifestPath {
  if (grant.kind === "membership") return ["groups", grant.group ?? "", "members"];
  return ["applications", grant.application ?? "", grant.email !== undefined ? "users" : "groups"];
}

function revokedList(grant: BackingGrant): ManifestPath {
  return ["revoked", ...adoptList(grant)];
}

/** The segments of a declared entry from its printed path (the grant records where it was declared). */
function entryPath(manifest: ValidManifest, printed: string): ManifestPath | undefined {
  for (const [name, policy] of Object.entries(manifest.groups ?? {})) {
    for (let i = 0; i < (policy.members?.length ?? 0); i++) {
      if (formatPath(["groups", name, "members", i]) === printed) return ["groups", name, "members", i];
    }
  }
  for (const [name, policy] of Object.entries(manifest.applications ?? {})) {
    for (const list of ["groups", "users"] as const) {
      for (let i = 0; i < (policy[list]?.length ?? 0); i++) {
        if (formatPath(["applications", name, list, i]) === printed) return ["applications", name, list, i];
      }
    }
  }
  return undefined;
}
