// Intercom's official OpenAPI descriptions (2.14, the pinned version, and 2.16, which only Hailer's
// macros call names) as request and response validators, each request checked against the
// description of the version its `Intercom-Version` header names. Each YAML is parsed once per process (and its parsed form cached by content hash in the OS temp directory, as
// parsing 900 KB of YAML takes ~0.4 s); validators are compiled with ajv per operation on first use.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

export const DEFAULT_VERSION = '2.14';
export const VERSIONS = ['2.14', '2.16'];
/** Every vendored description: the served ones and the older and newer ones whose examples the contract tests read. */
export const DOCUMENTED_VERSIONS = ['2.11', '2.14', '2.16', 'Preview'];
const specFile = (version) => fileURLToPath(new URL(`./openapi/api.intercom.io.${version}.yaml`, import.meta.url));
export const SPEC_FILE = specFile(DEFAULT_VERSION);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const specs = new Map();

/** The parsed description of `version` and its routes; loaded on first call. */
export function loadSpec(version = DEFAULT_VERSION) {
  if (!VERSIONS.includes(version)) throw new Error(`No vendored OpenAPI description for Intercom-Version ${version}`);
  const cached = specs.get(version);
  if (cached) return cached;
  const SPEC_ID = `intercom-${version}.json`;
  const adapt = adapter(SPEC_ID);
  const document = readDocument(specFile(version));
  const components = { $id: SPEC_ID, components: { schemas: mapValues(document.components.schemas, adapt) } };
  // Bodies and responses are checked as sent; path and query strings are coerced to their types.
  const bodyAjv = newAjv({}, components);
  const paramAjv = newAjv({ coerceTypes: true }, components);
  const routes = [];
  for (const [template, item] of Object.entries(document.paths)) {
    const segments = template.split('/').slice(1);
    const literals = segments.filter((s) => !s.startsWith('{')).length;
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])];
      routes.push({ method: method.toUpperCase(), template, segments, literals, operationId: op.operationId, op, parameters, validators: {} });
    }
  }
  // A literal segment wins over a parameter: /contacts/search is not /contacts/{contact_id}.
  routes.sort((a, b) => b.literals - a.literals);
  const spec = { version, document, routes, bodyAjv, paramAjv, adapt };
  specs.set(version, spec);
  return spec;
}

/** The parsed description of any vendored `version` (DOCUMENTED_VERSIONS), as a plain object. */
export const readDescription = (version) => readDocument(specFile(version));

function readDocument(file) {
  const text = readFileSync(file, 'utf8');
  const cache = join(tmpdir(), `hailer-intercom-openapi-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.json`);
  try {
    return JSON.parse(readFileSync(cache, 'utf8'));
  } catch {
    const document = YAML.parse(text, { merge: false, uniqueKeys: false, prettyErrors: false });
    try {
      const partial = `${cache}.${process.pid}`;
      writeFileSync(partial, JSON.stringify(document));
      renameSync(partial, cache);
    } catch {
      // A read-only temp directory only costs the next start the YAML parse.
    }
    return document;
  }
}

function newAjv(options, components) {
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, validateSchema: false, logger: false, ...options });
  addFormats(ajv);
  // Formats the description uses that ajv-formats does not know; `uri` also covers the relative
  // URLs Intercom really sends (e.g. a contact's `tags.url` is `/contacts/{id}/tags`).
  ajv.addFormat('timestamp', true);
  ajv.addFormat('uri', (s) => URL.canParse(s, 'https://api.intercom.io'));
  ajv.addSchema(components);
  return ajv;
}

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv: `nullable` becomes an explicit null alternative (ajv's
 * own `nullable` needs a `type` beside it), `$ref` siblings are dropped as 3.0 says, refs point
 * into the registered components document, and examples (never validated) are left out.
 */
const adapter = (SPEC_ID) =>
  function adapt(schema) {
    if (!schema || typeof schema !== 'object') return schema;
    if (schema.$ref) {
      const ref = { $ref: schema.$ref.startsWith('#') ? SPEC_ID + schema.$ref : schema.$ref };
      return schema.nullable ? { anyOf: [{ type: 'null' }, ref] } : ref;
    }
    const out = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'nullable' || key === 'example' || key === 'examples' || key === 'discriminator') continue;
      if (key === 'properties' || key === 'patternProperties') out[key] = mapValues(value, adapt);
      else if (key === 'items' || key === 'additionalProperties' || key === 'not') out[key] = adapt(value);
      else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') out[key] = value.map(adapt);
      else out[key] = value;
    }
    return schema.nullable ? { anyOf: [{ type: 'null' }, out] } : out;
  };

/** The operation a request addresses in `version`, with its decoded path parameters. */
export function matchRoute(method, path, version = DEFAULT_VERSION) {
  const segments = path.split('/').slice(1);
  let pathKnown = false;
  for (const route of loadSpec(version).routes) {
    if (route.segments.length !== segments.length) continue;
    const params = {};
    const fits = route.segments.every((s, i) => {
      if (!s.startsWith('{')) return s === segments[i];
      params[s.slice(1, -1)] = safeDecode(segments[i]);
      return segments[i] !== '';
    });
    if (!fits) continue;
    pathKnown = true;
    if (route.method === method) return { route, params };
  }
  return { route: null, pathKnown };
}

/**
 * Checks a request against its operation: path parameters, query and JSON body. Answers the
 * operation, readable errors, and the parameters coerced to their declared types.
 */
export function validateRequest({ method, path, query = {}, body, version = DEFAULT_VERSION }) {
  const { route, params } = matchRoute(method.toUpperCase(), path, version);
  if (!route) return { operationId: null, valid: false, errors: [`${method.toUpperCase()} ${path} is not an operation of Intercom's API ${version}`] };
  const { paramAjv, bodyAjv, adapt } = loadSpec(version);
  const v = route.validators;
  v.path ??= paramAjv.compile(parameterSchema(route.parameters, 'path', adapt));
  v.query ??= paramAjv.compile(parameterSchema(route.parameters, 'query', adapt));
  const errors = [];
  const coercedParams = { ...params };
  const coercedQuery = { ...query };
  if (!v.path(coercedParams)) errors.push(...describe(v.path.errors, 'path'));
  if (!v.query(coercedQuery)) errors.push(...describe(v.query.errors, 'query'));
  const bodySchema = route.op.requestBody?.content?.['application/json']?.schema;
  if (bodySchema) {
    v.body ??= bodyAjv.compile(adapt(bodySchema));
    if (body === undefined || body === null) errors.push('a JSON request body is required');
    else if (!v.body(body)) errors.push(...describe(v.body.errors, 'body'));
  }
  return { operationId: route.operationId, valid: errors.length === 0, errors, params: coercedParams, query: coercedQuery };
}

/** Checks an answer against the schema the operation declares for its status. */
export function validateResponse({ method, path, status, body, version = DEFAULT_VERSION }) {
  const { route } = matchRoute(method.toUpperCase(), path, version);
  if (!route) return { operationId: null, valid: false, errors: [`${method.toUpperCase()} ${path} is not an operation of Intercom's API ${version}`] };
  const { bodyAjv, adapt } = loadSpec(version);
  const response = route.op.responses?.[String(status)] ?? route.op.responses?.default;
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) return { operationId: route.operationId, valid: false, errors: [`${route.operationId} declares no JSON answer for status ${status}`] };
  const validate = (route.validators[`response ${status}`] ??= bodyAjv.compile(adapt(schema)));
  const valid = validate(body);
  return { operationId: route.operationId, valid, errors: valid ? [] : describe(validate.errors, 'response') };
}

function parameterSchema(parameters, location, adapt) {
  const own = parameters.filter((p) => p.in === location);
  return {
    type: 'object',
    properties: Object.fromEntries(own.map((p) => [p.name, adapt(p.schema ?? {})])),
    required: own.filter((p) => p.required).map((p) => p.name),
  };
}

/** ajv errors → sentences naming the field, what it must be and what it was. */
function describe(errors, root) {
  // When a oneOf/anyOf fails, its branches say why; the summary line adds nothing.
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params.type === 'null'));
  const lines = (specific.length ? specific : errors).map((e) => {
    const where = root + e.instancePath.replace(/\//g, '.');
    if (e.keyword === 'required') return `${where}.${e.params.missingProperty} is required`;
    if (e.keyword === 'enum') return `${where} must be one of ${e.params.allowedValues.map((x) => JSON.stringify(x)).join(', ')} (got ${JSON.stringify(e.data)})`;
    if (e.keyword === 'type') return `${where} must be ${e.params.type} (got ${typeName(e.data)})`;
    return `${where} ${e.message}`;
  });
  return [...new Set(lines)];
}

function typeName(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'string' || typeof value === 'number' ? `${typeof value} ${JSON.stringify(value)}` : typeof value;
}

function safeDecode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function mapValues(object, fn) {
  return Object.fromEntries(Object.entries(object ?? {}).map(([k, v]) => [k, fn(v)]));
}
