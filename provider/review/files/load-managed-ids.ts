import { readFile } from "node:fs/promises";
import { JumpCloudError } from "../../errors";
import { managedEdgeIdsFrom } from "../managed-ids";

/** Reads the ids a stack manages from a JSON file (the forms `managedEdgeIdsFrom` accepts). */
export async function loadManagedEdgeIds(file: string): Promise<string[]> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (cause) {
    throw new JumpCloudError("invalid_input", `Cannot read managed edge ids from ${file}.`, {
      hint: "Pass a JSON file: an array of grant ids, `pulumi stack output --json`, or `pulumi stack export`.",
      cause,
    });
  }
  return managedEdgeIdsFrom(value, file);
}
