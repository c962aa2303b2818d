// The description is the contract: every /api/v1 exchange the integration suite recorded
// (tests/integration/http_client.cpp writes one JSON line per exchange to the file named by
// SEALPOST_API_EXCHANGE_LOG) must match it — a documented operation (or 404/405 for unknown paths
// and methods), a documented status, a documented content type, and a JSON body valid against the
// response schema. Fails listing every mismatch; prints which operations and statuses were seen.
//
//   node tests/openapi/validate_exchanges.mjs [LOG] [--description FILE]
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import {
  Contract,
  contentFor,
  describeErrors,
  isJsonMediaType,
  loadDescription,
  mediaTypeOf,
  resolve,
} from "./openapi_contract.mjs";

const args = process.argv.slice(2);
const descriptionAt = args.indexOf("--description");
const descriptionFile = descriptionAt >= 0 ? args.splice(descriptionAt, 2)[1] : undefined;
const logPath = args[0] ?? process.env.SEALPOST_API_EXCHANGE_LOG;

// The mismatches of one exchange against one documented response (empty: it matches).
function checkResponse(contract, response, exchange) {
  const problems = [];
  const mediaType = mediaTypeOf(exchange.content_type);
  if (!response.content) {
    if (exchange.body_bytes > 0) problems.push(`has a ${mediaType} body where none is documented`);
    return problems;
  }
  const found = contentFor(response.content, mediaType);
  if (!found) {
    problems.push(
      `content type "${exchange.content_type}" is not documented (${Object.keys(response.content).join(", ")})`,
    );
    return problems;
  }
  if (!isJsonMediaType(mediaType)) return problems;
  if (!("body" in exchange)) {
    problems.push(`the ${mediaType} body is not JSON: ${JSON.stringify(exchange.body_text ?? "")}`);
    return problems;
  }
  const validate = contract.validator(found.entry.schema);
  if (!validate(exchange.body)) problems.push(describeErrors(validate.errors));
  return problems;
}

function check(contract, exchange) {
  const match = contract.match(exchange.method, exchange.path);
  if (match === null) {
    // Not an operation: the router's 404 for an unknown path.
    const response = resolve(contract.doc, { $ref: "#/components/responses/NotFound" });
    const problems = exchange.status === 404 ? checkResponse(contract, response, exchange) : [
      `status ${exchange.status} for a path the description does not have (expected 404)`];
    return { key: "(unknown path)", problems };
  }
  if (match.pathKnown) {
    const response = resolve(contract.doc, { $ref: "#/components/responses/MethodNotAllowed" });
    const problems = exchange.status === 405 ? checkResponse(contract, response, exchange) : [
      `status ${exchange.status} for a method the path does not have (expected 405; it has ${match.allowed.join(", ")})`];
    return { key: "(undocumented method)", problems };
  }
  const key = `${match.method.toUpperCase()} ${match.template}`;
  const responseRef = match.operation.responses[String(exchange.status)];
  if (!responseRef) {
    return {
      key,
      problems: [`status ${exchange.status} is not documented (${Object.keys(match.operation.responses).join(", ")})`],
    };
  }
  return { key, problems: checkResponse(contract, resolve(contract.doc, responseRef), exchange) };
}

test("every recorded /api/v1 response matches the OpenAPI description", () => {
  assert.ok(logPath, "name the exchange log: SEALPOST_API_EXCHANGE_LOG or the first argument");
  assert.ok(
    existsSync(logPath),
    `${logPath} does not exist: run the http_integration tests first (they record it)`,
  );
  const contract = new Contract(descriptionFile ? loadDescription(descriptionFile) : undefined);
  const lines = readFileSync(logPath, "utf8").split("\n").filter((l) => l.trim() !== "");
  assert.ok(lines.length > 0, `${logPath} is empty: no /api/v1 exchange was recorded`);

  const mismatches = new Map();  // message → {count, tests}
  const seen = new Map();  // operation → Set of statuses
  for (const [index, text] of lines.entries()) {
    let exchange;
    try {
      exchange = JSON.parse(text);
    } catch {
      mismatches.set(`line ${index + 1} of the log is not JSON`, { count: 1, tests: new Set() });
      continue;
    }
    const { key, problems } = check(contract, exchange);
    if (!seen.has(key)) seen.set(key, new Set());
    seen.get(key).add(exchange.status);
    for (const problem of problems) {
      const message = `${exchange.method} ${exchange.path} → ${exchange.status} [${key}]: ${problem}`
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "{uuid}");
      const entry = mismatches.get(message) ?? { count: 0, tests: new Set() };
      entry.count += 1;
      if (exchange.test) entry.tests.add(exchange.test);
      mismatches.set(message, entry);
    }
  }

  console.log(`# ${lines.length} exchanges checked against the description`);
  for (const { template, method } of contract.operations) {
    const key = `${method.toUpperCase()} ${template}`;
    const statuses = seen.get(key);
    console.log(`#   ${key}: ${statuses ? [...statuses].sort().join(", ") : "not exercised"}`);
  }
  for (const key of ["(unknown path)", "(undocumented method)"]) {
    if (seen.has(key)) console.log(`#   ${key}: ${[...seen.get(key)].sort().join(", ")}`);
  }
  const report = [...mismatches.entries()].map(
    ([message, { count, tests }]) =>
      `${message} (×${count}${tests.size ? "; in " + [...tests].slice(0, 3).join(", ") : ""})`,
  );
  assert.deepEqual(report, [], `${report.length} kinds of mismatch:\n${report.join("\n")}`);
});
