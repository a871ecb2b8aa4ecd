import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Campaign, campaignFiles } from "../campaign/campaign";

/** Writes every sheet (CSV and HTML) and the index into `dir`, each file atomically; returns the paths written. */
export async function writeCampaign(dir: string, campaign: Campaign, organization: string): Promise<string[]> {
  const out = resolve(dir);
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of campaignFiles(campaign, organization)) {
    const path = join(out, name);
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, content, "utf8");
    await rename(temp, path);
    written.push(path);
  }
  return written;
}
