/**
 * Contract checker: holds our fake Asana API (and our client's requests to it) to Asana's own
 * OpenAPI document.
 *
 * One HTTP exchange in, a list of violations out. Schema checks come from openapi-backend (request
 * parameters and bodies, status-specific response bodies) on a normalised copy of the document; on
 * top of that we check the conventions the document leaves unsaid: the `{data: ...}` envelopes,
 * `{errors: [...]}` bodies on every failure, `Retry-After` on 429, and the multipart rules of
 * `POST /attachments`.
 *
 * Loading is synchronous and cached per process (see loadContractChecker).
 */
import { OpenAPIRouter, OpenAPIValidator, ValidationContext, type Operation } from "openapi-backend";
import addFormatsModule from "ajv-formats";
import { existsSync } from "node:fs";
import { dereferenceLocalRefsInPlace } from "./dereference-local-refs.js";
import { TASK_SEARCH_OPERATION_ID } from "./normalize-asana-oas.js";
import { loadNormalisedSpec, specPathCandidates, type NormalisedSpec } from "./spec-document.js";
import { describeValue, requestViolationsFromAjv, responseViolationsFromAjv, type AjvError } from "./ajv-violations.js";

export interface HttpExchange {
  method: string; // "GET", "POST", ...
  path: string; // path relative to the API base, e.g. "/tasks/123" (no "/api/1.0" prefix)
  query: Record<string, string | string[]>;
  headers: Record<string, string>; // request headers, lower-case names
  /** Parsed JSON body, or for multipart: { fields, files }. */
  body?: unknown;
  bodyKind?: "json" | "multipart" | "none";
  response: { status: number; headers: Record<string, string>; body: unknown }; // parsed JSON body
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: Record<string, { filename: string; contentType?: string; size: number }>;
}

export interface ContractViolation {
  operation: string;
  where: "request" | "response";
  field: string;
  message: string;
}

export interface ContractChecker {
  readonly available: boolean;
  readonly unavailableReason?: string;
  /** The document the checks use, when available. */
  readonly specPath?: string;
  check(exchange: HttpExchange): ContractViolation[];
  operationFor(method: string, path: string): string | undefined;
}

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module
// object, and depending on the loader (Node, vite-node) the function is it or its `.default`.
type FormatsPlugin = typeof addFormatsModule.default;
const addFormats: FormatsPlugin = typeof addFormatsModule === "function" ? (addFormatsModule as unknown as FormatsPlugin) : addFormatsModule.default;

type SharedAjv = ReturnType<NonNullable<ConstructorParameters<typeof OpenAPIValidator>[0]["customizeAjv"]>>;
type ResponseValidate = ReturnType<SharedAjv["compile"]>;

const API_BASE_PATH = "/api/1.0";
const JSON_MEDIA_TYPE = "application/json";
const MULTIPART_MEDIA_TYPE = "multipart/form-data";

/**
 * Task search filters described in the operation's text but not declared as parameters:
 * `custom_fields.{gid}.{is_set|value|starts_with|...}` and
 * `custom_types.{gid}.custom_type_status_option.gid`. Their names are open-ended (they embed a gid),
 * so they can't be patched into the document as parameters; we take them out of the query before
 * openapi-backend sees it and check them here. Anything that doesn't match stays in the query and is
 * reported as an undeclared parameter.
 */
const TASK_SEARCH_CUSTOM_FIELD_FILTER = /^custom_fields\.\d+\.(is_set|value|starts_with|ends_with|contains|less_than|greater_than|before|after)$/;
const TASK_SEARCH_CUSTOM_TYPE_FILTER = /^custom_types\.\d+\.custom_type_status_option\.gid$/;

/** `POST /attachments`, the document's only multipart operation. */
const ATTACHMENT_UPLOAD_OPERATION_ID = "createAttachmentForObject";

/** Cap for the (method, path) → operation memo; ids in paths make the key space unbounded. */
const MAX_MEMOISED_ROUTES = 5000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isMultipartBody(value: unknown): value is MultipartBody {
  return isPlainObject(value) && isPlainObject(value.fields) && isPlainObject(value.files);
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lowered[name.toLowerCase()] = value;
  return lowered;
}

/** Accepts "/tasks/1", "tasks/1", "/api/1.0/tasks/1" and "/tasks/1?opt_fields=x"; returns "/tasks/1". */
function apiRelativePath(path: string): string {
  let relative = path.split("?")[0] ?? "";
  if (!relative.startsWith("/")) relative = `/${relative}`;
  if (relative === API_BASE_PATH || relative.startsWith(`${API_BASE_PATH}/`)) {
    relative = relative.slice(API_BASE_PATH.length) || "/";
  }
  return relative;
}

function dedupe(violations: ContractViolation[]): ContractViolation[] {
  const seen = new Set<string>();
  return violations.filter((violation) => {
    const key = `${violation.where}\u0000${violation.field}\u0000${violation.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function requestMediaTypes(operation: Operation): string[] {
  const requestBody: unknown = operation.requestBody;
  if (!isPlainObject(requestBody) || !isPlainObject(requestBody.content)) return [];
  return Object.keys(requestBody.content);
}

function multipartSchemaProperties(operation: Operation): Record<string, unknown> {
  const requestBody: unknown = operation.requestBody;
  const content = isPlainObject(requestBody) && isPlainObject(requestBody.content) ? requestBody.content : {};
  const media = content[MULTIPART_MEDIA_TYPE];
  const schema = isPlainObject(media) ? media.schema : undefined;
  return isPlainObject(schema) && isPlainObject(schema.properties) ? schema.properties : {};
}

/**
 * openapi-backend validates a multipart body as one flat object of parts. Form fields arrive as
 * text, so a boolean part such as `connect_to_app=true` is converted by its declared type first;
 * file parts become a placeholder string (their schema is `format: binary`, which accepts anything).
 */
function multipartAsFlatObject(body: MultipartBody, operation: Operation): Record<string, unknown> {
  const properties = multipartSchemaProperties(operation);
  const flat: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(body.fields)) {
    const declared = properties[name];
    const type = isPlainObject(declared) ? declared.type : undefined;
    if (type === "boolean" && (text === "true" || text === "false")) flat[name] = text === "true";
    else if ((type === "integer" || type === "number") && text.trim() !== "" && Number.isFinite(Number(text))) flat[name] = Number(text);
    else flat[name] = text;
  }
  for (const [name, file] of Object.entries(body.files)) flat[name] = `<file ${file.filename}, ${file.size} bytes>`;
  return flat;
}

function declaredStatusCodes(operation: Operation): string[] {
  return Object.keys(operation.responses ?? {});
}

function isDeclaredStatus(operation: Operation, status: number): boolean {
  const declared = declaredStatusCodes(operation);
  return declared.includes(String(status)) || declared.includes(`${Math.floor(status / 100)}XX`) || declared.includes("default");
}

class LoadedContractChecker implements ContractChecker {
  readonly available = true;
  readonly specPath: string;
  private readonly router: OpenAPIRouter;
  private readonly validator: OpenAPIValidator;
  private readonly document: Record<string, unknown>;
  private readonly routeMemo = new Map<string, Operation | undefined>();
  private errorBodyValidator: ((body: unknown) => AjvError[]) | undefined;
  private readonly ajvByContext = new Map<ValidationContext, SharedAjv>();

  constructor(spec: NormalisedSpec) {
    this.specPath = spec.path;
    // What openapi-backend's quick mode does inside OpenAPIBackend.init(), done synchronously:
    // dereference, build the router, and a validator that compiles each operation on first use.
    this.document = dereferenceLocalRefsInPlace(spec.document);
    const definition = this.document as unknown as ConstructorParameters<typeof OpenAPIRouter>[0]["definition"];
    this.router = new OpenAPIRouter({ definition, apiRoot: "/" });
    // The router rebuilds its flat list of 247 operations on every match (twice) and on every
    // lookup by operationId, which made routing ~1 ms per request. The definition never changes
    // after this point, so the list can be built once.
    const operations = this.router.getOperations();
    this.router.getOperations = () => operations;
    this.validator = new OpenAPIValidator({
      definition,
      router: this.router,
      lazyCompileValidators: true,
      // allErrors: report every bad field of a response at once; verbose: errors carry the offending
      // value, which goes into the message. No optimising pass over the generated code: it took most of the
      // time of compiling an operation's schemas, which happens once per operation, for validators run a few
      // times each.
      ajvOpts: { allErrors: true, verbose: true, code: { optimize: false } },
      // openapi-backend only knows the OpenAPI numeric formats; ajv-formats checks date, date-time, uri, email.
      // openapi-backend makes a new Ajv for every operation it compiles, and each new Ajv compiles the JSON
      // Schema meta-schema again before its first schema (about 25 ms each: 5 s of CPU in the chaos test).
      // One Ajv per validation context (each context has its own options) compiles it once.
      customizeAjv: (fresh, _options, context) => {
        const shared = this.ajvByContext.get(context);
        if (shared) return shared;
        addFormats(fresh);
        this.ajvByContext.set(context, fresh);
        return fresh;
      },
    });
    this.compileResponseSchemasOnce();
  }

  /**
   * openapi-backend compiles a validator for every status an operation declares when the first response
   * of that operation is checked, each from a fresh deep copy of its schema. Asana's operations declare
   * six to eight error statuses that all share the ErrorResponse schema, so most of that compiling was
   * the same schema again (about half of the contract checks' CPU). Here each status is compiled when a
   * response with it is first checked, and a schema object the dereferenced document shares is compiled
   * once for every operation and status that uses it. The validators, and what they report, are openapi-backend's.
   */
  private compileResponseSchemasOnce(): void {
    const validator = this.validator;
    // openapi-backend's own compile step (it replaces reference cycles, which the dereferenced document has, with $refs).
    const { compileSchema } = OpenAPIValidator as unknown as { compileSchema(ajv: SharedAjv, schema: object): ResponseValidate };
    const compiled = new WeakMap<object, ResponseValidate>();
    const compileOnce = (schema: object) => {
      let validate = compiled.get(schema);
      if (!validate) {
        validate = compileSchema.call(OpenAPIValidator, validator.getAjv(ValidationContext.Response), schema);
        compiled.set(schema, validate);
      }
      return validate;
    };
    // What openapi-backend compiles for a 204 without content: only null.
    const noContent = { type: "null" };
    validator.buildStatusBasedResponseValidatorForOperation = (operation) => {
      if (!operation?.operationId || !operation.responses) return null;
      const byStatus = {} as NonNullable<ReturnType<OpenAPIValidator["buildStatusBasedResponseValidatorForOperation"]>>;
      for (const [status, declared] of Object.entries(operation.responses as Record<string, { content?: Record<string, { schema?: object }> }>)) {
        const schema = declared.content?.[JSON_MEDIA_TYPE]?.schema ?? (!declared.content && status === "204" ? noContent : undefined);
        if (!schema) continue;
        Object.defineProperty(byStatus, status, { enumerable: true, get: () => compileOnce(schema) });
      }
      return byStatus;
    };
  }

  operationFor(method: string, path: string): string | undefined {
    return this.match(method, path)?.operationId;
  }

  check(exchange: HttpExchange): ContractViolation[] {
    const method = exchange.method.toUpperCase();
    const path = apiRelativePath(exchange.path);
    const operation = this.match(method, path);
    if (!operation?.operationId) {
      const label = `${method} ${path}`;
      return dedupe([this.unknownRouteViolation(method, path, label), ...this.errorResponseChecks(exchange, label)]);
    }
    const operationId = operation.operationId;
    return dedupe([...this.requestChecks(exchange, operation, operationId), ...this.responseChecks(exchange, operation, operationId)]);
  }

  // ---- routing -------------------------------------------------------------------------------

  private match(method: string, path: string): Operation | undefined {
    const key = `${method.toUpperCase()} ${apiRelativePath(path)}`;
    if (this.routeMemo.has(key)) return this.routeMemo.get(key);
    const operation = this.router.matchOperation({ method, path: apiRelativePath(path), headers: {} });
    if (this.routeMemo.size >= MAX_MEMOISED_ROUTES) this.routeMemo.clear();
    this.routeMemo.set(key, operation);
    return operation;
  }

  private unknownRouteViolation(method: string, path: string, label: string): ContractViolation {
    const otherMethods = ["GET", "POST", "PUT", "DELETE", "PATCH"].filter((other) => other !== method && this.match(other, path) !== undefined);
    const message =
      otherMethods.length > 0
        ? `${method} is not an operation on this path in Asana's OpenAPI document (it has ${otherMethods.join(", ")})`
        : "no operation in Asana's OpenAPI document matches this path";
    return { operation: label, where: "request", field: "path", message };
  }

  // ---- request -------------------------------------------------------------------------------

  private requestChecks(exchange: HttpExchange, operation: Operation, operationId: string): ContractViolation[] {
    const violations: ContractViolation[] = [];
    const mediaTypes = requestMediaTypes(operation);
    const expectsMultipart = mediaTypes.includes(MULTIPART_MEDIA_TYPE) && !mediaTypes.includes(JSON_MEDIA_TYPE);
    const bodyKind = exchange.bodyKind ?? (exchange.body === undefined ? "none" : isMultipartBody(exchange.body) ? "multipart" : "json");

    if (bodyKind === "multipart" && !expectsMultipart) {
      violations.push({
        operation: operationId,
        where: "request",
        field: "body",
        message: `${operationId} takes ${mediaTypes.join(" or ") || "no body"}, not ${MULTIPART_MEDIA_TYPE}`,
      });
    }
    if (bodyKind === "json" && expectsMultipart) {
      violations.push({ operation: operationId, where: "request", field: "body", message: `${operationId} takes ${MULTIPART_MEDIA_TYPE}, not JSON` });
    }

    let body: unknown = exchange.body;
    if (bodyKind === "multipart") {
      if (isMultipartBody(exchange.body)) {
        body = multipartAsFlatObject(exchange.body, operation);
        if (operationId === ATTACHMENT_UPLOAD_OPERATION_ID) violations.push(...this.attachmentPartChecks(exchange.body, operationId));
      } else {
        violations.push({
          operation: operationId,
          where: "request",
          field: "body",
          message: `multipart body must be {fields, files} (got ${describeValue(exchange.body)})`,
        });
        body = undefined;
      }
    } else if (bodyKind === "none") {
      body = undefined;
    } else if (!expectsMultipart) {
      violations.push(...this.envelopeChecks(exchange.method.toUpperCase(), body, operationId));
    }

    const query = { ...exchange.query };
    if (operationId === TASK_SEARCH_OPERATION_ID) violations.push(...this.takeTaskSearchCustomFilters(query, operationId));

    const result = this.validator.validateRequest(
      { method: exchange.method, path: apiRelativePath(exchange.path), query, headers: lowerCaseKeys(exchange.headers), body },
      operation,
    );
    violations.push(...requestViolationsFromAjv(result.errors ?? [], operationId));
    return violations;
  }

  /**
   * Asana wraps every JSON request body as `{"data": {...}}` (with optional `"options"` beside it).
   * The document's schemas declare `data` but never require it, so `{"name": "x"}` would pass.
   */
  private envelopeChecks(method: string, body: unknown, operationId: string): ContractViolation[] {
    if (method !== "POST" && method !== "PUT") return [];
    if (body === undefined) return [];
    if (!isPlainObject(body)) {
      return [{ operation: operationId, where: "request", field: "body", message: `must be a {"data": {...}} envelope (got ${describeValue(body)})` }];
    }
    if (!("data" in body)) {
      return [
        {
          operation: operationId,
          where: "request",
          field: "body.data",
          message: `is required: Asana request bodies are {"data": {...}} envelopes (got keys ${JSON.stringify(Object.keys(body))})`,
        },
      ];
    }
    if (!isPlainObject(body.data)) {
      return [{ operation: operationId, where: "request", field: "body.data", message: `must be an object (got ${describeValue(body.data)})` }];
    }
    return [];
  }

  /**
   * `POST /attachments`: `parent` always, then either a
   * `file` part (the default `asana` subtype) or `resource_subtype=external` with `url` and `name`.
   * The document only requires `parent`, and openapi-backend can't see file parts at all.
   */
  private attachmentPartChecks(body: MultipartBody, operationId: string): ContractViolation[] {
    const violations: ContractViolation[] = [];
    const missing = (field: string, why: string): void => {
      violations.push({ operation: operationId, where: "request", field: `body.${field}`, message: why });
    };
    if (!body.fields.parent) missing("parent", "is required");
    const external = body.fields.resource_subtype === "external";
    if (external) {
      if (!body.fields.url) missing("url", "is required when resource_subtype is external");
      if (!body.fields.name) missing("name", "is required when resource_subtype is external");
    } else if (!body.files.file) {
      const hint = body.fields.file !== undefined ? " (sent as a text field, not a file part)" : "";
      missing("file", `is required as a file part unless resource_subtype is external${hint}`);
    }
    return violations;
  }

  private takeTaskSearchCustomFilters(query: Record<string, string | string[]>, operationId: string): ContractViolation[] {
    const violations: ContractViolation[] = [];
    for (const [name, value] of Object.entries(query)) {
      if (!TASK_SEARCH_CUSTOM_FIELD_FILTER.test(name) && !TASK_SEARCH_CUSTOM_TYPE_FILTER.test(name)) continue;
      delete query[name];
      if (Array.isArray(value)) {
        violations.push({ operation: operationId, where: "request", field: `query.${name}`, message: `must be given once (got ${describeValue(value)})` });
      } else if (name.endsWith(".is_set") && value !== "true" && value !== "false") {
        violations.push({ operation: operationId, where: "request", field: `query.${name}`, message: `must be true or false (got ${describeValue(value)})` });
      }
    }
    return violations;
  }

  // ---- response ------------------------------------------------------------------------------

  private responseChecks(exchange: HttpExchange, operation: Operation, operationId: string): ContractViolation[] {
    const { status, body } = exchange.response;
    const violations: ContractViolation[] = [];
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      return [{ operation: operationId, where: "response", field: "response.status", message: `is not an HTTP status (got ${describeValue(status)})` }];
    }
    const succeeded = status >= 200 && status < 300;
    if (succeeded) {
      if (!isDeclaredStatus(operation, status)) {
        const declared = declaredStatusCodes(operation).filter((code) => code.startsWith("2"));
        violations.push({
          operation: operationId,
          where: "response",
          field: "response.status",
          message: `${status} is not a declared success status of ${operationId} (declared: ${declared.join(", ")})`,
        });
      }
      // Every Asana success body is {"data": ...}; the document's schemas declare but don't require it.
      if (!isPlainObject(body) || !("data" in body)) {
        violations.push({
          operation: operationId,
          where: "response",
          field: "response.body.data",
          message: `is required: Asana responses are {"data": ...} envelopes (got ${describeValue(body)})`,
        });
      }
    }
    if (isDeclaredStatus(operation, status)) {
      const result = this.validator.validateResponse(body, operation, status);
      violations.push(...responseViolationsFromAjv(result.errors ?? [], operationId));
    }
    violations.push(...this.errorResponseChecks(exchange, operationId));
    return violations;
  }

  /**
   * Checks that apply to every failure, declared or not: most operations don't declare 402 or 429
   * at all, and openapi-backend silently accepts any body for an undeclared status.
   */
  private errorResponseChecks(exchange: HttpExchange, operationId: string): ContractViolation[] {
    const { status, body } = exchange.response;
    if (status >= 200 && status < 300) return [];
    const violations = responseViolationsFromAjv(this.validateErrorBody(body), operationId);
    if (status === 429) {
      const retryAfter = lowerCaseKeys(exchange.response.headers)["retry-after"];
      if (retryAfter === undefined) {
        violations.push({
          operation: operationId,
          where: "response",
          field: "response.headers.retry-after",
          message: "is required on 429: Asana always says how many seconds to wait",
        });
      } else if (!/^\d+$/.test(retryAfter.trim())) {
        violations.push({
          operation: operationId,
          where: "response",
          field: "response.headers.retry-after",
          message: `must be a non-negative integer number of seconds (got ${describeValue(retryAfter)})`,
        });
      }
    }
    return violations;
  }

  /**
   * The document's ErrorResponse, plus what it leaves optional but Asana always sends: a non-empty
   * `errors` array whose entries have a string `message`.
   */
  private validateErrorBody(body: unknown): AjvError[] {
    if (!this.errorBodyValidator) {
      const components = this.document.components as { schemas?: Record<string, unknown> } | undefined;
      const documented = components?.schemas?.ErrorResponse ?? { type: "object" };
      const ajv = this.validator.getAjv(ValidationContext.Response);
      const validate = ajv.compile({
        allOf: [
          documented,
          {
            type: "object",
            required: ["errors"],
            properties: {
              errors: {
                type: "array",
                minItems: 1,
                items: {
                  type: "object",
                  required: ["message"],
                  properties: { message: { type: "string" }, help: { type: "string" }, phrase: { type: "string" } },
                },
              },
            },
          },
        ],
      });
      this.errorBodyValidator = (candidate) => (validate(candidate) ? [] : [...(validate.errors ?? [])]);
    }
    return this.errorBodyValidator(body);
  }
}

class UnavailableContractChecker implements ContractChecker {
  readonly available = false;
  constructor(readonly unavailableReason: string) {}
  check(): ContractViolation[] {
    return [];
  }
  operationFor(): string | undefined {
    return undefined;
  }
}

const checkersBySpecPath = new Map<string, ContractChecker>();

/**
 * Loads, normalises and compiles the document once per process (per document path). Finding no
 * document is not an error: the checker reports `available: false` and checks nothing, so that a
 * checkout without the document still runs its tests; the tests that need it skip visibly, and the
 * suite's global setup says once why (test/support/global-setup.ts). A document that exists but can't be loaded
 * is an error and throws.
 */
export function loadContractChecker(options: { specPath?: string } = {}): ContractChecker {
  const candidates = specPathCandidates(options.specPath);
  const specPath = candidates.paths.find((path) => existsSync(path));
  if (!specPath) {
    const key = `missing:${candidates.paths.join("|")}`;
    let checker = checkersBySpecPath.get(key);
    if (!checker) {
      const reason = `Asana OpenAPI document not found (looked in ${candidates.paths.join(", ")}); run \`npm run spec:fetch\` or set ASANA_OPENAPI_PATH`;
      checker = new UnavailableContractChecker(reason);
      checkersBySpecPath.set(key, checker);
    }
    return checker;
  }
  let checker = checkersBySpecPath.get(specPath);
  if (!checker) {
    checker = new LoadedContractChecker(loadNormalisedSpec(specPath));
    checkersBySpecPath.set(specPath, checker);
  }
  return checker;
}

/** One line per violation: `getTask request query.opt_fields: must be one of …`. Empty string for none. */
export function formatViolations(violations: ContractViolation[]): string {
  return violations.map((violation) => `${violation.operation} ${violation.where} ${violation.field}: ${violation.message}`).join("\n");
}
