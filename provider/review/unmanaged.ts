import type { AccessGraph } from "../sync/graph";
import { compareText, describeGrant, type GrantDescription, indexGraph, type GraphIndex } from "./graph-index";

/** A grant present in JumpCloud that no resource of the stack declares. */
export type UnmanagedGrant = GrantDescription;

export interface ManagedComparison {
  /** Grants in JumpCloud whose id no managed resource has: access given outside code. */
  unmanaged: UnmanagedGrant[];
  /** Managed ids with no grant in JumpCloud: access the code declares but JumpCloud no longer has (drift). */
  managedButAbsent: string[];
}

/**
 * Grant ids minus managed edge ids, and the reverse. Grant ids are the ids of the resources that manage the same
 * edge (see `provider/sync/graph.ts`), so this is a plain set difference: no name matching, no guessing.
 */
export function compareManaged(
  graphOrIndex: AccessGraph | GraphIndex,
  managedEdgeIds: Iterable<string>,
): ManagedComparison {
  const index = "grants" in graphOrIndex ? graphOrIndex : indexGraph(graphOrIndex);
  const managed = new Set(managedEdgeIds);
  const present = new Set(index.grants.map((grant) => grant.id));
  return {
    unmanaged: index.grants.filter((grant) => !managed.has(grant.id)).map((grant) => describeGrant(index, grant)),
    managedButAbsent: [...managed].filter((id) => !present.has(id)).sort(compareText),
  };
}

export function unmanagedGrants(graph: AccessGraph, managedEdgeIds: Iterable<string>): UnmanagedGrant[] {
  return compareManaged(graph, managedEdgeIds).unmanaged;
}
