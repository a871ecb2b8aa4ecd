/**
 * The access edges (grant ids of the access graph) that the resources of this engine run declare, per organization.
 *
 * A program that moves an edge from one resource to another (a group switched between per-member memberships and
 * one member set, an assignment renamed without an alias, a forced `--replace`) makes the engine create the new
 * resource first and delete the old one at the end of the update. Both declare the same edge, so the delete would
 * remove what the program still asks for. The engine calls `diff` for every resource still in the program and
 * `create` for every new one before it deletes any removed resource, so by then every declared edge is recorded
 * here, and a delete leaves such an edge in place.
 *
 * Recorded from `diff`, `create` and `update` only, with the edges resolved from the new inputs: never from `check`
 * (which may name inputs that fail later) nor from `read` (a refresh reads resources the update then deletes).
 * The record only grows during a run; the engine starts a new provider process for the next one. Keyed by the
 * organization's one key (`ctx.org(orgId)`, `index.org`), like the group claims: an edge declared in one organization
 * protects nothing in another, and a resource without `orgId` and one naming the same organization share the key.
 */
export class DeclaredEdges {
  private readonly edges = new Map<string, Set<string>>();

  record(org: string, edgeIds: Iterable<string>): void {
    let set = this.edges.get(org);
    if (!set) {
      set = new Set();
      this.edges.set(org, set);
    }
    for (const id of edgeIds) set.add(id);
  }

  /** True when a resource of this run declares the edge in this organization. */
  declares(org: string, edgeId: string): boolean {
    return this.edges.get(org)?.has(edgeId) ?? false;
  }
}

/**
 * The notice when a delete (or a set dropping a user) leaves an edge in place; `what` names the edge: the user and
 * the group, the application and its target, the role and the admin.
 */
export function keptNotice(what: string): string {
  return `pulumi-jumpcloud-access: kept ${what}: another resource in this update declares it, so it stays in JumpCloud.`;
}
