import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allGrants, buildReviewReport, reviewHtml } from "../../../provider/review";
import { syntheticGraph } from "../../../bench/review-graph";
import { buildGraph, handMadeOrg, oid } from "./fixtures";

/**
 * The HTML report opened in real headless Chromium (Debian's `chromium` package): tables, highlighting, search and
 * sort are checked through the DOM, and a screenshot is saved under test-output/ for people to look at.
 */
const CHROMIUM = process.env.JCA_CHROMIUM ?? "/usr/bin/chromium";
const OUT = join(__dirname, "..", "..", "..", "test-output", "review-html");

const previous = buildGraph(handMadeOrg);
const current = buildGraph({
  ...structuredClone(handMadeOrg),
  groups: handMadeOrg.groups.map((g) =>
    g.name === "ops" ? { ...g, members: [...g.members, "frank@example.com"] } : g,
  ),
  generatedAt: "2026-12-01T09:00:00.000Z",
});
const oob = `${oid("group:ops")}/${oid("user:frank@example.com")}`;
const report = buildReviewReport(current, {
  since: previous,
  managedEdgeIds: allGrants(current)
    .map((g) => g.id)
    .filter((id) => id !== oob),
});

let browser: Browser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run "apt-get install -y chromium" (.ci/run does).`);
  }
  await mkdir(OUT, { recursive: true });
  const file = join(OUT, "review.html");
  await writeFile(file, reviewHtml(report), "utf8");
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
});

afterAll(async () => {
  await browser?.close();
});

// The test compiles without the DOM library: code that runs in the page and needs its globals is passed as text.
const background = (selector: string): Promise<string> =>
  page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).backgroundColor`);

const visibleRows = (selector: string) =>
  page.$$eval(`${selector} tbody tr`, (rows) =>
    rows
      .filter((r) => !(r as unknown as { hidden: boolean }).hidden)
      .map((r) => (r.textContent ?? "").replace(/\s+/g, " ").trim()),
  );

describe("HTML review report in headless Chromium", () => {
  it("loads nothing but itself", () => {
    expect(requests.every((url) => url.startsWith("file://"))).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it("has one table per application, group and role, and the sections a reviewer needs", async () => {
    const blocks = await page.$$eval(".block", (els) =>
      els.map((e) => `${e.getAttribute("data-kind")}:${e.querySelector("h3")?.firstChild?.textContent?.trim()}`),
    );
    expect(blocks.filter((b) => b.startsWith("application:"))).toEqual([
      "application:Figma (inactive)",
      "application:GitHub",
      "application:Slack",
    ]);
    expect(blocks.filter((b) => b.startsWith("group:"))).toEqual(["group:design", "group:engineering", "group:ops"]);
    expect(blocks.filter((b) => b.startsWith("role:"))).toEqual([
      "role:Administrator",
      "role:Custom Auditor (custom role)",
      "role:Help Desk",
      "role:Read Only",
    ]);
    const sections = await page.$$eval("main > section", (els) => els.map((e) => e.id));
    expect(sections).toEqual([
      "summary",
      "accounts-explained",
      "diff",
      "unmanaged",
      "suspended",
      "applications",
      "groups",
      "roles",
      "accounts",
      "diagram",
    ]);
    expect(await page.textContent("#accounts-explained")).toContain("no profile attributes");
  });

  it("shows direct and via-group access distinctly, and links dual accounts", async () => {
    const slack = `#application-${oid("app:slack")}`;
    const alice = await page.$eval(`${slack} tbody tr:has(a:text("alice@example.com"))`, (tr) => ({
      classes: tr.className,
      badges: [...tr.querySelectorAll(".badge")].map((b) => `${b.className}=${b.textContent}`),
    }));
    expect(alice.classes).toContain("how-direct_and_via_group");
    expect(alice.badges).toEqual(
      expect.arrayContaining(["badge direct=direct", "badge group=via group engineering", "badge admin=admin"]),
    );
    const styles = await background(`${slack} .badge.direct`);
    const groupStyle = await background(`${slack} .badge.group`);
    expect(styles).not.toBe(groupStyle);
    const dual = await visibleRows("#dual-accounts");
    expect(dual[0]).toContain("alice@example.com");
    expect(dual[0]).toContain("Alice@Example.com");
    expect(await visibleRows("#admin-only")).toEqual([expect.stringContaining("root@example.com")]);
  });

  it("highlights unmanaged grants and suspended users with access", async () => {
    expect(await visibleRows("#unmanaged-grants")).toEqual([
      expect.stringContaining('frank@example.com is a member of group "ops"'),
    ]);
    const highlight = await background("#unmanaged-grants tbody tr td");
    expect(highlight).not.toBe("rgba(0, 0, 0, 0)");
    const frank = await page.$eval(
      `#application-${oid("app:slack")} tr:has(a:text("frank@example.com"))`,
      (tr) => tr.className,
    );
    expect(frank).toContain("unmanaged");
    const suspended = await page.$$eval("#suspended-users tbody tr", (rows) =>
      rows.map((r) => `${r.className}|${r.querySelector("a")?.textContent}`),
    );
    expect(suspended).toEqual(["inactive|dave@example.com", "inactive|erin@example.com"]);
  });

  it("shows the diff against the previous graph", async () => {
    expect(await page.textContent("#diff h2")).toContain("2026-11-30T04:00:00.000Z");
    expect(await visibleRows("#diff-access")).toEqual([expect.stringMatching(/added.*frank@example\.com.*Slack/)]);
  });

  it("searches every table by all words typed, and says how many rows match", async () => {
    await page.fill("#search", "grace");
    const slackRows = await visibleRows(`#application-${oid("app:slack")}`);
    expect(slackRows).toHaveLength(1);
    expect(slackRows[0]).toContain("grace@example.com");
    expect(await page.isHidden(`#application-${oid("app:github")}`)).toBe(true);
    expect(await page.textContent("#search-status")).toMatch(/^\d+ of \d+ rows match$/);

    await page.fill("#search", "engineering suspended");
    expect(await visibleRows(`#group-${oid("group:engineering")}`)).toEqual([
      expect.stringContaining("dave@example.com"),
    ]);

    await page.fill("#search", "");
    expect(await visibleRows(`#application-${oid("app:slack")}`)).toHaveLength(5);
  });

  it("sorts a table by the clicked column, both ways", async () => {
    const table = `#application-${oid("app:slack")}`;
    const emails = () => page.$$eval(`${table} tbody tr td:first-child`, (tds) => tds.map((td) => td.textContent));
    const sorted = [
      "alice@example.com",
      "bob@example.com",
      "dave@example.com",
      "frank@example.com",
      "grace@example.com",
    ];
    await page.click(`${table} th:has-text("User")`);
    expect(await emails()).toEqual(sorted);
    expect(await page.getAttribute(`${table} th:has-text("User")`, "aria-sort")).toBe("ascending");
    await page.click(`${table} th:has-text("User")`);
    expect(await emails()).toEqual([...sorted].reverse());
  });

  it("draws the groups → applications picture and highlights a group's lines on hover", async () => {
    expect(await page.$$eval(".diagram .node.group", (n) => n.length)).toBe(3);
    expect(await page.$$eval(".diagram .edge", (n) => n.length)).toBe(3);
    await page.hover(`.diagram .node.group[data-id="${oid("group:engineering")}"]`);
    const lit = await page.$$eval(".diagram .edge.hl", (edges) => edges.map((e) => e.getAttribute("data-app")));
    expect(lit).toEqual([oid("app:slack")]);
    expect(await page.$$eval(".diagram .node.hl", (n) => n.length)).toBe(2);
    await page.mouse.move(0, 0);
    expect(await page.$$eval(".diagram .edge.hl", (n) => n.length)).toBe(0);
  });

  it("renders at a readable size and saves a screenshot", async () => {
    const size: { width: number; height: number } = await page.evaluate(
      "({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight })",
    );
    expect(size.width).toBeLessThanOrEqual(1280);
    const path = join(OUT, "review.png");
    // The header is sticky: from the top of the page it sits above the content rather than over it.
    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path, fullPage: true });
    expect(existsSync(path)).toBe(true);
  });
});

describe("HTML review report of a 1,000-user org in headless Chromium", () => {
  it("loads, and filters its tens of thousands of rows once typing pauses", async () => {
    const large = buildReviewReport(syntheticGraph(1_000));
    const file = join(OUT, "review-1000-users.html");
    await writeFile(file, reviewHtml(large), "utf8");
    const big = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await big.goto(pathToFileURL(file).href);
      expect(await big.$$eval("table.review[data-kind=application]", (t) => t.length)).toBe(50);
      const total = Number((await big.textContent("#search-status"))?.split(" ")[0]);
      expect(total).toBeGreaterThan(5000);
      await big.fill("#search", "user17@bench.example");
      await big.waitForFunction(`document.getElementById("search-status").textContent.includes("match")`);
      const visible: string[] = await big.evaluate(
        `[...document.querySelectorAll("table.review tbody tr")].filter((r) => !r.hidden).map((r) => r.textContent)`,
      );
      expect(visible.length).toBeGreaterThan(0);
      for (const text of visible) expect(text).toContain("user17@bench.example");
    } finally {
      await big.close();
    }
  });
});
