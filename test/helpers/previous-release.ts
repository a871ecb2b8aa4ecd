import { execFileSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { mkdir, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import { type PulumiProject, repoRoot } from "./pulumi";

/**
 * An earlier release of the package, built from git, for tests that run a stack written by it and then upgrade the
 * same stack to the working tree. Built under the repository, so its imports (zod, @pulumi/pulumi, ...) resolve
 * from this checkout's node_modules, and kept between runs.
 */
export function buildRelease(commit: string): string {
  const dir = join(repoRoot, "test-output", `previous-release-${commit.slice(0, 12)}`);
  if (existsSync(join(dir, "dist", "provider", "dynamic", "index.js"))) return dir;
  execFileSync("rm", ["-rf", dir]);
  execFileSync("mkdir", ["-p", dir]);
  const archive = execFileSync("git", ["archive", "--format=tar", commit], {
    cwd: repoRoot,
    maxBuffer: 512 * 1024 * 1024,
  });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: dir, stdio: "inherit" });
  return dir;
}

/** Makes the program load `pulumi-jumpcloud-access` (SDK and `./dynamic`) from `packageDir`. */
export async function installPackage(project: PulumiProject, packageDir: string): Promise<void> {
  const link = join(project.dir, "node_modules", "pulumi-jumpcloud-access");
  await rm(link, { recursive: true, force: true });
  await mkdir(join(project.dir, "node_modules"), { recursive: true });
  await symlink(packageDir, link, "dir");
}

/**
 * Where a Node process in the program's directory (as the engine's dynamic-provider process is) finds the entry
 * point the stored shims require. A child process: this one caches resolutions.
 */
export const dynamicEntry = (project: PulumiProject): string =>
  realpathSync(
    execFileSync(process.execPath, ["-p", 'require.resolve("pulumi-jumpcloud-access/dynamic")'], {
      cwd: project.dir,
      encoding: "utf8",
    }).trim(),
  );
