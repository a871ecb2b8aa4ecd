import { cp, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { EmulatorHandle } from "../../emulator/types";
import { consumerProject } from "../helpers/packed-package";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";

export const examplesDir = join(__dirname, "..", "..", "examples");

// The harness writes its own Pulumi.yaml, package.json and tsconfig.json; everything else of the example is copied.
const HARNESS_FILES = new Set([
  "Pulumi.yaml",
  "package.json",
  "tsconfig.json",
  "index.ts",
  "README.md",
  "node_modules",
]);

/**
 * A hermetic Pulumi project running one example exactly as committed (its index.ts and data files), pointed at the
 * emulator through stack configuration, as a user would point it at a real tenant. It lives inside a project where
 * the packed package is installed as users install it, so the example runs the package, not the working tree.
 */
export async function exampleProject(
  example: string,
  emulator: EmulatorHandle,
  config: Record<string, { value: string; secret?: boolean }> = {},
): Promise<PulumiProject> {
  const source = join(examplesDir, example);
  const project = await createPulumiProject({
    name: `example-${example}`,
    parentDir: join((await consumerProject()).dir, "programs"),
    program: await readFile(join(source, "index.ts"), "utf8"),
    config: {
      "jumpcloud:apiUrl": { value: emulator.url },
      "jumpcloud:apiKey": { value: emulator.apiKey, secret: true },
      ...config,
    },
  });
  for (const entry of await readdir(source)) {
    if (!HARNESS_FILES.has(entry)) await cp(join(source, entry), join(project.dir, entry), { recursive: true });
  }
  return project;
}

/** Fails with the engine's whole output, which is what one needs to see when an example breaks. */
export function expectOk(result: RunResult, what: string): RunResult {
  if (result.code !== 0) throw new Error(`${what} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result;
}
