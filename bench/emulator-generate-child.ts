/**
 * Measures generating and loading the 50,000-user synthetic org in a fresh process (run with --expose-gc), so the
 * retained heap is the org's alone. Prints one JSON line: the generation time, the time for startEmulator to generate
 * and load it, and the retained heap in bytes.
 */
import { generateSyntheticOrg, startEmulator } from "../emulator";
import type { SyntheticOrgOptions } from "../emulator/types";

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? "{}") as SyntheticOrgOptions;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  gc();
  const before = process.memoryUsage().heapUsed;
  let t = performance.now();
  generateSyntheticOrg(options);
  const generateMs = performance.now() - t;
  gc();
  t = performance.now();
  const emulator = await startEmulator({ synthetic: options });
  const startMs = performance.now() - t;
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  const memberships = emulator.snapshot().groups.reduce((n, g) => n + g.members.length, 0);
  await emulator.stop();
  process.stdout.write(`${JSON.stringify({ generateMs, startMs, retained, memberships })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
