/**
 * Turns Ajv errors (as returned by openapi-backend) into violations that name the offending field
 * the way a test author thinks about it: `query.opt_fields`, `body.data.due_on`,
 * `response.body.data.gid`.
 */
import type { ValidationResult } from "openapi-backend";
import type { ContractViolation } from "./index.js";

export type AjvError = NonNullable<ValidationResult["errors"]>[number];

const MAX_VALUE_CHARS = 80;
const MAX_LISTED_ALLOWED_VALUES = 8;

export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  const kind = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  const shown = text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
  return kind === "string" ? shown : `${kind} ${shown}`;
}

function pointerSegments(instancePath: string): string[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** `["data", "0", "gid"]` → `.data[0].gid`; index segments can be dropped (see query parameters). */
export function fieldSuffix(segments: readonly string[], options: { dropIndexes?: boolean } = {}): string {
  let suffix = "";
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) {
      if (!options.dropIndexes) suffix += `[${segment}]`;
    } else {
      suffix += `.${segment}`;
    }
  }
  return suffix;
}

/**
 * Where an error points inside the object Ajv validated, as a root label plus segments. For
 * requests, openapi-backend validates `{requestBody}` and `{path, query, header, cookie}` objects;
 * we rename those roots to `body`, `path`, `query`, `headers`, `cookies`.
 */
const REQUEST_ROOT_LABELS: Record<string, string> = {
  requestBody: "body",
  path: "path",
  query: "query",
  header: "headers",
  cookie: "cookies",
};

function messageFor(error: AjvError, isQueryParameter: boolean, operationId: string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return "is required";
    case "additionalProperties":
      return isQueryParameter ? `is not a query parameter of ${operationId}` : "is not a declared property";
    case "enum": {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const listed = allowed.length > 0 && allowed.length <= MAX_LISTED_ALLOWED_VALUES ? `: ${allowed.map((value) => JSON.stringify(value)).join(", ")}` : "";
      return `must be one of the allowed values${listed} (got ${describeValue(error.data)})`;
    }
    case "parse":
      return `is not valid JSON: ${error.message ?? "parse error"}`;
    default:
      return `${error.message ?? `fails ${error.keyword}`} (got ${describeValue(error.data)})`;
  }
}

/**
 * Ajv reports a failed `anyOf` as the failure of every branch plus the `anyOf` itself. Our
 * normaliser writes nullable references as `anyOf: [{allOf: [...]}, {enum: [null]}]`, so a bad
 * `completed_by` would be reported three times, twice unhelpfully ("must be null", "must match a
 * schema in anyOf"). Keep only the errors that explain why the non-null branch failed.
 */
function withoutNullableBranchNoise(errors: readonly AjvError[]): AjvError[] {
  const isNullBranchError = (error: AjvError): boolean => {
    const allowed = (error.params as Record<string, unknown>).allowedValues;
    return error.keyword === "enum" && Array.isArray(allowed) && allowed.length === 1 && allowed[0] === null;
  };
  const meaningful = errors.filter((error) => !isNullBranchError(error));
  // An `anyOf` summary adds nothing when a branch error already points at the same value or inside it.
  return meaningful.filter(
    (error) =>
      error.keyword !== "anyOf" ||
      !meaningful.some(
        (other) =>
          other !== error &&
          other.keyword !== "anyOf" &&
          (other.instancePath === error.instancePath || other.instancePath.startsWith(`${error.instancePath}/`)),
      ),
  );
}

export function requestViolationsFromAjv(errors: readonly AjvError[], operationId: string): ContractViolation[] {
  return withoutNullableBranchNoise(errors).map((error) => {
    const params = error.params as Record<string, unknown>;
    const [root = "", ...rest] = pointerSegments(error.instancePath);
    const label = REQUEST_ROOT_LABELS[root] ?? (root === "" ? "request" : root);
    let segments = rest;
    // A missing required body is reported on the root object as `required: requestBody`.
    if (root === "" && error.keyword === "required" && params.missingProperty === "requestBody") {
      return { operation: operationId, where: "request", field: "body", message: "is required" };
    }
    if (error.keyword === "required" && typeof params.missingProperty === "string") {
      segments = [...segments, params.missingProperty];
    }
    if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
      segments = [...segments, params.additionalProperty];
    }
    const isQueryParameter = label === "query";
    // Comma-separated query values (opt_fields) are split into arrays before validation; the index
    // of the split means nothing to the caller, who sent one string. The message shows the value.
    const field = label + fieldSuffix(segments, { dropIndexes: isQueryParameter });
    return { operation: operationId, where: "request", field, message: messageFor(error, isQueryParameter, operationId) };
  });
}

export function responseViolationsFromAjv(errors: readonly AjvError[], operationId: string, prefix = "response.body"): ContractViolation[] {
  return withoutNullableBranchNoise(errors).map((error) => {
    const params = error.params as Record<string, unknown>;
    let segments = pointerSegments(error.instancePath);
    if (error.keyword === "required" && typeof params.missingProperty === "string") {
      segments = [...segments, params.missingProperty];
    }
    if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
      segments = [...segments, params.additionalProperty];
    }
    return {
      operation: operationId,
      where: "response",
      field: prefix + fieldSuffix(segments),
      message: messageFor(error, false, operationId),
    };
  });
}
