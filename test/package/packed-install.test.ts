/**
 * The package as users install it. `npm pack`, then `npm install <tarball> @pulumi/pulumi typescript` into an empty
 * project outside the repository (lifecycle scripts on, nothing linked back to the working tree), then:
 * - the tarball holds what a user needs and nothing of the repository's own tooling;
 * - every `exports` entry loads with `require` and with `import`, and its declarations compile in a strict project;
 * - the README's quick start, copied from the README as written, runs on the real Pulumi engine against the
 *   emulator started from the installed package's own `jumpcloud-access emulator`: up, up with no changes, destroy;
 * - the same at the lower end of the supported `@pulumi/pulumi` range.
 */
import { type ChildProcessByStdio, execFile, spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { OrgSnapshot } from "../../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult, repoRoot } from "../helpers/pulumi";
import { type ConsumerProject, consumerProject } from "../helpers/packed-package";

const run = promisify(execFile);

/** The lowest `@pulumi/pulumi` of the peer range: dynamic providers gained `configure()` in 3.139.0. */
const LOWEST_PULUMI = "3.139.0";

interface RunningEmulator {
  url: string;
  apiKey: string;
  child: ChildProcessByStdio<null, Readable, Readable>;
  snapshot(): Promise<OrgSnapshot>;
  stop(): Promise<void>;
}

/** `jumpcloud-access emulator` from the consumer's node_modules/.bin, as a user's CI would start it. */
async function startInstalledEmulator(consumer: ConsumerProject): Promise<RunningEmulator> {
  const bin = join(consumer.dir, "node_modules", ".bin", "jumpcloud-access");
  const child = spawn(bin, ["emulator", "--port", "0"], { cwd: consumer.dir, stdio: ["ignore", "pipe", "pipe"] });
  let printed = "";
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start:\n${printed}`)), 30_000);
    const onData = (chunk: Buffer) => {
      printed += chunk.toString("utf8");
      if (printed.includes("Press Ctrl-C")) {
        clearTimeout(timer);
        resolve(printed);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${code}:\n${printed}`));
    });
  });
  const url = /JUMPCLOUD_API_URL=(\S+)/.exec(ready)?.[1];
  const apiKey = /JUMPCLOUD_API_KEY=(\S+)/.exec(ready)?.[1];
  if (!url || !apiKey) throw new Error(`the emulator printed no URL or key:\n${ready}`);
  return {
    url,
    apiKey,
    child,
    async snapshot() {
      const response = await fetch(`${url}/__emulator/snapshot`);
      return (await response.json()) as OrgSnapshot;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** The first fenced block of `language` after `heading` in the README: the quick start exactly as users read it. */
async function readmeBlock(heading: string, language: string): Promise<string> {
  const readme = await readFile(join(repoRoot, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf(heading));
  const match = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(section);
  if (readme.indexOf(heading) < 0 || !match?.[1])
    throw new Error(`README.md has no ${language} block under ${heading}`);
  return match[1];
}

function expectOk(result: RunResult, what: string): RunResult {
  expect(result.code, `${what}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

/** The README's quick start in a fresh program directory inside the consumer project, pointed at the emulator. */
async function quickStartProgram(consumer: ConsumerProject, emulator: RunningEmulator): Promise<PulumiProject> {
  const heading = "### Access as one reviewed file";
  const project = await createPulumiProject({
    name: `packed-quick-start-${consumer.pulumiVersion}`,
    parentDir: join(consumer.dir, "programs"),
    program: await readmeBlock(heading, "ts"),
    config: {
      "jumpcloud:apiUrl": { value: emulator.url },
      "jumpcloud:apiKey": { value: emulator.apiKey, secret: true },
    },
  });
  await writeFile(join(project.dir, "access.yaml"), await readmeBlock(heading, "yaml"));
  return project;
}

async function upNoChangeDestroy(consumer: ConsumerProject): Promise<void> {
  const emulator = await startInstalledEmulator(consumer);
  let project: PulumiProject | undefined;
  try {
    const before = await emulator.snapshot();
    const engineering = (s: OrgSnapshot) => s.groups.find((g) => g.name === "engineering")?.members ?? [];
    expect(engineering(before)).not.toContain("erin@acme.example");
    project = await quickStartProgram(consumer, emulator);

    const up = expectOk(await project.up(), "pulumi up");
    expect(up.stdout).toMatch(/jumpcloud:AccessGraph/);
    const granted = await emulator.snapshot();
    // The README's file grants alice and carol engineering (demo org: already members, adopted) and erin GitHub.
    expect(engineering(granted)).toEqual(expect.arrayContaining(["alice@acme.example", "carol@acme.example"]));
    expect(granted.applications.find((a) => a.name === "github")?.users).toContain("erin@acme.example");
    const outputs = await project.outputs();
    expect(outputs).toHaveProperty("unmanaged");

    expectOk(await project.up(["--expect-no-changes"]), "pulumi up --expect-no-changes");

    expectOk(await project.destroy(), "pulumi destroy");
    const after = await emulator.snapshot();
    expect(after.applications.find((a) => a.name === "github")?.users).not.toContain("erin@acme.example");
    const state = await project.exportState();
    const left = (state.deployment.resources ?? []) as { type: string }[];
    expect(left.filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"))).toEqual([]);
  } finally {
    await project?.cleanup();
    await emulator.stop();
  }
}

describe("the packed package, installed as a user installs it", () => {
  let consumer: ConsumerProject;

  beforeAll(async () => {
    consumer = await consumerProject();
  }, 600_000);

  it("installs with no error and runs no script of its own", () => {
    expect(consumer.install.code, consumer.install.output).toBe(0);
    expect(consumer.install.output).not.toMatch(/npm (error|ERR!)|Cannot find module/i);
  });

  it("ships the SDK, provider, CLI, emulator, schemas, README and licence, and no repository tooling", async () => {
    const paths = consumer.tarball.files.map((f) => f.path);
    for (const needed of [
      "package.json",
      "README.md",
      "LICENSE",
      "schema.json",
      "schema/access-manifest.schema.json",
      "dist/sdk/index.js",
      "dist/sdk/index.d.ts",
      "dist/provider/index.js",
      "dist/provider/dynamic/index.js",
      "dist/cli/main.js",
      "dist/emulator/index.js",
      "emulator/orgs/demo.yaml",
    ]) {
      expect(paths, needed).toContain(needed);
    }
    const tooling = paths.filter((p) => /^(dist\/)?(bench|harness|test|scripts|examples)\//.test(p) || /noop/i.test(p));
    expect(tooling).toEqual([]);

    const pkg = JSON.parse(
      await readFile(join(consumer.dir, "node_modules", "pulumi-jumpcloud-access", "package.json"), "utf8"),
    );
    // No lifecycle script runs in a user's install.
    for (const hook of ["preinstall", "install", "postinstall", "prepare"])
      expect(pkg.scripts?.[hook], hook).toBeUndefined();
  });

  it("leaves Noop out of the public API and the schema", async () => {
    const { stdout } = await run(
      "node",
      ["-e", 'console.log(Object.keys(require("pulumi-jumpcloud-access")).join(","))'],
      {
        cwd: consumer.dir,
      },
    );
    expect(stdout.trim().split(",")).not.toContain("Noop");
    expect(stdout.trim().split(",")).toEqual(expect.arrayContaining(["AccessPolicy", "AccessGraph"]));
    const schema = await readFile(join(consumer.dir, "node_modules", "pulumi-jumpcloud-access", "schema.json"), "utf8");
    expect(schema).not.toMatch(/Noop/);
  });

  it("loads every exports entry with require and with import", async () => {
    const pkg = JSON.parse(
      await readFile(join(consumer.dir, "node_modules", "pulumi-jumpcloud-access", "package.json"), "utf8"),
    );
    const entries = Object.keys(pkg.exports as Record<string, unknown>).map((key) =>
      key === "." ? "pulumi-jumpcloud-access" : `pulumi-jumpcloud-access/${key.slice(2)}`,
    );
    expect(entries.length).toBeGreaterThanOrEqual(5);
    for (const entry of entries) {
      const required = await run(
        "node",
        ["-e", `const m = require(${JSON.stringify(entry)}); console.log(Object.keys(m).length)`],
        {
          cwd: consumer.dir,
        },
      );
      expect(Number(required.stdout.trim()), `require ${entry}`).toBeGreaterThan(0);
      const imported = await run(
        "node",
        [
          "--input-type=module",
          "-e",
          `const m = await import(${JSON.stringify(entry)}${entry.endsWith(".json") ? ', { with: { type: "json" } }' : ""}); console.log(Object.keys(m).length)`,
        ],
        { cwd: consumer.dir },
      );
      expect(Number(imported.stdout.trim()), `import ${entry}`).toBeGreaterThan(0);
    }
  });

  it("has type declarations that compile in a strict consumer project", async () => {
    await writeFile(
      join(consumer.dir, "tsconfig.json"),
      `${JSON.stringify(
        {
          compilerOptions: {
            target: "ES2022",
            module: "nodenext",
            moduleResolution: "nodenext",
            strict: true,
            noEmit: true,
            skipLibCheck: false,
          },
          files: ["typecheck.ts"],
        },
        null,
        2,
      )}\n`,
    );
    await writeFile(
      join(consumer.dir, "typecheck.ts"),
      [
        'import { AccessGraph, AccessPolicy, UserGroupMembers, type AccessPolicyArgs } from "pulumi-jumpcloud-access";',
        'import * as provider from "pulumi-jumpcloud-access/provider";',
        'import * as dynamic from "pulumi-jumpcloud-access/dynamic";',
        'import * as emulator from "pulumi-jumpcloud-access/emulator";',
        'const args: AccessPolicyArgs = { manifest: "access.yaml" };',
        "export const used = [AccessGraph, AccessPolicy, UserGroupMembers, args, provider, dynamic, emulator];",
        "",
      ].join("\n"),
    );
    const tsc = join(consumer.dir, "node_modules", ".bin", "tsc");
    const result = await run(tsc, ["-p", "tsconfig.json"], { cwd: consumer.dir }).then(
      () => ({ code: 0, output: "" }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        output: error.stdout + error.stderr,
      }),
    );
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  it("runs the README's quick start on the real engine: up, up with no changes, destroy", {
    timeout: 600_000,
  }, async () => {
    await upNoChangeDestroy(consumer);
  });
});

describe(`the packed package with the lowest supported @pulumi/pulumi (${LOWEST_PULUMI})`, () => {
  it("installs and runs the README's quick start: up, up with no changes, destroy", { timeout: 900_000 }, async () => {
    const lowest = await consumerProject(LOWEST_PULUMI);
    expect(lowest.install.code, lowest.install.output).toBe(0);
    expect(lowest.install.output).not.toMatch(/npm (error|ERR!)|Cannot find module/i);
    await upNoChangeDestroy(lowest);
  });
});
