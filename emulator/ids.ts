/**
 * JumpCloud ids are 24-hex Mongo ObjectIds. The emulator derives them from the org, the kind of object and its natural
 * key, so loading the same org file twice yields the same ids (stable snapshots, stable test expectations). A fast
 * non-cryptographic 96-bit hash is enough: ids only need to be stable and, for a 50,000-user org, distinct.
 */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const hex8 = (n: number) => (n + 0x100000000).toString(16).slice(1);

/** Three FNV-1a lanes with different seeds over the parts (separated by NUL), in one pass. */
export function objectId(...parts: string[]): string {
  let a = 0x9e3779b1 ^ 0x811c9dc5;
  let b = 0x7f4a7c15 ^ 0x811c9dc5;
  let c = 0x2545f491 ^ 0x811c9dc5;
  for (let p = 0; p < parts.length; p++) {
    const text = parts[p]!;
    if (p > 0) {
      a = Math.imul(a, 0x01000193);
      b = Math.imul(b, 0x01000193);
      c = Math.imul(c, 0x01000193);
    }
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x01000193);
      c = Math.imul(c ^ code, 0x01000193);
    }
  }
  return hex8(mix(a)) + hex8(mix(b)) + hex8(mix(c));
}

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && OBJECT_ID.test(value);
}
