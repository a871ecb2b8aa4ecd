import { createHash } from "node:crypto";

/**
 * JumpCloud ids are 24-hex Mongo ObjectIds. The emulator derives them from the org, the kind of object and its natural
 * key, so loading the same org file twice yields the same ids (stable snapshots, stable test expectations).
 */
export function objectId(...parts: string[]): string {
  return createHash("sha1").update(parts.join("\u0000")).digest("hex").slice(0, 24);
}

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && OBJECT_ID.test(value);
}
