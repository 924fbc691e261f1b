// launch.test.mjs - the Chromium that the browser tests and the page benchmark drive (chromium.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { DISABLED_FEATURES, PLAYWRIGHT_DISABLED_FEATURES, launch } from "./chromium.mjs";

test("chromium.mjs repeats playwright-core's own --disable-features list (Chromium reads the last one only)", () => {
  const bundle = join(dirname(createRequire(import.meta.url).resolve("playwright-core/package.json")), "lib/coreBundle.js");
  const source = readFileSync(bundle, "utf8");
  const list = /\bdisabledFeatures = \[([^\]]*)\]/.exec(source);
  assert.ok(list, `no disabledFeatures list found in ${bundle}: playwright-core changed; read its chromiumSwitches`);
  const theirs = [...list[1].replace(/\/\/[^\n]*/g, "").matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  assert.ok(theirs.length > 0);
  assert.deepEqual(PLAYWRIGHT_DISABLED_FEATURES, theirs);
});

test("the browser runs with playwright's and our disabled features, and starts no browser-UI renderer", async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("chrome://version");
    const commandLine = await page.textContent("#command_line");
    const last = [...commandLine.matchAll(/--disable-features=(\S+)/g)].pop();
    assert.ok(last, commandLine);
    const effective = last[1].split(",");
    for (const f of [...PLAYWRIGHT_DISABLED_FEATURES, ...DISABLED_FEATURES]) assert.ok(effective.includes(f), `${f} is not disabled: ${last[0]}`);
    // this browser's processes (its profile folder is on their command lines): none is the omnibox popup's renderer
    const profile = /--user-data-dir=(\S+)/.exec(commandLine)[1];
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the preload, when on, starts within a few hundred ms
    const renderers = [];
    for (const pid of readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
      // Chromium's child processes rewrite their command line into one string (their process title)
      let argv;
      try { argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split(/[\0 ]/); } catch { continue; }
      if (argv.includes(`--user-data-dir=${profile}`) && argv.includes("--type=renderer")) renderers.push(argv);
    }
    assert.ok(renderers.length >= 1, "the page's renderer was not found under /proc");
    assert.deepEqual(renderers.filter((argv) => argv.includes("--top-chrome-webui")).map((argv) => argv.join(" ")), []);
    await context.close();
  } finally {
    await browser.close();
  }
});
