// golden.mjs - regenerate the render-model golden files (tests/golden/*.json) from dist/.
//
//   node scripts/golden.mjs        rewrite them (review the diff before committing)
//
// Each file is the navigation model of one corpus document, pretty-printed:
// our own expected output, compared by wasm-tests/model.test.mjs.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const GOLDEN = [
  "fastapi/openapi_webhooks_tutorial001.json",
  "fastapi/openapi_callbacks_tutorial001.json",
  "examples/v3.1/webhook-example.yaml",
  "examples/v3.0/petstore.yaml",
  "oas-schema-tests/pass/mega.yaml",
  "real-world/redocly-museum--openapi.yaml",
  "real-world/redoc-demo--openapi-3.0.yaml",
];
/**
 * The golden file for a corpus path: our model of it, named after the document
 * ("oai-pass--mega.yaml.nav.json"); the corpus folders get short names of our own so
 * that the name never passes for a copy of the corpus file.
 */
const FOLDER_NAMES = { "oas-schema-tests/pass": "oai-pass", "oas-schema-tests/fail": "oai-fail" };
export const goldenName = (rel) => {
  const folder = Object.keys(FOLDER_NAMES).find((f) => rel.startsWith(`${f}/`));
  const named = folder ? `${FOLDER_NAMES[folder]}/${rel.slice(folder.length + 1)}` : rel;
  return `${named.replaceAll("/", "--")}.nav.json`;
};
export const goldenDir = join(root, "tests/golden");

if (import.meta.url === `file://${process.argv[1]}`) {
  const corpus = resolve(root, process.env.OASVIEW_CORPUS ?? "../shared/corpus");
  const { createOasview } = await import(join(root, "dist/oasview.mjs"));
  const ov = await createOasview();
  mkdirSync(goldenDir, { recursive: true });
  for (const rel of GOLDEN) {
    const doc = ov.load(readFileSync(join(corpus, rel)), { filename: rel, validate: false });
    writeFileSync(join(goldenDir, goldenName(rel)), `${JSON.stringify(doc.navigation(), null, 2)}\n`);
    doc.dispose();
    console.log(`golden: ${goldenName(rel)}`);
  }
}
