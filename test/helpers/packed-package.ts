/**
 * The package as a user gets it: `npm pack` of the repository, installed with `npm install` into a project outside
 * the repository, with only `@pulumi/pulumi` and `typescript` beside it. Nothing in that project links back to the
 * working tree, so a file missing from the tarball, a dependency missing from package.json or an install script that
 * fails shows up here as it would for a user.
 *
 * One consumer project per tarball content and `@pulumi/pulumi` version, shared by every test file of a run (and
 * reused by the next run while the tarball is unchanged); a lock directory keeps two test workers from installing
 * it at once.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../../harness/pulumi";

const run = promisify(execFile);

export interface PackedFile {
  path: string;
  size: number;
}

export interface PackedTarball {
  path: string;
  /** Bytes of the .tgz. */
  size: number;
  /** Bytes once unpacked. */
  unpackedSize: number;
  files: PackedFile[];
}

export interface ConsumerProject {
  /** The project's root: `node_modules/` holds the installed package and its dependencies. */
  dir: string;
  tarball: PackedTarball;
  pulumiVersion: string;
  /** Everything `npm install` printed, and its exit code. */
  install: { code: number; output: string };
}

/** The versions the repository develops against: the upper end of the supported range. */
export function repositoryVersions(): { pulumi: string; typescript: string } {
  const read = (name: string) =>
    (JSON.parse(readFileSync(join(repoRoot, "node_modules", name, "package.json"), "utf8")) as { version: string })
      .version;
  return { pulumi: read("@pulumi/pulumi"), typescript: read("typescript") };
}

/** Consumer projects and tarballs live here, outside the repository, so nothing can resolve into the working tree. */
const WORK_ROOT = join(tmpdir(), "pulumi-jumpcloud-access-consumers");
/** Entries older than this belong to builds long gone; each consumer project is about 130 MB. */
const STALE_AFTER_MS = 6 * 60 * 60_000;

async function pruneStale(): Promise<void> {
  for (const entry of await readdir(WORK_ROOT).catch(() => [] as string[])) {
    const path = join(WORK_ROOT, entry);
    const modified = (await stat(path).catch(() => undefined))?.mtimeMs;
    if (modified !== undefined && Date.now() - modified > STALE_AFTER_MS)
      await rm(path, { recursive: true, force: true });
  }
}

let packing: Promise<PackedTarball> | undefined;

/** `npm pack` of the built repository, once per test process. */
export function packRepository(): Promise<PackedTarball> {
  packing ??= (async () => {
    if (!existsSync(join(repoRoot, "dist", "sdk", "index.js"))) {
      throw new Error("dist/ is missing: run `npm run build` first (the test command builds before testing).");
    }
    await mkdir(WORK_ROOT, { recursive: true });
    await pruneStale();
    const destination = await mkdtemp(join(WORK_ROOT, "pack-"));
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", destination], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    const [entry] = JSON.parse(stdout) as {
      filename: string;
      size: number;
      unpackedSize: number;
      files: PackedFile[];
    }[];
    if (!entry) throw new Error(`npm pack printed no package:\n${stdout}`);
    const path = join(destination, entry.filename);
    return { path, size: entry.size, unpackedSize: entry.unpackedSize, files: entry.files };
  })();
  return packing;
}

async function sha256(path: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
}

async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left by a killed run: older than any install takes.
      const age = Date.now() - (await stat(lockDir).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 10 * 60_000) await rm(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockDir}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/**
 * A project outside the repository with the packed package installed as a user installs it: `npm install
 * <tarball> @pulumi/pulumi@<version> typescript`, lifecycle scripts enabled.
 */
export async function consumerProject(pulumiVersion = repositoryVersions().pulumi): Promise<ConsumerProject> {
  const tarball = await packRepository();
  const key = createHash("sha256")
    .update(`${await sha256(tarball.path)} ${pulumiVersion}`)
    .digest("hex")
    .slice(0, 16);
  const dir = join(WORK_ROOT, key);
  return withLock(`${dir}.lock`, async () => {
    const record = join(dir, "install-result.json");
    if (existsSync(record)) {
      const install = JSON.parse(await readFile(record, "utf8")) as ConsumerProject["install"];
      // A failed install is tried again: it may have been the registry, not the package.
      if (install.code === 0) return { dir, tarball, pulumiVersion, install };
    }
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, "package.json"),
      `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true }, null, 2)}\n`,
    );
    const install = await npmInstall(dir, [
      tarball.path,
      `@pulumi/pulumi@${pulumiVersion}`,
      `typescript@${repositoryVersions().typescript}`,
    ]);
    await writeFile(record, JSON.stringify(install));
    return { dir, tarball, pulumiVersion, install };
  });
}

async function npmInstall(dir: string, packages: string[]): Promise<ConsumerProject["install"]> {
  const env = { ...process.env };
  // The repository's own npm settings (set by `npm test` for its scripts) must not leak into the user's install.
  for (const name of Object.keys(env)) if (name.startsWith("npm_")) delete env[name];
  try {
    const { stdout, stderr } = await run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel", "warn", ...packages],
      { cwd: dir, env, maxBuffer: 64 * 1024 * 1024, timeout: 10 * 60_000 },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, output: `${failed.stdout}${failed.stderr}` };
  }
}
