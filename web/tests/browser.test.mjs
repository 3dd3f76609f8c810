// Browser tests of the web UI: a real `corroborate serve` over a fresh database (the demo corpus
// plus one hostile report written for this test), driven in Debian's Chromium by playwright-core.
//
// Run by scripts/test.sh (the README's test command). Environment:
//   CORROBORATE_BIN   the built binary (default: ../target/debug/corroborate)
//   CHROMIUM          the browser (default: /usr/bin/chromium)
//   ARTIFACTS         where screenshots go (default: ../target/browser-artifacts)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const web = resolve(here, "..");
const repo = resolve(web, "..");
const bin = resolve(process.env.CORROBORATE_BIN || join(repo, "target/debug/corroborate"));
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const artifacts = resolve(process.env.ARTIFACTS || join(repo, "target/browser-artifacts"));
const TOKEN = "browser-test-token-4b1d";

let work, server, context, page, base;
const dialogs = [];
const pageErrors = [];

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`corroborate serve did not answer at ${url}`);
}

/** Navigates (or waits after a click) until the page has rendered `hashPrefix`. */
async function ready(hashPrefix) {
  await page.waitForFunction(
    (prefix) => (document.body.dataset.ready || "").startsWith(prefix),
    hashPrefix,
    { timeout: 20000 },
  );
}

async function shot(name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  work = mkdtempSync(join(tmpdir(), "corroborate-browser-"));
  const db = join(work, "test.db");
  execFileSync(bin, ["--db", db, "demo"], { stdio: ["ignore", "ignore", "inherit"] });
  execFileSync(bin, ["--db", db, "ingest", join(here, "fixtures/hostile-report.md")], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(bin, ["--db", db, "serve", "--addr", `127.0.0.1:${port}`, "--token", TOKEN, "--web", web], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitForHealth(base);
  context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: browserPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ],
  });
  page = context.pages()[0] || (await context.newPage());
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
});

after(async () => {
  await context?.close();
  server?.kill("SIGINT");
  if (work) rmSync(work, { recursive: true, force: true });
});

test("list, filter, incident, highlighted sentence, review with the token, history", { timeout: 120000 }, async () => {
  await page.goto(`${base}/#/`);
  await ready("#/");
  const rows = await page.locator("#incidents tbody tr").count();
  assert.ok(rows >= 7, `the demo's incidents are listed (${rows})`);
  await page.waitForSelector("svg.map path.country");
  assert.ok((await page.locator("svg.map path.country").count()) > 100, "country outlines drawn offline");
  assert.ok((await page.locator("svg.map circle.dot").count()) >= 1, "incidents on the map");
  assert.ok((await page.locator("svg.timeline rect").count()) >= 1, "a timeline");
  await shot("1-list");

  // Filter by type through the form.
  await page.selectOption("#filters select[name=type]", "remote_explosive");
  await page.click("#filters button[type=submit]");
  await ready("#/?type=remote_explosive");
  const types = await page.locator("#incidents tbody tr td:nth-child(2)").allTextContents();
  assert.ok(types.length >= 1, "the filter keeps some incidents");
  assert.ok(types.every((t) => t === "remote explosive"), `only remote explosives: ${types}`);
  assert.match(await page.locator("#page-range").textContent(), new RegExp(`of ${types.length}$`));
  await shot("2-list-filtered");

  // Open the incident.
  await page.locator("#incidents tbody tr a").first().click();
  await ready("#/incident/");
  const incidentHash = await page.evaluate(() => location.hash);
  assert.ok((await page.locator("#facts tbody tr").count()) >= 1, "facts listed");
  assert.ok((await page.locator(".claim-line[data-claim]").count()) >= 2, "claims for and against");
  assert.ok((await page.locator("#sources li").count()) >= 1, "sources listed");
  await shot("3-incident");

  // A claim in context: the document view highlights it inside its sentence.
  const claimLine = page.locator('.claims-for .claim-line[data-form]:not([data-form="narration"])').first();
  const claimId = await claimLine.getAttribute("data-claim");
  await claimLine.getByText("in context").click();
  await ready("#/document/");
  const focused = page.locator("#focused-claim");
  await focused.waitFor();
  assert.ok((await focused.getAttribute("data-claims")).split(" ").includes(claimId));
  const inSentence = await focused.evaluate((mark) => mark.parentElement.classList.contains("claim-sentence"));
  assert.ok(inSentence, "the claim is highlighted inside its highlighted sentence");
  assert.ok((await page.locator("#article a.incident-link").count()) >= 1, "claims link to their incident");
  await shot("4-document");

  // Accept the claim with the token, and see it in the history.
  await page.goto(`${base}/${incidentHash}`);
  await ready(incidentHash);
  await page.fill("#reviewer", "browser test");
  await page.dispatchEvent("#reviewer", "change");
  await page.locator(`.claim-line[data-claim="${claimId}"] button[data-action=accept]`).first().click();
  await page.fill("#review-form input[name=note]", "matches the wire copy");
  // Without the token the write is refused.
  await page.click("#review-form button[type=submit]");
  await page.waitForFunction(() => document.getElementById("review-status").textContent.length > 0);
  assert.match(await page.locator("#review-status").textContent(), /token/);
  assert.equal(await page.locator("#history li[data-review]").count(), 0);
  // With it, the review is stored and shown.
  await page.fill("#token", TOKEN);
  await page.dispatchEvent("#token", "change");
  await page.click("#review-form button[type=submit]");
  await page.waitForFunction(() => /recorded review/.test(document.getElementById("review-status").textContent));
  await page.waitForSelector("#history li[data-review]");
  const history = await page.locator("#history li[data-review]").allTextContents();
  assert.equal(history.length, 1, `one review in the history: ${history}`);
  assert.match(history[0], /browser test accept .*matches the wire copy/);
  assert.ok(history[0].includes(claimId));
  await shot("5-incident-reviewed");
  assert.deepEqual(pageErrors, [], "no script errors");
});

test("a hostile report renders inert", { timeout: 60000 }, async () => {
  const found = await (await fetch(`${base}/api/search?q=zanzibarite`)).json();
  const hit = found.items.find((item) => item.kind === "document");
  assert.ok(hit, `the hostile report is searchable: ${JSON.stringify(found)}`);

  await page.goto(`${base}/#/search?q=zanzibarite`);
  await ready("#/search");
  await shot("6-search-hostile");
  await page.goto(`${base}/#/document/${hit.document}`);
  await ready("#/document/");
  await shot("7-document-hostile");

  const article = page.locator("#article");
  const text = await article.textContent();
  assert.ok(text.includes("<script>window.pwned='headline'</script>"), `tags show as text: ${text}`);
  assert.ok(text.includes(`onerror="window.pwned='body'"`), "attributes show as text");
  assert.ok(text.includes(`href="javascript:window.pwned='link'"`), "links show as text");
  assert.ok((await page.locator("h1").textContent()).includes("<img src=x onerror="), "the title shows as text");
  const dom = await page.evaluate(() => ({
    pwned: window.pwned ?? null,
    scriptsInContent: document.querySelectorAll("main script, main iframe, main img").length,
    handlers: [...document.querySelectorAll("main *")].filter((el) =>
      [...el.attributes].some((a) => a.name.startsWith("on"))).length,
    javascriptLinks: [...document.querySelectorAll("a[href]")].filter((a) =>
      !/^(https?:|#)/.test(a.getAttribute("href"))).length,
  }));
  assert.deepEqual(dom, { pwned: null, scriptsInContent: 0, handlers: 0, javascriptLinks: 0 });
  // Hovering and clicking what would have been live markup does nothing either.
  await article.getByText("this link").click();
  assert.equal(await page.evaluate(() => window.pwned ?? null), null);
  assert.deepEqual(dialogs, [], "no dialog opened");
  assert.deepEqual(pageErrors, [], "no script errors");
});

test("the API documentation page renders the OpenAPI document offline", { timeout: 60000 }, async () => {
  await page.goto(`${base}/api/docs`);
  await page.waitForFunction(() => document.body.dataset.ready === "docs", null, { timeout: 20000 });
  const operations = await page.locator("section.operation").count();
  assert.ok(operations >= 15, `every operation is listed (${operations})`);
  assert.ok((await page.locator("section.operation h2").allTextContents()).includes("POST /api/claims/{id}/reviews"));
  await shot("8-api-docs");
  assert.deepEqual(pageErrors, [], "no script errors");
});
