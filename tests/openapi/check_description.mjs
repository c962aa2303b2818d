// The OpenAPI description itself: valid OpenAPI 3.1 (the official schema), exactly the /api/v1
// routes the router registers, every problem type the code can emit, and for every operation the
// examples an integrator copies from (each one valid against its own schema) and a curl sample.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import {
  Contract,
  describeErrors,
  descriptionPath,
  isJsonMediaType,
  loadDescription,
  resolve,
  sourceDir,
} from "./openapi_contract.mjs";

const doc = loadDescription();
const contract = new Contract(doc);

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith(".cpp")) out.push(path);
  }
  return out;
}
const sources = sourceFiles(join(sourceDir, "src")).map((file) => readFileSync(file, "utf8"));

test("the description is valid OpenAPI 3.1 against the official schema", async () => {
  const validator = new Validator();
  const result = await validator.validate(descriptionPath);
  assert.equal(doc.openapi.startsWith("3.1."), true, `openapi is ${doc.openapi}`);
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
});

test("it describes exactly the /api/v1 routes the router registers", () => {
  const registered = new Set();
  const add = /router\.Add\(\s*"([A-Z]+)",\s*"(\/api\/v1\/[^"]*)"/g;
  for (const text of sources) {
    for (const m of text.matchAll(add)) registered.add(`${m[1]} ${m[2]}`);
  }
  assert.ok(registered.size > 10, `only ${registered.size} routes found in src/`);
  const described = new Set(
    contract.operations.map((o) => `${o.method.toUpperCase()} ${o.template}`),
  );
  const missing = [...registered].filter((r) => !described.has(r)).sort();
  const extra = [...described].filter((r) => !registered.has(r)).sort();
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
});

// Every problem type slug the HTTP layer can produce for /api/v1, found in the sources: the error
// code names, the slugs the HTTP layer passes itself, the reasons of identifier errors and the
// EN 319 522 reason codes of a refused submission.
function emittedProblemSlugs() {
  const slugs = new Set();
  const resultCpp = readFileSync(join(sourceDir, "src/common/result.cpp"), "utf8");
  for (const m of resultCpp.matchAll(/return "([a-z_]+)";/g)) slugs.add(m[1]);
  const text = sources.join("\n");
  for (const m of text.matchAll(/ProblemResponse\(\s*\d{3},\s*"([a-z0-9._-]+)"/g)) slugs.add(m[1]);
  const identifiers = readFileSync(join(sourceDir, "src/domain/belgian_identifiers.cpp"), "utf8");
  for (const m of identifiers.matchAll(/"(invalid_[a-z_]+)"/g)) slugs.add(m[1]);
  const reasons = readFileSync(join(sourceDir, "src/domain/evidence_event.hpp"), "utf8");
  const submit = readFileSync(join(sourceDir, "src/app/usecases/submit_item.cpp"), "utf8");
  for (const m of submit.matchAll(/Refusal\(reasons::(k[A-Za-z]+)/g)) {
    const code = reasons.match(new RegExp(`${m[1]}\\{"([A-Z0-9]+)"`));
    assert.ok(code, `reason ${m[1]} not found in evidence_event.hpp`);
    slugs.add(code[1].toLowerCase());
  }
  return slugs;
}

function describedProblemTypes() {
  const types = new Set();
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    if (node.properties?.type?.enum) node.properties.type.enum.forEach((t) => types.add(t));
    Object.values(node).forEach(walk);
  };
  walk(doc.components);
  return types;
}

test("every problem type the code emits is documented, and nothing else", () => {
  const base = "https://sealpost.eu/problems/";
  const emitted = [...emittedProblemSlugs()].map((s) => base + s).sort();
  const described = [...describedProblemTypes()].sort();
  assert.deepEqual(
    {
      undocumented: emitted.filter((t) => !described.includes(t)),
      notEmitted: described.filter((t) => !emitted.includes(t)),
    },
    { undocumented: [], notEmitted: [] },
  );
  for (const t of emitted) {
    assert.ok(doc.info.description.includes(t), `${t} missing from the table in info.description`);
  }
});

function examplesOf(media) {
  const out = [];
  if (media.example !== undefined) out.push(["example", media.example]);
  for (const [name, example] of Object.entries(media.examples ?? {})) {
    out.push([name, resolve(doc, example).value]);
  }
  return out;
}

test("every operation has a summary, a curl sample, and valid request and response examples", () => {
  const failures = [];
  for (const { template, method, operation } of contract.operations) {
    const where = `${method.toUpperCase()} ${template}`;
    if (!operation.operationId || !operation.summary) failures.push(`${where}: operationId/summary`);
    const samples = operation["x-codeSamples"] ?? [];
    const curl = samples.find((s) => s.lang === "curl");
    const concrete = template.replace(/\{[^}]+\}/g, "[^/?' ]+").replace(/\//g, "\\/");
    if (!curl || !new RegExp(concrete).test(curl.source)) {
      failures.push(`${where}: no curl sample calling this path`);
    } else if (method !== "get" && !curl.source.includes(`-X ${method.toUpperCase()}`)) {
      failures.push(`${where}: the curl sample does not use ${method.toUpperCase()}`);
    }
    if (operation.requestBody) {
      const body = resolve(doc, operation.requestBody);
      for (const [mediaType, media] of Object.entries(body.content)) {
        const examples = examplesOf(media);
        if (examples.length === 0) failures.push(`${where}: request ${mediaType} has no example`);
        for (const [name, value] of examples) {
          const validate = contract.validator(media.schema);
          if (!validate(value)) {
            failures.push(`${where}: request example ${name}: ${describeErrors(validate.errors)}`);
          }
        }
      }
    }
    let hasSuccessExample = false;
    for (const [status, responseRef] of Object.entries(operation.responses)) {
      const response = resolve(doc, responseRef);
      for (const [mediaType, media] of Object.entries(response.content ?? {})) {
        const examples = examplesOf(media);
        if (examples.length === 0) failures.push(`${where} ${status}: ${mediaType} has no example`);
        if (status.startsWith("2") && examples.length > 0) hasSuccessExample = true;
        if (!isJsonMediaType(mediaType)) continue;
        const validate = contract.validator(media.schema);
        for (const [name, value] of examples) {
          if (!validate(value)) {
            failures.push(`${where} ${status} example ${name}: ${describeErrors(validate.errors)}`);
          }
          if (mediaType === "application/problem+json" && `${value?.status}` !== status) {
            failures.push(`${where} ${status} example ${name} says status ${value.status}`);
          }
        }
      }
      if (status.startsWith("2") && !response.content) hasSuccessExample = true;  // 204
    }
    if (!hasSuccessExample) failures.push(`${where}: no example of a successful response`);
  }
  assert.deepEqual(failures, []);
});

test("the checker itself rejects a body that breaks a schema", () => {
  // Guards against a checker that accepts everything (e.g. a $ref that resolves to {}).
  const item = contract.component("schemas", "Item");
  const validate = contract.validator(item);
  assert.equal(validate({ id: "x" }), false);
  assert.equal(validate({ ...structuredClone(okItem()), deliveries: [{ id: 1 }] }), false);
  assert.equal(validate(okItem()), true, describeErrors(validate.errors));
});

function okItem() {
  const example = doc.paths["/api/v1/items/{id}"].get.responses["200"].content["application/json"];
  return structuredClone(example.examples.example.value);
}
