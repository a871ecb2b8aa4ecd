import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * The path of the shipped demo org file (`emulator/orgs/demo.yaml`), from the sources or from the compiled `dist/`
 * (the package ships `emulator/orgs` beside `dist`).
 */
export function demoOrgPath(): string {
  const candidates = [
    join(__dirname, "orgs", "demo.yaml"),
    join(__dirname, "..", "..", "emulator", "orgs", "demo.yaml"),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error("The demo org file emulator/orgs/demo.yaml is missing from this installation.");
  return found;
}
