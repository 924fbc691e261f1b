// The viewer worker's side of a download the /docs page hands over (web/viewer/fetch.mjs Handover).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Handover } from "../web/viewer/fetch.mjs";

const bytesOf = (...xs) => new Uint8Array(xs);

test("Handover: chunks from several messages make the document, with the download's progress between them", async () => {
  const progress = [];
  const h = new Handover((p) => progress.push(p));
  h.receive({ chunks: [bytesOf(1, 2), bytesOf(3)], total: 6 });
  h.receive({ chunks: [], total: 6 });
  h.receive({ chunks: [bytesOf(4, 5)], total: 6 });
  h.receive({ chunks: [bytesOf(6)], total: 6, done: true });
  assert.deepEqual([...await h.bytes], [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(progress, [
    { phase: "fetch", loaded: 3, total: 6 },
    { phase: "fetch", loaded: 3, total: 6 },
    { phase: "fetch", loaded: 5, total: 6 },
  ]);
});

test("Handover: a document in one chunk is that chunk; an empty one is empty", async () => {
  const one = bytesOf(7, 8, 9);
  const h = new Handover();
  h.receive({ chunks: [one], total: 0, done: true });
  assert.equal(await h.bytes, one);
  const empty = new Handover();
  empty.receive({ done: true });
  assert.equal((await empty.bytes).byteLength, 0);
});

test("Handover: a download the page could not make gives null (the worker then downloads it and says why)", async () => {
  const h = new Handover();
  h.receive({ chunks: [bytesOf(1)], total: 2 });
  h.receive({ failed: true });
  assert.equal(await h.bytes, null);
});
