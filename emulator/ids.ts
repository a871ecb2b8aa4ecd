/**
 * JumpCloud ids are 24-hex Mongo ObjectIds. The emulator derives them from the org, the kind of object and its natural
 * key, so loading the same org file twice yields the same ids (stable snapshots, stable test expectations). A fast
 * non-cryptographic 96-bit hash is enough: ids only need to be stable and, for a 50,000-user org, distinct.
 */
function hash32(text: string, seed: number): number {
  let h = seed ^ 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const hex8 = (n: number) => n.toString(16).padStart(8, "0");

export function objectId(...parts: string[]): string {
  const text = parts.join("\u0000");
  return hex8(hash32(text, 0x9e3779b1)) + hex8(hash32(text, 0x7f4a7c15)) + hex8(hash32(text, 0x2545f491));
}

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && OBJECT_ID.test(value);
}
