/**
 * A hermetic way to run the real Pulumi CLI on a program: a file backend and PULUMI_HOME in the program's own
 * directory, a fixed passphrase, no update checks, no plugin downloads. The one runner of the CLI for the tests, the
 * benchmarks and the demo (`scripts/demo.js` loads the built copy).
 *
 * Programs live under `<repo>/test-output/programs/` (or any directory inside the repository) so that
 * `@pulumi/pulumi` and `pulumi-jumpcloud-access` resolve from the repository's node_modules, as they do from a user's
 * program's own node_modules.
 */
import { type ChildProcessByStdio, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import type { Readable } from "node:stream";

/** The repository root, from the sources (harness/) or the build (dist/harness/). */
export const repoRoot = __dirname.endsWith(join("dist", "harness"))
  ? join(__dirname, "..", "..")
  : join(__dirname, "..");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ProjectOptions {
  /** Unique per test: names the directory (a random suffix is added) and the project. */
  name: string;
  /** TypeScript source of the program's index.ts. */
  program: string;
  config?: Record<string, { value: string; secret?: boolean }>;
  env?: Record<string, string>;
  /** Where to create the program directory; defaults to <repo>/test-output/programs. */
  parentDir?: string;
  stack?: string;
}

export interface PulumiProject {
  dir: string;
  stack: string;
  env: NodeJS.ProcessEnv;
  writeProgram(source: string): Promise<void>;
  up(args?: string[]): Promise<RunResult>;
  preview(args?: string[]): Promise<RunResult>;
  refresh(args?: string[]): Promise<RunResult>;
  destroy(args?: string[]): Promise<RunResult>;
  run(args: string[], opts?: { signal?: AbortSignal }): Promise<RunResult>;
  outputs(): Promise<Record<string, unknown>>;
  // biome-ignore lint/suspicious/noExplicitAny: a Pulumi checkpoint is a large untyped document
  exportState(): Promise<any>;
  setConfig(key: string, value: string, secret?: boolean): Promise<void>;
  cleanup(): Promise<void>;
}

let cachedBinDir: string | undefined;

/** The directory holding `pulumi`, `pulumi-language-nodejs` and the dynamic provider plugin. */
export function pulumiBinDir(): string {
  if (process.env.JCA_PULUMI_BIN_DIR) return process.env.JCA_PULUMI_BIN_DIR;
  cachedBinDir ??= execFileSync(join(repoRoot, "scripts", "ensure-pulumi"), {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  return cachedBinDir;
}

const QUIET_FLAGS = ["--non-interactive", "--color", "never"];

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "program"
  );
}

export function pulumiEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return hermeticPulumiEnv({
    backendDir: join(dir, ".state"),
    homeDir: join(dir, ".pulumi-home"),
    passphrase: "hermetic-test-passphrase",
    extra,
  });
}

/**
 * The environment every run of the CLI gets (tests, benchmarks, the demo): a file backend and PULUMI_HOME where the
 * caller says, a passphrase, no update checks or plugin downloads, and none of the caller's JUMPCLOUD_* or PULUMI_*
 * variables, so a run never picks up a real tenant or another backend from the shell.
 */
export function hermeticPulumiEnv(options: {
  backendDir: string;
  homeDir: string;
  passphrase: string;
  extra?: Record<string, string>;
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("JUMPCLOUD_") || key.startsWith("PULUMI_")) delete env[key];
  return {
    ...env,
    PATH: `${pulumiBinDir()}${delimiter}${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: `file://${options.backendDir}`,
    PULUMI_HOME: options.homeDir,
    PULUMI_CONFIG_PASSPHRASE: options.passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // Type checking is the test command's job (tsc --noEmit); the engine only needs to run the program.
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    ...options.extra,
  };
}

/** A started command: the child (to signal it) and its outcome once it has exited. */
export interface RunningCommand {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Resolves with the exit code and everything printed; never rejects on a non-zero exit, only if spawning fails. */
  result: Promise<RunResult>;
}

/** Spawns a command with no stdin and both outputs collected; `signal` kills it with SIGKILL. */
export function spawnCollected(
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; signal?: AbortSignal | undefined },
): RunningCommand {
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
  const result = new Promise<RunResult>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const onAbort = () => child.kill("SIGKILL");
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      opts.signal?.removeEventListener("abort", onAbort);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
  return { child, result };
}

/**
 * Starts the Pulumi CLI in a project's directory with its hermetic environment, for tests that must act on the
 * running process (interrupt it, kill it); `project.run` is the simpler form when only the result matters.
 */
export function spawnPulumi(
  project: Pick<PulumiProject, "dir" | "env">,
  args: string[],
  opts: { signal?: AbortSignal } = {},
): RunningCommand {
  return spawnCollected(join(pulumiBinDir(), "pulumi"), args, {
    cwd: project.dir,
    env: project.env,
    signal: opts.signal,
  });
}

// async, so that a failure to find or spawn the CLI is a rejection, as callers expect of a promise.
export async function runPulumi(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  opts: { signal?: AbortSignal } = {},
): Promise<RunResult> {
  return spawnPulumi({ dir: cwd, env }, args, opts).result;
}

function check(result: RunResult, what: string): RunResult {
  if (result.code !== 0) {
    throw new Error(`pulumi ${what} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

export async function createPulumiProject(options: ProjectOptions): Promise<PulumiProject> {
  const parent = options.parentDir ?? join(repoRoot, "test-output", "programs");
  const dir = join(parent, `${slug(options.name)}-${randomBytes(4).toString("hex")}`);
  const stack = options.stack ?? "test";
  await mkdir(join(dir, ".state"), { recursive: true });
  await writeFile(
    join(dir, "Pulumi.yaml"),
    `name: ${slug(options.name)}\nruntime: nodejs\ndescription: test program\n`,
    "utf8",
  );
  // Without its own package.json the language host would take the repository's manifest (and its "main") as the
  // program's.
  await writeFile(
    join(dir, "package.json"),
    `${JSON.stringify({ name: slug(options.name), private: true, main: "index.ts" }, null, 2)}\n`,
  );
  await writeFile(
    join(dir, "tsconfig.json"),
    `${JSON.stringify({ compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, esModuleInterop: true, skipLibCheck: true } }, null, 2)}\n`,
  );
  await writeFile(join(dir, "index.ts"), options.program, "utf8");
  const env = pulumiEnv(dir, options.env);
  const run = (args: string[], opts?: { signal?: AbortSignal }) => runPulumi(args, dir, env, opts);

  check(await run(["stack", "init", stack, ...QUIET_FLAGS]), "stack init");

  const project: PulumiProject = {
    dir,
    stack,
    env,
    async writeProgram(source) {
      await writeFile(join(dir, "index.ts"), source, "utf8");
    },
    up: (args = []) => run(["up", "--yes", "--skip-preview", ...QUIET_FLAGS, ...args]),
    preview: (args = []) => run(["preview", ...QUIET_FLAGS, ...args]),
    // `--preview-only` (the drift gate) cannot be combined with `--yes --skip-preview`.
    refresh: (args = []) =>
      run([
        "refresh",
        ...(args.includes("--preview-only") ? [] : ["--yes", "--skip-preview"]),
        ...QUIET_FLAGS,
        ...args,
      ]),
    destroy: (args = []) => run(["destroy", "--yes", "--skip-preview", ...QUIET_FLAGS, ...args]),
    run,
    async outputs() {
      const result = check(await run(["stack", "output", "--json", "--show-secrets", ...QUIET_FLAGS]), "stack output");
      return JSON.parse(result.stdout) as Record<string, unknown>;
    },
    async exportState() {
      const result = check(await run(["stack", "export", ...QUIET_FLAGS]), "stack export");
      return JSON.parse(result.stdout);
    },
    async setConfig(key, value, secret = false) {
      check(
        await run(["config", "set", key, value, ...(secret ? ["--secret"] : ["--plaintext"]), ...QUIET_FLAGS]),
        `config set ${key}`,
      );
    },
    async cleanup() {
      await rm(dir, { recursive: true, force: true });
    },
  };
  for (const [key, { value, secret }] of Object.entries(options.config ?? {})) {
    await project.setConfig(key, value, secret);
  }
  return project;
}
