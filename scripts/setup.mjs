#!/usr/bin/env node
// oasview setup: Debian packages, npm packages, and the pinned Debian source
// packages (cJSON, libyaml, md4c) unpacked and patched under deps/src/.
//
//   node scripts/setup.mjs [--browser] [--quiet]
//
// Idempotent: a run with everything in place only checks (well under a second).
// Environment overrides (mostly for tests):
//   OASVIEW_CACHE          cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/oasview)
//   OASVIEW_DEPS_DIR       where sources are unpacked (default <repo>/deps/src)
//   OASVIEW_SKIP_APT=1     skip the Debian package check
//   OASVIEW_SKIP_NPM=1     skip npm ci
//   OASVIEW_DEPS_JSON      pins file (default <repo>/scripts/deps.json)
//   OASVIEW_DEBIAN_MIRROR  mirror base URL (default http://deb.debian.org)
// Plain Node.js 20, node: builtins only.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
export const REPO = path.resolve(path.dirname(SELF), '..');

export const APT_PACKAGES = [
  'emscripten', 'node-acorn', 'cmake', 'build-essential', 'clang', 'libclang-rt-14-dev',
  'llvm', 'dpkg-dev', 'xz-utils', 'patch', 'valgrind', 'time',
];
// chromium has no Recommends in bookworm; its fonts come through fontconfig-config,
// named here so headless pages always have a font.
export const BROWSER_PACKAGES = ['chromium', 'fonts-dejavu-core'];

const STAMP_NAME = '.oasview-stamp';
const STAMP_FORMAT = 1; // bump when the way trees are built changes
const NPM_STAMP = '.oasview-lock.sha256';

/** A failure the user can act on; `message` is the one sentence to show. */
export class SetupError extends Error {
  constructor(message, details) {
    super(message);
    this.name = 'SetupError';
    this.details = details; // text printed before the sentence (tool output), or undefined
  }
}

/** Cache root, honouring OASVIEW_CACHE and XDG_CACHE_HOME. */
export function cacheRoot(env = process.env) {
  if (env.OASVIEW_CACHE) return path.resolve(env.OASVIEW_CACHE);
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)
    ? env.XDG_CACHE_HOME : path.join(env.HOME || os.homedir(), '.cache');
  return path.join(xdg, 'oasview');
}

export function sha256File(file) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Run the setup. opts: { browser, quiet, env, out(line), err(line) } and, for tests,
 * { repo, uid, aptPackages }. Resolves to { actions: [lines of things done] };
 * rejects with SetupError.
 */
export async function setup(opts = {}) {
  const env = opts.env ?? process.env;
  const repo = opts.repo ?? REPO;
  const cache = cacheRoot(env);
  const ctx = {
    env, repo, cache,
    browser: !!opts.browser,
    quiet: !!opts.quiet,
    uid: opts.uid ?? (process.getuid ? process.getuid() : 0),
    aptPackages: opts.aptPackages,
    depsDir: path.resolve(env.OASVIEW_DEPS_DIR || path.join(repo, 'deps', 'src')),
    depsJson: path.resolve(env.OASVIEW_DEPS_JSON || path.join(repo, 'scripts', 'deps.json')),
    mirror: (env.OASVIEW_DEBIAN_MIRROR || 'http://deb.debian.org').replace(/\/+$/, ''),
    // Set for processes we start, so a setup run from an npm lifecycle script inside
    // our own `npm ci` neither waits for our lock nor runs npm ci again.
    nested: env.OASVIEW_SETUP_RUNNING === '1',
    actions: [],
    out: opts.out ?? ((l) => process.stdout.write(l + '\n')),
    err: opts.err ?? ((l) => process.stderr.write(l + '\n')),
  };
  ctx.info = (l) => { if (!ctx.quiet) ctx.out(l); };
  ctx.action = (l) => { ctx.actions.push(l); ctx.out(l); };
  ctx.warn = (l) => { ctx.actions.push(l); ctx.err(l); };

  const release = ctx.nested ? () => {} : acquireLock(ctx);
  try {
    stepApt(ctx);
    stepNpm(ctx);
    stepDeps(ctx);
  } finally {
    release();
  }
  return { actions: ctx.actions };
}

// ---------------------------------------------------------------- helpers

function exists(p) {
  try { fs.lstatSync(p); return true; } catch { return false; }
}

function readOr(p, dflt = '') {
  try { return fs.readFileSync(p, 'utf8'); } catch { return dflt; }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function logPath(ctx, name) {
  const dir = path.join(ctx.cache, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** A log for printing after a failure: all of it, or its head and tail when long. */
function logTail(log, n = 150) {
  const lines = readOr(log).replace(/\s+$/, '').split('\n');
  const shown = lines.length <= n ? lines
    : [...lines.slice(0, 40), `... (${lines.length - n} lines left out) ...`, ...lines.slice(-(n - 40))];
  return [`--- ${log} ---`, ...shown, '---'].join('\n');
}

/**
 * spawnSync with output either appended to `log` or captured (r.output).
 * A missing program becomes a SetupError.
 */
function run(ctx, cmd, args, { cwd, log, env, timeout } = {}) {
  const childEnv = { ...ctx.env, ...env, OASVIEW_SETUP_RUNNING: '1' };
  let r;
  if (log) {
    const fd = fs.openSync(log, 'a');
    try {
      fs.writeSync(fd, `\n$ ${[cmd, ...args].join(' ')}${cwd ? `   (in ${cwd})` : ''}\n`);
      r = spawnSync(cmd, args, { cwd, env: childEnv, stdio: ['ignore', fd, fd], timeout });
    } finally {
      fs.closeSync(fd);
    }
  } else {
    r = spawnSync(cmd, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], timeout,
      maxBuffer: 64 << 20 });
    r.output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  }
  if (r.error && r.error.code === 'ENOENT') {
    throw new SetupError(`setup: the program ${cmd} was not found; install it (setup installs the Debian packages it needs when run as root without OASVIEW_SKIP_APT), then run setup again.`);
  }
  if (r.error) {
    throw new SetupError(`setup: running ${cmd} failed (${r.error.message}); run setup again, or see ${log ?? 'the output above'}.`);
  }
  return r;
}

// ---------------------------------------------------------------- lock

/** One setup at a time per cache root (npm start and npm test may start together). */
function acquireLock(ctx) {
  fs.mkdirSync(ctx.cache, { recursive: true });
  const dir = path.join(ctx.cache, 'setup.lock');
  const deadline = Date.now() + 15 * 60 * 1000;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
      return () => fs.rmSync(dir, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    const owner = lockOwner(dir);
    if (owner === null) { // its process is gone: a killed run
      fs.rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new SetupError(`setup: another setup run (pid ${owner}) has held ${dir} for 15 minutes; stop that run or remove the directory, then run setup again.`);
    }
    if (!told) { ctx.info(`setup: waiting for another setup run (pid ${owner})`); told = true; }
    sleep(200);
  }
}

function lockOwner(dir) {
  const pid = Number.parseInt(readOr(path.join(dir, 'pid')), 10);
  if (!pid) { // being created right now, or left empty by a run killed at that instant
    try { return Date.now() - fs.statSync(dir).mtimeMs < 10_000 ? '?' : null; } catch { return '?'; }
  }
  if (pid === process.pid) return null;
  try { process.kill(pid, 0); return pid; } catch (e) { return e.code === 'EPERM' ? pid : null; }
}

// ---------------------------------------------------------------- 1. apt packages

function missingDebs(ctx, names) {
  const r = run(ctx, 'dpkg-query', ['-W', '-f=${Package}\t${Status}\n', ...names]);
  const installed = new Set();
  for (const line of String(r.stdout).split('\n')) {
    const [name, status = ''] = line.split('\t');
    if (status.split(' ')[2] === 'installed') installed.add(name.split(':')[0]);
  }
  return names.filter((n) => !installed.has(n));
}

function stepApt(ctx) {
  if (ctx.env.OASVIEW_SKIP_APT === '1') { ctx.info('setup: apt packages skipped (OASVIEW_SKIP_APT=1)'); return; }
  const wanted = ctx.aptPackages ?? [...APT_PACKAGES, ...(ctx.browser ? BROWSER_PACKAGES : [])];
  let missing;
  try {
    missing = missingDebs(ctx, wanted);
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    throw new SetupError('setup: dpkg-query was not found, so this is not the Debian 12 (bookworm) system setup supports; install the tools listed in README.md yourself and run setup with OASVIEW_SKIP_APT=1.');
  }
  if (missing.length === 0) {
    ctx.info(`setup: apt packages ok${ctx.browser ? ' (with chromium)' : ''}`);
    return;
  }
  const list = missing.join(' ');
  if (ctx.uid !== 0) {
    const what = missing.length === 1 ? `the Debian package ${list} is` : `the Debian packages ${list} are`;
    throw new SetupError(`setup: ${what} missing; install ${missing.length === 1 ? 'it' : 'them'} with \`sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${list}\` and run setup again.`);
  }
  ctx.action(`setup: apt-get install ${list}`);
  const log = logPath(ctx, 'apt-install.log');
  fs.writeFileSync(log, '');
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  let r = run(ctx, 'apt-get', [...lockWait, 'update'], { log });
  if (r.status !== 0) {
    throw new SetupError(`setup: apt-get update failed (full log: ${log}); check the network and /etc/apt/sources.list*, then run setup again.`, logTail(log));
  }
  r = run(ctx, 'apt-get', [...lockWait, 'install', '-y', '--no-install-recommends', ...missing],
    { log, env: { DEBIAN_FRONTEND: 'noninteractive' } });
  const still = missingDebs(ctx, missing);
  if (r.status !== 0 || still.length) {
    throw new SetupError(`setup: apt-get install of ${still.join(' ') || list} failed (full log: ${log}); fix what apt reports above, then run setup again.`, logTail(log));
  }
  if (missing.includes('chromium')) checkChromium(ctx, log);
}

/** After installing chromium: make sure it really starts headless. */
function checkChromium(ctx, log) {
  const r = run(ctx, 'chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--dump-dom',
    'data:text/html,<p>oasview-ok</p>'], { timeout: 60_000 });
  if (!String(r.stdout).includes('oasview-ok')) {
    fs.appendFileSync(log, `\n$ chromium --headless ...\n${r.output}\n`);
    throw new SetupError(`setup: chromium was installed but does not start headless (output in ${log}); the browser tests cannot run until it does.`, logTail(log, 60));
  }
  ctx.info('setup: chromium starts headless');
}

// ---------------------------------------------------------------- 2. npm

function stepNpm(ctx) {
  if (ctx.env.OASVIEW_SKIP_NPM === '1') { ctx.info('setup: npm skipped (OASVIEW_SKIP_NPM=1)'); return; }
  if (ctx.nested) return; // we are inside our own npm ci
  const lockFile = path.join(ctx.repo, 'package-lock.json');
  if (!exists(lockFile)) { ctx.info('setup: npm skipped (no package-lock.json yet)'); return; }
  const want = sha256File(lockFile);
  const nm = path.join(ctx.repo, 'node_modules');
  const stamp = path.join(nm, NPM_STAMP);
  let reason = null;
  if (!exists(nm)) reason = 'node_modules missing';
  else {
    const have = readOr(stamp).trim();
    if (have !== want) reason = have ? 'lock changed' : 'not installed by setup yet';
  }
  if (!reason) { ctx.info('setup: npm packages ok'); return; }

  ctx.action(`setup: npm ci (${reason})`);
  const log = logPath(ctx, 'npm-ci.log');
  fs.writeFileSync(log, '');
  const npmCli = ctx.env.npm_execpath && /npm-cli\.c?js$/.test(ctx.env.npm_execpath) ? ctx.env.npm_execpath : null;
  const [cmd, args] = npmCli ? [process.execPath, [npmCli, 'ci']] : ['npm', ['ci']];
  const r = run(ctx, cmd, [...args, '--no-audit', '--no-fund'], { cwd: ctx.repo, log });
  if (r.status !== 0) {
    throw new SetupError(`setup: npm ci failed (full log: ${log}); fix what npm reports above, then run setup again.`, logTail(log));
  }
  fs.mkdirSync(nm, { recursive: true }); // npm ci creates none for a package without dependencies
  fs.writeFileSync(stamp, want + '\n');
}

// ---------------------------------------------------------------- 3. Debian sources

function readPins(ctx) {
  let spec;
  try {
    spec = JSON.parse(fs.readFileSync(ctx.depsJson, 'utf8'));
  } catch (e) {
    throw new SetupError(`setup: cannot read the pins in ${ctx.depsJson} (${e.message}); restore the file from git.`);
  }
  for (const p of spec.packages ?? []) {
    const bad = !p.name || !p.version || !p.dir || /[/\\]|^\./.test(p.dir) || !Array.isArray(p.files)
      || !p.files.some((f) => f.role === 'orig' && !f.optional)
      || p.files.some((f) => !f.file || /[/\\]/.test(f.file) || !/^[0-9a-f]{64}$/.test(f.sha256 ?? ''));
    if (bad) throw new SetupError(`setup: the entry for ${p.name ?? '?'} in ${ctx.depsJson} is malformed (it needs name, version, dir, and files with file and a 64-hex sha256, one with role "orig"); fix it.`);
  }
  return spec.packages ?? [];
}

function cachedPath(ctx, f) {
  return path.join(ctx.cache, 'debsrc', f.sha256, f.file);
}

function readStamp(dir) {
  try { return JSON.parse(fs.readFileSync(path.join(dir, STAMP_NAME), 'utf8')); } catch { return null; }
}

/** The tree is current if built from exactly the pinned files we would use now. */
function stampMatches(ctx, stamp, pkg) {
  if (!stamp || stamp.format !== STAMP_FORMAT || stamp.name !== pkg.name || stamp.version !== pkg.version) return false;
  const used = stamp.files ?? {};
  for (const f of pkg.files) {
    if (used[f.file] === f.sha256) continue;
    // An optional file not used and still not available is fine; once it is in the
    // cache the tree is rebuilt with it.
    if (f.optional && !(f.file in used) && !exists(cachedPath(ctx, f))) continue;
    return false;
  }
  return Object.keys(used).every((n) => pkg.files.some((f) => f.file === n));
}

function stepDeps(ctx) {
  const pkgs = readPins(ctx);
  fs.mkdirSync(ctx.depsDir, { recursive: true });
  const apt = { ready: false };
  for (const pkg of pkgs) {
    const label = `${pkg.name} ${pkg.version}`;
    const dest = path.join(ctx.depsDir, pkg.dir);
    if (stampMatches(ctx, readStamp(dest), pkg)) { ctx.info(`setup: ${label} ok`); continue; }

    // Files already in the cache, checked again: never use a mismatching file.
    const have = {};
    for (const f of pkg.files) {
      const p = cachedPath(ctx, f);
      if (!exists(p)) continue;
      const actual = sha256File(p);
      if (actual === f.sha256) { have[f.file] = p; continue; }
      ctx.warn(`setup: cached ${p} has SHA-256 ${actual}, expected ${f.sha256}; discarding it`);
      fs.rmSync(p, { force: true });
    }
    let how = 'from cache';
    if (pkg.files.some((f) => !f.optional && !have[f.file])) {
      download(ctx, apt, pkg, have);
      how = 'downloaded';
    }
    const patches = extract(ctx, pkg, have);
    const missingOpt = pkg.files.filter((f) => f.optional && !have[f.file]).map((f) => f.file);
    const deb = pkg.files.find((f) => f.role === 'debian');
    let note;
    if (deb && !have[deb.file]) note = `unpatched (optional ${deb.file} not available)`;
    else if (patches > 0) note = `${patches} Debian patch${patches === 1 ? '' : 'es'} applied`;
    else note = 'no Debian patches';
    if (missingOpt.length && !(deb && missingOpt.includes(deb.file))) note += `; optional ${missingOpt.join(', ')} not available`;
    ctx.action(`setup: ${label} ${how}, ${note}`);
  }
}

function aptSourceArgs(ctx) {
  const dir = path.join(ctx.cache, 'apt');
  const lists = path.join(dir, 'lists');
  const cache = path.join(dir, 'cache');
  fs.mkdirSync(path.join(lists, 'partial'), { recursive: true });
  fs.mkdirSync(path.join(cache, 'archives', 'partial'), { recursive: true });
  const sources = path.join(dir, 'sources.list');
  const text = [
    `deb-src ${ctx.mirror}/debian bookworm main`,
    `deb-src ${ctx.mirror}/debian-security bookworm-security main`,
    `deb-src ${ctx.mirror}/debian bookworm-updates main`,
  ].join('\n') + '\n';
  if (readOr(sources) !== text) fs.writeFileSync(sources, text);
  const args = [
    '-o', `Dir::Etc::SourceList=${sources}`,
    '-o', 'Dir::Etc::SourceParts=/nonexistent',
    '-o', `Dir::State::Lists=${lists}`,
    '-o', `Dir::Cache=${cache}`,
  ];
  // apt's download sandbox user cannot write into our private temp dir.
  if (ctx.uid === 0) args.push('-o', 'APT::Sandbox::User=root');
  return args;
}

/** apt-get source --download-only through the private apt configuration. */
function download(ctx, apt, pkg, have) {
  if (!apt.ready) {
    apt.args = aptSourceArgs(ctx);
    apt.log = logPath(ctx, 'apt-source.log');
    fs.writeFileSync(apt.log, '');
    run(ctx, 'apt-get', [...apt.args, 'update'], { log: apt.log }); // judged by what source finds
    apt.ready = true;
  }
  const work = fs.mkdtempSync(path.join(ctx.cache, 'tmp-'));
  try {
    run(ctx, 'apt-get', [...apt.args, 'source', '--download-only', `${pkg.name}=${pkg.version}`],
      { cwd: work, log: apt.log });
    // apt may exit non-zero because an optional file 404s: judge by the files present.
    for (const f of pkg.files) {
      if (have[f.file]) continue;
      const p = path.join(work, f.file);
      if (!exists(p)) continue;
      const actual = sha256File(p);
      if (actual !== f.sha256) {
        throw new SetupError(`setup: ${f.file} from the Debian mirror has SHA-256 ${actual} but scripts/deps.json pins ${f.sha256}, so it was not used; check the pin, or whether ${ctx.mirror} serves a different ${pkg.name} ${pkg.version}.`);
      }
      const dest = cachedPath(ctx, f);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.renameSync(p, dest);
      have[f.file] = dest;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const lost = pkg.files.find((f) => !f.optional && !have[f.file]);
  if (lost) {
    throw new SetupError(`setup: could not download ${lost.file} from the Debian mirror (full log: ${apt.log}); check the network or the pins in scripts/deps.json.`, logTail(apt.log, 80));
  }
}

function tarArgs(file) {
  if (/\.(tgz|tar\.gz)$/.test(file)) return ['xzf', file];
  if (/\.tar\.xz$/.test(file)) return ['xJf', file];
  if (/\.tar\.bz2$/.test(file)) return ['xjf', file];
  return ['xf', file];
}

/** Unpack orig + debian, apply the series, stamp, then swap into place. Returns the patch count. */
function extract(ctx, pkg, have) {
  const label = `${pkg.name} ${pkg.version}`;
  // Leftovers of killed runs (we hold the lock, so none is in use).
  for (const name of fs.readdirSync(ctx.depsDir)) {
    if (name.startsWith(`.${pkg.dir}.tmp-`)) fs.rmSync(path.join(ctx.depsDir, name), { recursive: true, force: true });
  }
  const work = fs.mkdtempSync(path.join(ctx.depsDir, `.${pkg.dir}.tmp-`));
  try {
    const tree = path.join(work, 'tree');
    fs.mkdirSync(tree);
    const tar = (file, extra) => {
      const r = run(ctx, 'tar', [...tarArgs(file), '--no-same-owner', ...extra], { cwd: tree });
      if (r.status !== 0) {
        throw new SetupError(`setup: unpacking ${path.basename(file)} for ${label} failed; delete ${path.dirname(file)} and run setup again.`, r.output.trim());
      }
    };
    const orig = pkg.files.find((f) => f.role === 'orig');
    tar(have[orig.file], ['--strip-components=1']);
    let applied = 0;
    const deb = pkg.files.find((f) => f.role === 'debian');
    if (deb && have[deb.file]) {
      tar(have[deb.file], []);
      const series = path.join(tree, 'debian', 'patches', 'series');
      for (const raw of readOr(series).split('\n')) {
        const line = raw.replace(/\s#.*$/, '').trim();
        if (!line || line.startsWith('#')) continue;
        const [name, ...opts] = line.split(/\s+/);
        const level = opts.find((o) => /^-p\d+$/.test(o)) ?? '-p1';
        const r = run(ctx, 'patch', [level, '--forward', '-s', '--no-backup-if-mismatch',
          '-i', path.join(tree, 'debian', 'patches', name)], { cwd: tree });
        if (r.status !== 0) {
          throw new SetupError(`setup: the Debian patch ${name} does not apply to ${label}; check the pins in scripts/deps.json.`, r.output.trim());
        }
        applied++;
      }
    }
    const files = {};
    for (const f of pkg.files) if (have[f.file]) files[f.file] = f.sha256;
    const stamp = { format: STAMP_FORMAT, name: pkg.name, version: pkg.version, files, patches: applied };
    fs.writeFileSync(path.join(tree, STAMP_NAME), JSON.stringify(stamp, null, 2) + '\n');

    const dest = path.join(ctx.depsDir, pkg.dir);
    if (exists(dest)) fs.renameSync(dest, path.join(work, 'old'));
    fs.renameSync(tree, dest);
    return applied;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- CLI

const USAGE = `usage: node scripts/setup.mjs [--browser] [--quiet]
  --browser  also install chromium (browser tests)
  --quiet    print only actions taken and errors`;

async function main(argv) {
  const opts = {};
  for (const a of argv) {
    if (a === '--browser') opts.browser = true;
    else if (a === '--quiet' || a === '-q') opts.quiet = true;
    else if (a === '--help' || a === '-h') { process.stdout.write(USAGE + '\n'); return 0; }
    else {
      process.stderr.write(`setup: unknown option ${a}; run \`node scripts/setup.mjs --help\` for the options.\n`);
      return 1;
    }
  }
  try {
    await setup(opts);
    return 0;
  } catch (e) {
    if (e instanceof SetupError) {
      if (e.details) process.stderr.write(e.details + '\n');
      process.stderr.write(e.message + '\n');
    } else {
      if (process.env.OASVIEW_DEBUG) process.stderr.write(`${e.stack}\n`);
      process.stderr.write(`setup: unexpected error (${e.message}); run again with OASVIEW_DEBUG=1 for the stack trace and report it.\n`);
    }
    return 1;
  }
}

function isMain() {
  if (!process.argv[1]) return false;
  try { return fs.realpathSync(process.argv[1]) === fs.realpathSync(SELF); } catch { return false; }
}

if (isMain()) process.exitCode = await main(process.argv.slice(2));
