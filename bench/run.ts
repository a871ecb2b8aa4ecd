/**
 * `npm run bench`: runs every suite (or those named on the command line), prints one table and writes the rows as
 * JSON to bench/results/<timestamp>.json. Nothing here asserts: benchmarks report, tests assert.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BenchRow, formatTable } from "./report";
import { onDemandSuites, suites } from "./suites";

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const named = [...suites, ...onDemandSuites];
  const unknown = only.filter((name) => !named.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new Error(`Unknown benchmark ${unknown.join(", ")}; known: ${named.map((s) => s.name).join(", ")}.`);
  }
  const selected = only.length ? named.filter((s) => only.includes(s.name)) : suites;
  const rows: BenchRow[] = [];
  for (const suite of selected) {
    process.stderr.write(`bench: ${suite.name}...\n`);
    const started = Date.now();
    rows.push(...(await suite.run()));
    process.stderr.write(`bench: ${suite.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  process.stdout.write(`${formatTable(rows)}\n`);
  const dir = join(__dirname, "..", "..", "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify({ node: process.version, cpus: 2, rows }, null, 2)}\n`);
  process.stdout.write(`results: bench/results/${file.split("/").pop()}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
