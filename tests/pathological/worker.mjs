// worker.mjs - runs one pathological case in wasm inside a worker thread, so
// the test can stop it if it ever hangs.
import { parentPort, workerData } from "node:worker_threads";
import { cases } from "./generate.mjs";

const { createOasview } = await import(workerData.module);
const c = cases()[workerData.index];
const text = c.text();
const ov = await createOasview();
const base = ov.heapPeak;
const t0 = performance.now();
const doc = ov.load(text, { validate: c.validate !== false });
const elapsed = performance.now() - t0;
const diagnostics = doc.diagnostics.map((d) => ({ severity: d.severity, code: d.code }));
doc.dispose();
const peak = ov.heapPeak - base;
// The module must keep working for the next document.
const next = ov.load('{"openapi": "3.1.0", "info": {"title": "next", "version": "1"}, "paths": {}}');
parentPort.postMessage({ diagnostics, elapsed, peak, bytes: typeof text === "string" ? Buffer.byteLength(text) : text.length,
  nextValid: next.valid && next.title === "next" });
next.dispose();
