/**
 * Which resources claim one parent (an application, an admin account) in this engine run, for kinds where an
 * exclusive set fights with any other declaration on its parent and non-exclusive declarations coexist. Claims are
 * made in `check`, after the parent is resolved to its id, so a parent named in one resource and given by id in
 * another is still caught, whichever of the two the engine checks first.
 */
export interface ClaimWording<Style extends string> {
  /** The style that owns the whole parent. */
  exclusive: Style;
  /** The message naming the parent, both styles and the fix. */
  conflict(parent: { id: string; label: string }, earlier: Style, later: Style): string;
}

interface Claim<Style> {
  style: Style;
  /** The resource's validated inputs: the same resource checked twice is not a conflict with itself. */
  fingerprint: string;
}

export class ExclusiveSetClaims<Style extends string> {
  private readonly claims = new Map<string, Claim<Style>[]>();

  constructor(private readonly wording: ClaimWording<Style>) {}

  /** Records the claim; returns a message naming the parent and the fix when it conflicts with an earlier one. */
  claim(orgKey: string, parentId: string, label: string, style: Style, fingerprint: string): string | undefined {
    const key = `${orgKey}/${parentId}`;
    const existing = this.claims.get(key) ?? [];
    const { exclusive } = this.wording;
    const conflict = existing.find(
      (c) => c.fingerprint !== fingerprint && (c.style === exclusive || style === exclusive),
    );
    if (conflict) return this.wording.conflict({ id: parentId, label }, conflict.style, style);
    if (!existing.some((c) => c.fingerprint === fingerprint)) existing.push({ style, fingerprint });
    this.claims.set(key, existing);
    return undefined;
  }
}
