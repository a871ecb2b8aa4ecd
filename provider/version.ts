import { readFileSync } from "node:fs";
import { join } from "node:path";

function readVersion(): string {
  // Works from the sources (provider/) and from the build (dist/provider/): the manifest is one or two levels up.
  for (const up of ["..", "../.."]) {
    try {
      const manifest = JSON.parse(readFileSync(join(__dirname, up, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === "pulumi-jumpcloud-access" && manifest.version) return manifest.version;
    } catch {
      // try the next level
    }
  }
  return "0.0.0";
}

/** This package's version, from package.json. */
export const packageVersion: string = readVersion();

/** The User-Agent the client sends. */
export const userAgent = `pulumi-jumpcloud-access/${packageVersion}`;
