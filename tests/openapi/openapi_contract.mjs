// The OpenAPI description as a checker: loads web/api/openapi.json, compiles its schemas with ajv
// (JSON Schema 2020-12, the dialect of OpenAPI 3.1) and finds the operation for a method and a
// concrete path. Shared by the description test and the exchange validation, so that both read
// the description the same way.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export const sourceDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const descriptionPath = join(sourceDir, "web", "api", "openapi.json");

const kSchemasId = "urn:sealpost:openapi-schemas";

export function loadDescription(path = descriptionPath) {
  return JSON.parse(readFileSync(path, "utf8"));
}

// "#/components/schemas/X" → a reference into one schema document that holds every component
// schema under $defs, so ajv resolves them without seeing the rest of the description.
function rewriteRefs(value) {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "$ref" && typeof inner === "string" && inner.startsWith("#/components/schemas/")) {
      out[key] = `${kSchemasId}#/$defs/${inner.slice("#/components/schemas/".length)}`;
    } else {
      out[key] = rewriteRefs(inner);
    }
  }
  return out;
}

// Follows a local "#/components/…" reference (responses, parameters, headers).
export function resolve(doc, node) {
  let current = node;
  for (let hops = 0; current && current.$ref && hops < 10; ++hops) {
    const parts = current.$ref.replace(/^#\//, "").split("/");
    current = parts.reduce((at, part) => (at ? at[part] : undefined), doc);
    if (current === undefined) throw new Error(`unresolvable $ref ${node.$ref}`);
  }
  return current;
}

export class Contract {
  constructor(doc = loadDescription()) {
    this.doc = doc;
    // strict: an unknown keyword in a schema is a mistake in the description, not something to skip.
    this.ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
    addFormats(this.ajv);
    // The OpenAPI 3.1 dialect adds these keywords to JSON Schema.
    this.ajv.addVocabulary(["discriminator", "xml", "externalDocs", "example"]);
    this.ajv.addSchema({ $id: kSchemasId, $defs: rewriteRefs(doc.components?.schemas ?? {}) });
    this.compiled = new Map();
    this.operations = [];
    for (const [template, item] of Object.entries(doc.paths ?? {})) {
      const pattern = new RegExp(
        "^" +
          template
            .split(/(\{[^}]+\})/)
            .map((piece) =>
              piece.startsWith("{") ? "[^/]+" : piece.replace(/[.*+?^$()|[\]\\]/g, "\\$&"),
            )
            .join("") +
          "$",
      );
      for (const method of ["get", "put", "post", "delete", "patch", "head", "options", "trace"]) {
        if (item[method]) {
          this.operations.push({ template, pattern, method, operation: item[method] });
        }
      }
    }
  }

  // A validating function for a schema of the description; compiled once per schema object.
  validator(schema) {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(rewriteRefs(schema));
      this.compiled.set(schema, validate);
    }
    return validate;
  }

  // {template, method, operation} for a concrete request, or {pathKnown} when the path matches a
  // template but not with that method, or null when no template matches.
  match(method, path) {
    const lower = method.toLowerCase();
    const onPath = this.operations.filter((o) => o.pattern.test(path));
    if (onPath.length === 0) return null;
    // A literal segment wins over a template variable (e.g. /items/x vs /items/{id}).
    onPath.sort((a, b) => countVariables(a.template) - countVariables(b.template));
    const found = onPath.find((o) => o.method === lower);
    return found ?? { pathKnown: true, allowed: onPath.map((o) => o.method.toUpperCase()) };
  }

  component(kind, name) {
    return this.doc.components?.[kind]?.[name];
  }
}

function countVariables(template) {
  return (template.match(/\{/g) ?? []).length;
}

// The media type of a Content-Type header value, lower case, without parameters.
export function mediaTypeOf(contentType) {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

// The description's entry for a media type: exact, then "type/*", then "*/*".
export function contentFor(content, mediaType) {
  if (!content) return undefined;
  if (content[mediaType]) return { key: mediaType, entry: content[mediaType] };
  const wildcard = mediaType.split("/")[0] + "/*";
  if (content[wildcard]) return { key: wildcard, entry: content[wildcard] };
  if (content["*/*"]) return { key: "*/*", entry: content["*/*"] };
  return undefined;
}

export function isJsonMediaType(mediaType) {
  return mediaType === "application/json" || mediaType.endsWith("+json");
}

export function describeErrors(errors) {
  return (errors ?? [])
    .map((e) => `${e.instancePath || "(body)"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`)
    .join("; ");
}
