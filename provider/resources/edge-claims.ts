/**
 * Which access edges the resources of this engine run declare present (a grant) and which they hold absent (a
 * revocation). A program holding one edge both ways would grant it and revoke it on every update, each resource
 * undoing the other; the second of the two to be checked fails `check` (so `pulumi preview` stops before anything
 * runs), naming the edge and the other resource.
 *
 * Claims are made in `check`, after the ends are resolved to ids, so a group named in one resource and given by id
 * in another is still caught. Keyed by the organization's one key (`index.org`) and the access graph's grant id.
 */
export class EdgeClaims {
  private readonly present = new Map<string, string>();
  private readonly absent = new Map<string, { by: string; what: string }>();

  /** Records that `by` (the kind, e.g. "UserGroupMembership") grants the edge; a conflict's reason otherwise. */
  claimPresent(org: string, grantId: string, by: string): string | undefined {
    const key = `${org}/${grantId}`;
    if (!this.present.has(key)) this.present.set(key, by);
    const revoked = this.absent.get(key);
    if (!revoked) return undefined;
    return `${revoked.what} is revoked by ${revoked.by} in this program, and this ${by} grants it: each would undo the other on every update. Remove the revocation or the grant.`;
  }

  /** Records that `by` holds the edge (`what` names it) absent; a conflict's reason when something grants it. */
  claimAbsent(org: string, grantId: string, by: string, what: string): string | undefined {
    const key = `${org}/${grantId}`;
    if (!this.absent.has(key)) this.absent.set(key, { by, what });
    const granted = this.present.get(key);
    if (!granted) return undefined;
    return `${what} is granted by ${granted} in this program and revoked here: each would undo the other on every update. Remove the revocation or the grant.`;
  }
}
