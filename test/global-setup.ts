import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * Links the package to itself for programs inside the repository, provisions the real Pulumi CLI once per test run
 * (built from Go modules and cached outside the repository on first use) and prints its version, so the run's output
 * shows which engine the end-to-end tests used.
 */
export default function setup(): void {
  const root = join(__dirname, "..");
  // Test programs inside the repository import the package by name (also when vitest is run directly).
  require(join(root, "scripts", "link-self.js")).linkSelf();
  const binDir = execFileSync(join(root, "scripts", "ensure-pulumi"), {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 40 * 60_000,
  }).trim();
  const version = execFileSync(join(binDir, "pulumi"), ["version"], { encoding: "utf8" }).trim();
  process.env.JCA_PULUMI_BIN_DIR = binDir;
  process.stdout.write(`pulumi version: ${version} (${join(binDir, "pulumi")})\n`);
}
