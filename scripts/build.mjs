// build.mjs - build the wasm package into dist/ and (with --native) the native
// library, CLI and C tests with AddressSanitizer + UndefinedBehaviorSanitizer.
//
//   node scripts/build.mjs            wasm -> dist/
//   node scripts/build.mjs --native   also build/native (sanitizers on)
//   node scripts/build.mjs --release  also build/release (native, optimised: benchmarks)
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const jobs = ["--parallel", "2"];

function run(cmd, argv, env = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? "");
    process.stderr.write(r.stderr ?? "");
    console.error(`build: ${cmd} ${argv.join(" ")} failed (exit ${r.status ?? r.signal}); see the output above.`);
    process.exit(1);
  }
  return r.stdout.toString();
}

function cmakeBuild(dir, configure, env = {}) {
  if (!existsSync(join(root, dir, "CMakeCache.txt"))) run(configure[0], configure.slice(1), env);
  run("cmake", ["--build", dir, ...jobs], env);
}

// Debian's emcc needs acorn from Debian's node modules.
const emEnv = { NODE_PATH: [process.env.NODE_PATH, "/usr/share/nodejs"].filter(Boolean).join(":") };

if (args.has("--native")) {
  cmakeBuild("build/native", ["cmake", "-S", ".", "-B", "build/native", "-DCMAKE_C_COMPILER=clang",
    "-DCMAKE_BUILD_TYPE=Debug", "-DOASV_SANITIZE=ON"]);
  console.log("build: native (ASan + UBSan) in build/native");
}
if (args.has("--release")) {
  cmakeBuild("build/release", ["cmake", "-S", ".", "-B", "build/release", "-DCMAKE_BUILD_TYPE=Release", "-DOASV_TESTS=OFF"]);
  console.log("build: native release in build/release");
}
if (!args.has("--no-wasm")) {
  cmakeBuild("build/wasm", ["emcmake", "cmake", "-S", ".", "-B", "build/wasm", "-DCMAKE_BUILD_TYPE=Release", "-DOASV_TESTS=OFF"], emEnv);
  mkdirSync(join(root, "dist"), { recursive: true });
  copyFileSync(join(root, "build/wasm/oasview.wasm"), join(root, "dist/oasview.wasm"));
  copyFileSync(join(root, "web/oasview.mjs"), join(root, "dist/oasview.mjs"));
  copyFileSync(join(root, "web/oasview.d.ts"), join(root, "dist/oasview.d.ts"));
  // the "node" export condition's entry, and the render model's types (imported by oasview.d.ts)
  copyFileSync(join(root, "web/oasview.node.mjs"), join(root, "dist/oasview.node.mjs"));
  copyFileSync(join(root, "web/model.d.ts"), join(root, "dist/model.d.ts"));
  // the docs viewer: <oasview-docs> (element.mjs), its worker and CSS, bundled and minified by esbuild
  const { buildViewer } = await import("./build-viewer.mjs");
  await buildViewer(root);
  console.log("build: wasm package in dist/ (oasview.mjs, oasview.node.mjs, oasview.wasm, oasview.d.ts, model.d.ts, viewer/)");
  // the live preview (/preview): <oasview-preview> bundled with CodeMirror by esbuild, and its service worker
  const { buildPreview } = await import("./build-preview.mjs");
  console.log(`build: live preview in dist/preview/ (build ${await buildPreview(root)})`);
}
