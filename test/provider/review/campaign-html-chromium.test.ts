import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyReview, buildCampaign, formatSheetIssue, sheetCsv } from "../../../provider/review/campaign";
import { sheetHtml } from "../../../provider/review/campaign/campaign-html";
import { campaignGraph, campaignManifest, campaignNow, fillSheet, parsedManifest } from "./campaign-fixture";

/** The owner's sheet page in headless Chromium: decisions chosen on the page download as the same CSV a spreadsheet would write. */
const CHROMIUM = process.env.JCA_CHROMIUM ?? "/usr/bin/chromium";
const OUT = join(__dirname, "..", "..", "..", "test-output", "campaign-html");

const campaign = buildCampaign({
  graph: campaignGraph(),
  manifest: parsedManifest(),
  manifestText: campaignManifest,
  now: campaignNow,
});
const sheet = campaign.sheets.find((s) => s.owner === "lead@review.example");
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run "apt-get install -y chromium" (.ci/run does).`);
  }
  await mkdir(OUT, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
});
afterAll(async () => {
  await browser?.close();
});

describe("a campaign sheet's HTML page", () => {
  it("downloads the CSV with the decisions chosen on the page, byte for byte as the sheet filled in elsewhere", async () => {
    if (!sheet) throw new Error("no sheet for lead@review.example");
    const file = join(OUT, sheet.htmlFile);
    const html = sheetHtml({
      owner: sheet.owner,
      campaign: campaign.id,
      graphGeneratedAt: campaign.graph.generatedAt,
      organization: "Review Corp",
      csvFile: sheet.csvFile,
      cells: sheet.cells,
    });
    await writeFile(file, html, "utf8");
    const page = await browser.newPage({ acceptDownloads: true });
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);
    const id = (type: string, user: string) =>
      sheet.cells.find((c) => c.type === type && c.user === user)?.row_id ?? "";
    const bob = id("group", "bob@review.example");
    const dan = id("group", "dan@review.example");
    const erin = id("application", "erin@review.example");

    expect(await page.textContent("#status")).toBe("0 of 7 rows decided");
    await page.selectOption(`select.decision[data-row="${bob}"]`, "revoke");
    await page.fill(`input.note[data-row="${bob}"]`, '=left, "for good"');
    await page.selectOption(`select.decision[data-row="${dan}"]`, "keep-until");
    expect(await page.isVisible(`input.until[data-row="${dan}"]`)).toBe(true);
    // A keep-until without its day is not downloaded.
    await page.click("#download");
    expect(await page.textContent("#status")).toBe("Choose the day for every keep until (1 missing).");
    await page.fill(`input.until[data-row="${dan}"]`, "2027-06-30");
    await page.selectOption(`select.decision[data-row="${erin}"]`, "keep");
    expect(await page.textContent("#status")).toBe("3 of 7 rows decided");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    expect(download.suggestedFilename()).toBe(sheet.csvFile);
    const downloaded = await readFile((await download.path()) as string, "utf8");
    const expected = fillSheet(sheetCsv(sheet.cells), (row) => {
      if (row.row_id === bob) return ["revoke", '=left, "for good"'];
      if (row.row_id === dan) return ["keep-until:2027-06-30"];
      if (row.row_id === erin) return ["keep"];
      return undefined;
    });
    expect(downloaded).toBe(expected);
    expect(requests.filter((url) => !url.startsWith("file:") && !url.startsWith("blob:"))).toEqual([]);

    const outcome = applyReview({
      sheets: [{ file: sheet.csvFile, text: downloaded }],
      manifestFile: "access.yaml",
      manifestText: campaignManifest,
      graph: campaignGraph(),
      now: campaignNow,
      partial: false,
    });
    expect(outcome.issues.map(formatSheetIssue)).toEqual([]);
    expect(outcome.decisions.map((d) => [d.current.user, d.decision, d.note])).toEqual([
      ["erin@review.example", { kind: "keep" }, ""],
      ["bob@review.example", { kind: "revoke" }, '=left, "for good"'],
      ["dan@review.example", { kind: "keep-until", day: "2027-06-30" }, ""],
    ]);
    await page.close();
  });
});
