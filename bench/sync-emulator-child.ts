/**
 * Serves the benchmark's emulator from its own process, so its CPU time (rendering and paging 50,000 users) is not
 * charged to the client being measured. Options arrive as JSON in argv; the URL and key leave as one JSON line on
 * stdout; closing stdin stops it. Request counts are read over the emulator's loopback control routes.
 */
import { startEmulator } from "../emulator";
import type { EmulatorOptions } from "../emulator/types";

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? "{}") as EmulatorOptions;
  const emulator = await startEmulator(options);
  process.stdout.write(`${JSON.stringify({ url: emulator.url, apiKey: emulator.apiKey })}\n`);
  process.stdin.on("end", () => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.stdin.resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
