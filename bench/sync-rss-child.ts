/**
 * Runs one full sync in a fresh process and prints its peak resident set size, so the figure is the sync's own
 * (the emulator serving it lives in the parent). Configured like the CLI, from JUMPCLOUD_* variables.
 */
import { JumpCloudClient } from "../provider/client/jumpcloud-client";
import { resolveClientOptions } from "../provider/config";
import { fullSync } from "../provider/sync/full-sync";
import { graphJsonChunks } from "../provider/sync/graph-json";

async function main(): Promise<void> {
  const client = new JumpCloudClient(resolveClientOptions({}));
  try {
    const graph = await fullSync(client);
    // The CLI streams the graph as JSON: include that in the peak, as a user running `sync --out` would see it.
    let bytes = 0;
    for (const chunk of graphJsonChunks(graph)) bytes += Buffer.byteLength(chunk);
    const peakMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(
      `${JSON.stringify({ peakMb, users: graph.users.length, bytes, requests: graph.sync?.requests })}\n`,
    );
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
