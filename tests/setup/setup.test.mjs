// Tests for scripts/setup.mjs: node --test tests/setup/
// Temp cache and deps dirs; apt and npm steps skipped. The cache is seeded from the
// real one (filled once if empty), so only the tests marked "network" download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCRIPT = path.join(REPO, 'scripts', 'setup.mjs');
const { setup, cacheRoot, sha256File, SetupError } = await import(SCRIPT);
const PINS = JSON.parse(fs.readFileSync(path.join(REPO, 'scripts', 'deps.json'), 'utf8'));
const pin = (name) => PINS.packages.find((p) => p.name === name);
const CJSON_ORIG = pin('cjson').files.find((f) => f.role === 'orig');
const NO_MIRROR = 'file:/nonexistent'; // apt fails at once: proves no download happens

let tmp;
let seed; // a debsrc dir with every pinned file the real cache has

function baseEnv(name, extra = {}) {
  const env = {
    ...process.env,
    OASVIEW_CACHE: path.join(tmp, name, 'cache'),
    OASVIEW_DEPS_DIR: path.join(tmp, name, 'deps'),
    OASVIEW_SKIP_APT: '1',
    OASVIEW_SKIP_NPM: '1',
    ...extra,
  };
  delete env.OASVIEW_SETUP_RUNNING;
  return env;
}

/** A case directory whose cache holds a copy of the seeded files. */
function seeded(name, extra) {
  const env = baseEnv(name, extra);
  fs.mkdirSync(env.OASVIEW_CACHE, { recursive: true });
  fs.cpSync(seed, path.join(env.OASVIEW_CACHE, 'debsrc'), { recursive: true });
  return env;
}

function cli(args, env) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { env, encoding: 'utf8', timeout: 120_000 });
}

function walkMtimes(dir, acc = new Map()) {
  acc.set(dir, fs.lstatSync(dir).mtimeMs);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walkMtimes(p, acc); else acc.set(p, fs.lstatSync(p).mtimeMs);
  }
  return acc;
}

async function networkUp() {
  try {
    const r = await fetch('http://deb.debian.org/debian/dists/bookworm/InRelease',
      { method: 'HEAD', signal: AbortSignal.timeout(3000) });
    return r.ok;
  } catch {
    return false;
  }
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oasview-setup-test-'));
  const real = cacheRoot(process.env);
  const inReal = (f) => path.join(real, 'debsrc', f.sha256, f.file);
  const complete = () => PINS.packages.every((p) => p.files.every((f) => f.optional || fs.existsSync(inReal(f))));
  if (!complete()) { // first time on this machine: fill the real cache (network)
    const env = baseEnv('fill', { OASVIEW_CACHE: real });
    await setup({ env, quiet: true, out: () => {}, err: () => {} });
  }
  seed = path.join(tmp, 'seed');
  for (const p of PINS.packages) {
    for (const f of p.files) {
      if (!fs.existsSync(inReal(f)) || sha256File(inReal(f)) !== f.sha256) continue;
      fs.mkdirSync(path.join(seed, f.sha256), { recursive: true });
      fs.copyFileSync(inReal(f), path.join(seed, f.sha256, f.file));
    }
  }
});

after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

// (a) and (b) share the case "main" and run in order.
test('extracts the pinned sources from the cache and applies the Debian patches', () => {
  const env = seeded('main', { OASVIEW_DEBIAN_MIRROR: NO_MIRROR });
  const r = cli([], env);
  assert.equal(r.status, 0, r.stderr);
  for (const p of PINS.packages) assert.match(r.stdout, new RegExp(`setup: ${p.name} \\S+ from cache`));
  assert.match(r.stdout, /cjson 1\.7\.15-1\+deb12u4 from cache, 5 Debian patches applied/);

  const deps = env.OASVIEW_DEPS_DIR;
  for (const f of ['cjson/cJSON.c', 'cjson/cJSON_Utils.c', 'libyaml/src/scanner.c',
    'libyaml/include/yaml.h', 'md4c/src/md4c.c']) {
    assert.ok(fs.existsSync(path.join(deps, f)), `${f} exists`);
  }
  const series = fs.readFileSync(path.join(deps, 'cjson/debian/patches/series'), 'utf8');
  assert.match(series, /CVE-2025-57052\.patch/);
  // CVE-2025-57052.patch fixes `pointer[0] <= '9'` in cJSON_Utils.c
  const utils = fs.readFileSync(path.join(deps, 'cjson/cJSON_Utils.c'), 'utf8');
  assert.ok(utils.includes("(pointer[position] >= '0') && (pointer[position] <= '9')"));
  assert.ok(!utils.includes("(pointer[0] <= '9')"));
  // 0001-add-null-checkings.patch
  const c = fs.readFileSync(path.join(deps, 'cjson/cJSON.c'), 'utf8');
  assert.ok(c.includes('if ((object == NULL) || !(object->type & cJSON_String) || (object->type & cJSON_IsReference))'));
  assert.equal(fs.readdirSync(path.join(deps, 'cjson')).filter((n) => /\.(orig|rej)$/.test(n)).length, 0);

  const stamp = JSON.parse(fs.readFileSync(path.join(deps, 'cjson/.oasview-stamp'), 'utf8'));
  assert.equal(stamp.files[CJSON_ORIG.file], CJSON_ORIG.sha256);
  assert.equal(stamp.patches, 5);
  assert.deepEqual(fs.readdirSync(deps).sort(), ['cjson', 'libyaml', 'md4c']); // no temp leftovers
});

test('a second run does nothing, quickly, and leaves the trees untouched', async () => {
  const env = baseEnv('main', { OASVIEW_DEBIAN_MIRROR: NO_MIRROR });
  const before = walkMtimes(env.OASVIEW_DEPS_DIR);

  const q = cli(['--quiet'], env);
  assert.equal(q.status, 0, q.stderr);
  assert.equal(q.stdout, '');
  assert.equal(q.stderr, '');

  const lines = [];
  const t0 = performance.now();
  const { actions } = await setup({ env, out: (l) => lines.push(l), err: (l) => lines.push(l) });
  const ms = performance.now() - t0;
  assert.deepEqual(actions, []);
  for (const p of PINS.packages) assert.ok(lines.includes(`setup: ${p.name} ${p.version} ok`), lines.join('\n'));
  assert.ok(ms < 1000, `second run took ${ms.toFixed(0)} ms`);

  assert.deepEqual(walkMtimes(env.OASVIEW_DEPS_DIR), before);
});

test('a tree without a matching stamp is rebuilt, and only that one', async () => {
  const env = baseEnv('main', { OASVIEW_DEBIAN_MIRROR: NO_MIRROR });
  const deps = env.OASVIEW_DEPS_DIR;
  fs.rmSync(path.join(deps, 'libyaml/.oasview-stamp'));
  fs.rmSync(path.join(deps, 'libyaml/src/scanner.c'));
  fs.mkdirSync(path.join(deps, '.libyaml.tmp-leftover')); // as from a killed run
  const { actions } = await setup({ env, quiet: true, out: () => {}, err: () => {} });
  assert.deepEqual(actions, ['setup: libyaml 0.2.5-1 from cache, no Debian patches']);
  assert.ok(fs.existsSync(path.join(deps, 'libyaml/src/scanner.c')));
  assert.deepEqual(fs.readdirSync(deps).sort(), ['cjson', 'libyaml', 'md4c']);
});

function corruptCjsonOrig(env) {
  const p = path.join(env.OASVIEW_CACHE, 'debsrc', CJSON_ORIG.sha256, CJSON_ORIG.file);
  assert.ok(fs.existsSync(p), 'seeded cache holds the cJSON orig tarball');
  fs.writeFileSync(p, 'not a tarball\n');
  return p;
}

test('a corrupted cached file is refused; without a mirror setup fails with one clear sentence', () => {
  const env = seeded('corrupt', { OASVIEW_DEBIAN_MIRROR: NO_MIRROR });
  const p = corruptCjsonOrig(env);
  const r = cli(['--quiet'], env);
  assert.equal(r.status, 1);
  const bad = createHash('sha256').update('not a tarball\n').digest('hex');
  assert.ok(r.stderr.includes(`setup: cached ${p} has SHA-256 ${bad}, expected ${CJSON_ORIG.sha256}; discarding it`), r.stderr);
  const last = r.stderr.trim().split('\n').at(-1);
  assert.match(last, /^setup: could not download cjson_1\.7\.15\.orig\.tar\.gz from the Debian mirror \(full log: .*apt-source\.log\); check the network or the pins in scripts\/deps\.json\.$/);
  assert.ok(!fs.existsSync(p), 'the corrupt file is gone from the cache');
  assert.ok(!fs.existsSync(path.join(env.OASVIEW_DEPS_DIR, 'cjson')), 'no cjson tree');
  assert.deepEqual(fs.readdirSync(env.OASVIEW_DEPS_DIR), [], 'no half tree left behind');
});

test('network: a corrupted cached file is downloaded again', async (t) => {
  if (!(await networkUp())) { t.skip('deb.debian.org not reachable'); return; }
  const env = seeded('redownload');
  const p = corruptCjsonOrig(env);
  const r = cli([], env);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /discarding it/);
  assert.match(r.stdout, /setup: cjson 1\.7\.15-1\+deb12u4 downloaded, 5 Debian patches applied/);
  assert.match(r.stdout, /setup: libyaml \S+ from cache/);
  assert.equal(sha256File(p), CJSON_ORIG.sha256);
  assert.ok(fs.existsSync(path.join(env.OASVIEW_DEPS_DIR, 'cjson/cJSON.c')));
});

test('network: a download that does not match its pin is an error naming both hashes', async (t) => {
  if (!(await networkUp())) { t.skip('deb.debian.org not reachable'); return; }
  const pins = structuredClone(PINS);
  pins.packages = pins.packages.filter((p) => p.name === 'libyaml');
  const dsc = pins.packages[0].files.find((f) => f.file.endsWith('.dsc'));
  const good = dsc.sha256;
  dsc.sha256 = '0'.repeat(64);
  const depsJson = path.join(tmp, 'bad-pins.json');
  fs.writeFileSync(depsJson, JSON.stringify(pins));
  const env = seeded('badpin', { OASVIEW_DEPS_JSON: depsJson });
  const r = cli([], env);
  assert.equal(r.status, 1);
  assert.equal(r.stderr.trim(), `setup: ${dsc.file} from the Debian mirror has SHA-256 ${good} but scripts/deps.json pins ${'0'.repeat(64)}, so it was not used; check the pin, or whether http://deb.debian.org serves a different libyaml 0.2.5-1.`);
  assert.ok(!fs.existsSync(path.join(env.OASVIEW_CACHE, 'debsrc', '0'.repeat(64))), 'mismatching file not cached');
  assert.ok(!fs.existsSync(path.join(env.OASVIEW_DEPS_DIR, 'libyaml')));
});

test('npm ci runs when node_modules is missing or the lock changed, then not again', async () => {
  const repo = path.join(tmp, 'npm-repo');
  fs.mkdirSync(repo, { recursive: true });
  const lock = (license) => JSON.stringify({ name: 'x', version: '1.0.0', lockfileVersion: 3, requires: true,
    packages: { '': { name: 'x', version: '1.0.0', license } } });
  fs.writeFileSync(path.join(repo, 'package.json'), '{"name":"x","version":"1.0.0","private":true}\n');
  fs.writeFileSync(path.join(repo, 'package-lock.json'), lock('MIT'));
  const pins = path.join(tmp, 'no-pins.json');
  fs.writeFileSync(pins, '{"packages":[]}');
  const env = baseEnv('npm', { OASVIEW_DEPS_JSON: pins });
  delete env.OASVIEW_SKIP_NPM;
  const run = () => setup({ env, repo, quiet: true, out: () => {}, err: () => {} });
  const stamp = path.join(repo, 'node_modules', '.oasview-lock.sha256');

  assert.deepEqual((await run()).actions, ['setup: npm ci (node_modules missing)']);
  assert.equal(fs.readFileSync(stamp, 'utf8').trim(), sha256File(path.join(repo, 'package-lock.json')));
  assert.deepEqual((await run()).actions, []);
  fs.writeFileSync(path.join(repo, 'package-lock.json'), lock('ISC'));
  assert.deepEqual((await run()).actions, ['setup: npm ci (lock changed)']);
  assert.equal(fs.readFileSync(stamp, 'utf8').trim(), sha256File(path.join(repo, 'package-lock.json')));
});

test('missing Debian packages without root: one sentence with the command to run', async () => {
  const env = baseEnv('apt');
  delete env.OASVIEW_SKIP_APT;
  await assert.rejects(
    setup({ env, uid: 1000, aptPackages: ['patch', 'oasview-no-such-package'], out: () => {} }),
    (e) => e instanceof SetupError
      && e.message === 'setup: the Debian package oasview-no-such-package is missing; install it with `sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends oasview-no-such-package` and run setup again.',
  );
});

test('an unknown option fails with exit code 1', () => {
  const r = cli(['--frobnicate'], baseEnv('cli'));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^setup: unknown option --frobnicate; /);
});
