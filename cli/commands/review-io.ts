/**
 * What the review subcommands (report, campaign, apply) share: their streams and environment, one live sync of the
 * organization, and reading an input file with an error that names it.
 */
import { readFile } from "node:fs/promises";
import { JumpCloudClient } from "../../provider/client/jumpcloud-client";
import { resolveClientOptions } from "../../provider/config";
import { JumpCloudError } from "../../provider/errors";
import { fullSync } from "../../provider/sync/full-sync";
import type { AccessGraph } from "../../provider/sync/graph";

export interface ReviewIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

export async function liveSync(env: NodeJS.ProcessEnv): Promise<AccessGraph> {
  const client = new JumpCloudClient(resolveClientOptions({}, env));
  try {
    return await fullSync(client);
  } finally {
    await client.close();
  }
}

export async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (cause) {
    throw new JumpCloudError("invalid_input", `Cannot read ${what} ${file}.`, { hint: "Check the path.", cause });
  }
}
