// Checks HTML files with axe-core in Debian's headless Chromium, as a reader
// of our HTML exports would meet them. Prints each violation (rule, impact,
// where) and exits 1 if there is any; 0 when every file is clean.
//   node ui/tools/axe-check.mjs FILE.html...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: axe-check.mjs FILE.html...");
  process.exit(2);
}
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  // Root in a container has no user namespace for Chromium's sandbox; the
  // pages are our own exports, opened offline.
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});
let violations = 0;
try {
  for (const file of files) {
    const page = await browser.newPage();
    // The exports are self-contained: any request leaving the file is a fault.
    await page.setRequestInterception(true);
    const outside = [];
    page.on("request", (r) => {
      if (r.url().startsWith("data:") || r.url() === pathToFileURL(file).href) r.continue();
      else {
        outside.push(r.url());
        r.abort();
      }
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.evaluate(axeSource);
    const result = await page.evaluate(() =>
      // axe is the script evaluated just above, in the page.
      window.axe.run(document, { resultTypes: ["violations"] }),
    );
    for (const v of result.violations) {
      violations += v.nodes.length;
      for (const n of v.nodes) {
        console.log(`${file}: ${v.id} (${v.impact}): ${v.help} at ${n.target.join(" ")}`);
      }
    }
    for (const url of outside) {
      violations += 1;
      console.log(`${file}: asks for ${url} outside the file`);
    }
    console.log(`${file}: checked, ${result.violations.length} rules violated`);
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(violations ? 1 : 0);
