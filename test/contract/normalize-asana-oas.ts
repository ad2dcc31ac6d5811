/**
 * Turns Asana's published OpenAPI 3.0 document into one that openapi-backend and Ajv can validate
 * traffic against, without changing what the document means.
 *
 * Every patch below exists because the raw document either cannot be compiled, or rejects traffic
 * that the real Asana API sends or accepts. Each patch is recorded in the returned report so that a
 * document update which makes a patch unnecessary (or makes it miss its target) is visible.
 *
 * The function mutates the parsed document in place: it is 2–3 MB of freshly parsed YAML that
 * nobody else holds a reference to, and copying it would only cost time in every test worker.
 */

type JsonObject = Record<string, unknown>;

export interface NormalisationReport {
  /** Sibling keywords removed from `$ref` objects (OAS 3.0 says they are ignored). */
  refSiblingKeywordsDropped: number;
  /** `allOf` + `nullable` constructs rewritten into `anyOf: [{allOf}, {enum: [null]}]`. */
  nullableAllOfRewrites: number;
  /** Human-readable list of the targeted patches that were applied. */
  patchesApplied: string[];
  /** Targeted patches whose target was missing or already correct (the document may have changed). */
  patchesNotNeeded: string[];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * OAS 3.0 (unlike 3.1) says a Reference Object's sibling keys are ignored. Asana puts `description`,
 * `readOnly` and even `type` next to `$ref` 60-odd times. openapi-backend's document check reports
 * them as errors and refuses to dereference; dropping them is exactly what the spec says a reader
 * should do anyway.
 */
function dropRefSiblings(node: unknown, report: NormalisationReport): void {
  if (Array.isArray(node)) {
    for (const item of node) dropRefSiblings(item, report);
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.$ref === "string") {
    for (const key of Object.keys(node)) {
      if (key !== "$ref") {
        delete node[key];
        report.refSiblingKeywordsDropped += 1;
      }
    }
    return;
  }
  for (const value of Object.values(node)) dropRefSiblings(value, report);
}

/**
 * Asana marks nullable references as `allOf: [{$ref: X}, {nullable: true, ...}]` (and once as
 * `{nullable: true, allOf: [...]}`). Ajv refuses `nullable` without a sibling `type`
 * ("nullable cannot be used without type"), and even where it compiles, `null` can never satisfy
 * the `$ref` member of the `allOf`, so the `"completed_by": null` that the real API returns would
 * be rejected. `anyOf: [{allOf: [...]}, {enum: [null]}]` says what the document means.
 */
function rewriteNullableAllOf(node: unknown, report: NormalisationReport): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteNullableAllOf(item, report);
    return;
  }
  if (!isObject(node)) return;
  // Children first, so a rewritten child never hides a nested construct from the walk.
  for (const value of Object.values(node)) rewriteNullableAllOf(value, report);

  const allOf = node.allOf;
  if (!Array.isArray(allOf)) return;
  const nullableOutside = node.nullable === true;
  const nullableInside = allOf.some((member) => isObject(member) && member.nullable === true);
  if (!nullableOutside && !nullableInside) return;

  const members = allOf.map((member) => {
    if (!isObject(member) || member.nullable !== true) return member;
    const { nullable: _nullable, ...rest } = member;
    return rest;
  });
  delete node.allOf;
  delete node.nullable;
  node.anyOf = [{ allOf: members }, { enum: [null] }];
  report.nullableAllOfRewrites += 1;
}

function componentSchema(document: JsonObject, name: string): JsonObject | undefined {
  const components = document.components;
  if (!isObject(components) || !isObject(components.schemas)) return undefined;
  const schema = components.schemas[name];
  return isObject(schema) ? schema : undefined;
}

/** The `properties` maps of a schema and of its inline `allOf` members (Asana's usual layout). */
function propertyMapsOf(schema: JsonObject): JsonObject[] {
  const maps: JsonObject[] = [];
  if (isObject(schema.properties)) maps.push(schema.properties);
  if (Array.isArray(schema.allOf)) {
    for (const member of schema.allOf) {
      if (isObject(member) && isObject(member.properties)) maps.push(member.properties);
    }
  }
  return maps;
}

/**
 * Request schemas type `custom_fields` as `{type: object, additionalProperties: {type: string}}`,
 * while their own description (and the API) accept "an enum GID, string, number, object, or array"
 * per custom field, and `null` to clear one. A number custom field set to 42 is correct, so the
 * value type must be open. The same defect appears in TaskRequestBase (listed in our reference
 * notes) and in the project, portfolio, goal and user request schemas, so patch every
 * `custom_fields` map typed as strings-only rather than one schema by name.
 */
function openCustomFieldValueTypes(document: JsonObject, report: NormalisationReport): void {
  const components = document.components;
  const schemas = isObject(components) && isObject(components.schemas) ? components.schemas : {};
  const patched: string[] = [];
  for (const [schemaName, schema] of Object.entries(schemas)) {
    if (!isObject(schema)) continue;
    for (const properties of propertyMapsOf(schema)) {
      const customFields = properties.custom_fields;
      if (!isObject(customFields) || !isObject(customFields.additionalProperties)) continue;
      if (customFields.additionalProperties.type !== "string") continue;
      // Keep the description: it documents the accepted value shapes.
      const { type: _stringType, ...documentation } = customFields.additionalProperties;
      customFields.additionalProperties = documentation;
      patched.push(schemaName);
    }
  }
  if (patched.length === 0) {
    report.patchesNotNeeded.push("custom_fields values typed string-only: no schema needed it");
    return;
  }
  if (!patched.includes("TaskRequestBase")) {
    report.patchesNotNeeded.push("TaskRequestBase.custom_fields: already open");
  }
  report.patchesApplied.push(`custom_fields values may be any JSON value in ${patched.sort().join(", ")}`);
}

/**
 * `BatchRequestAction.options.offset` is typed integer, but Asana offsets are opaque strings (the
 * property's own example is a string token, and every `offset` query parameter is a string). A batch
 * action paging onwards with the `next_page.offset` it was given would otherwise be rejected.
 */
function typeBatchOffsetAsString(document: JsonObject, report: NormalisationReport): void {
  const action = componentSchema(document, "BatchRequestAction");
  const options = action && isObject(action.properties) ? action.properties.options : undefined;
  const offset = isObject(options) && isObject(options.properties) ? options.properties.offset : undefined;
  if (!isObject(offset) || offset.type === "string") {
    report.patchesNotNeeded.push("BatchRequestAction.options.offset: missing or already a string");
    return;
  }
  offset.type = "string";
  report.patchesApplied.push("BatchRequestAction.options.offset typed string (offsets are opaque tokens)");
}

interface LocatedOperation {
  operation: JsonObject;
  pathItem: JsonObject;
}

function findOperation(document: JsonObject, operationId: string): LocatedOperation | undefined {
  if (!isObject(document.paths)) return undefined;
  for (const pathItem of Object.values(document.paths)) {
    if (!isObject(pathItem)) continue;
    for (const operation of Object.values(pathItem)) {
      if (isObject(operation) && operation.operationId === operationId) return { operation, pathItem };
    }
  }
  return undefined;
}

/** Parameters of an operation plus those of its path item, `$ref`s left as they are. */
function parametersOf(located: LocatedOperation): unknown[] {
  const own = Array.isArray(located.operation.parameters) ? located.operation.parameters : [];
  const shared = Array.isArray(located.pathItem.parameters) ? located.pathItem.parameters : [];
  return [...own, ...shared];
}

function declaresQueryParameter(document: JsonObject, located: LocatedOperation, name: string): boolean {
  return parametersOf(located).some((parameter) => {
    let resolved = parameter;
    if (isObject(resolved) && typeof resolved.$ref === "string") {
      resolved = resolveLocalPointer(document, resolved.$ref);
    }
    return isObject(resolved) && resolved.in === "query" && resolved.name === name;
  });
}

function resolveLocalPointer(document: JsonObject, pointer: string): unknown {
  if (!pointer.startsWith("#/")) return undefined;
  let current: unknown = document;
  for (const rawSegment of pointer.slice(2).split("/")) {
    const segment = rawSegment.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

export const TASK_SEARCH_OPERATION_ID = "searchTasksForWorkspace";

/**
 * Task search's description says results can be limited with `limit` (1–100) — and that is how
 * clients page-size it — but the operation does not declare the parameter, so openapi-backend
 * rejects `limit=20` as an unknown query parameter. Declare it with the shared `limit` parameter
 * (same bounds). There is still no `offset`: search results are not paginated.
 */
function declareTaskSearchLimit(document: JsonObject, report: NormalisationReport): void {
  const search = findOperation(document, TASK_SEARCH_OPERATION_ID);
  if (!search) {
    report.patchesNotNeeded.push(`${TASK_SEARCH_OPERATION_ID}: operation not found`);
    return;
  }
  if (declaresQueryParameter(document, search, "limit")) {
    report.patchesNotNeeded.push(`${TASK_SEARCH_OPERATION_ID}: already declares limit`);
    return;
  }
  const sharedLimit = resolveLocalPointer(document, "#/components/parameters/limit");
  const limitParameter = isObject(sharedLimit)
    ? { $ref: "#/components/parameters/limit" }
    : { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } };
  const existing = Array.isArray(search.operation.parameters) ? search.operation.parameters : [];
  search.operation.parameters = [...existing, limitParameter];
  report.patchesApplied.push(`${TASK_SEARCH_OPERATION_ID} declares limit (1–100), as its description says`);
}

/**
 * Task search's bare date filters (`due_on`, `start_on`, `created_on`, `completed_on`,
 * `modified_on`) are described as "ISO 8601 date string or `null`" — `due_on=null` finds tasks
 * without a due date — but are typed `{type: string, format: date, nullable: true}`. A query string
 * can't carry JSON null, so the literal text `null` failed the date format. Accept it explicitly.
 */
function acceptLiteralNullDateFiltersOnTaskSearch(document: JsonObject, report: NormalisationReport): void {
  const search = findOperation(document, TASK_SEARCH_OPERATION_ID);
  if (!search) return;
  const patched: string[] = [];
  for (const parameter of parametersOf(search)) {
    if (!isObject(parameter) || parameter.in !== "query" || !isObject(parameter.schema)) continue;
    const schema = parameter.schema;
    if (schema.nullable !== true || schema.type !== "string" || typeof schema.format !== "string") continue;
    parameter.schema = {
      anyOf: [
        { type: "string", format: schema.format },
        { type: "string", enum: ["null"] },
      ],
    };
    patched.push(String(parameter.name));
  }
  if (patched.length === 0) {
    report.patchesNotNeeded.push(`${TASK_SEARCH_OPERATION_ID}: no nullable date filters found`);
    return;
  }
  report.patchesApplied.push(`${TASK_SEARCH_OPERATION_ID} date filters accept the literal "null": ${patched.join(", ")}`);
}

/**
 * `opt_pretty` is declared `allowEmptyValue: true` with a boolean schema: `?opt_pretty` (or
 * `opt_pretty=`) is a valid request. openapi-backend ignores `allowEmptyValue` and validates the
 * empty string against `type: boolean`, which fails. Say in the schema what `allowEmptyValue` says.
 */
function acceptEmptyValuesWhereAllowed(document: JsonObject, report: NormalisationReport): void {
  const patched: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isObject(node)) return;
    if (node.in === "query" && node.allowEmptyValue === true && isObject(node.schema) && node.schema.type !== "string") {
      node.schema = { anyOf: [node.schema, { type: "string", enum: [""] }] };
      patched.push(String(node.name));
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(document.components);
  visit(document.paths);
  if (patched.length === 0) {
    report.patchesNotNeeded.push("allowEmptyValue query parameters: none found");
    return;
  }
  report.patchesApplied.push(`empty values accepted where allowEmptyValue is declared: ${[...new Set(patched)].join(", ")}`);
}

/**
 * A workspace's `email_domains` are typed `items: {type: string, format: uri}`, but they are bare
 * domains: the document's own example is `["asana.com"]`, which has no scheme and so is not a URI.
 * Ajv (with ajv-formats) would reject every realistic workspace response, so drop the format.
 */
function untypeEmailDomainsAsUris(document: JsonObject, report: NormalisationReport): void {
  const components = document.components;
  const schemas = isObject(components) && isObject(components.schemas) ? components.schemas : {};
  const patched: string[] = [];
  for (const [schemaName, schema] of Object.entries(schemas)) {
    if (!isObject(schema)) continue;
    for (const properties of propertyMapsOf(schema)) {
      const emailDomains = properties.email_domains;
      if (!isObject(emailDomains) || !isObject(emailDomains.items) || emailDomains.items.format !== "uri") continue;
      delete emailDomains.items.format;
      patched.push(schemaName);
    }
  }
  if (patched.length === 0) {
    report.patchesNotNeeded.push("email_domains: no item typed format uri");
    return;
  }
  report.patchesApplied.push(`email_domains items are domains, not URIs: ${patched.join(", ")}`);
}

/**
 * `DateVariableRequest.value` (the `requested_dates` of project template instantiation) is described
 * as "a date with `YYYY-MM-DD` format", with example `2022-01-01`, but typed `format: date-time`, so
 * the documented request would be rejected. Follow the description.
 */
function typeTemplateDateVariablesAsDates(document: JsonObject, report: NormalisationReport): void {
  const dateVariable = componentSchema(document, "DateVariableRequest");
  const value = dateVariable && isObject(dateVariable.properties) ? dateVariable.properties.value : undefined;
  if (!isObject(value) || value.format !== "date-time") {
    report.patchesNotNeeded.push("DateVariableRequest.value: missing or not date-time");
    return;
  }
  value.format = "date";
  report.patchesApplied.push("DateVariableRequest.value typed format date (described as YYYY-MM-DD)");
}

/**
 * `TaskSetParentRequest.parent` is described as "The new parent of the task, or `null` for no
 * parent" — `null` is how a subtask becomes a top-level task — but typed as a plain string, so the
 * documented request would be rejected. Follow the description.
 */
function allowNullParentOnSetParent(document: JsonObject, report: NormalisationReport): void {
  const request = componentSchema(document, "TaskSetParentRequest");
  const parent = request && isObject(request.properties) ? request.properties.parent : undefined;
  if (!isObject(parent) || parent.type !== "string" || parent.nullable === true) {
    report.patchesNotNeeded.push("TaskSetParentRequest.parent: missing or already nullable");
    return;
  }
  parent.nullable = true;
  report.patchesApplied.push("TaskSetParentRequest.parent nullable (described as a gid or null for no parent)");
}

/**
 * `getTasks` declares its own `completed_since` as `format: date-time`, while the shared
 * `completed_since` parameter (used by getTasksForProject, getTasksForSection,
 * getTasksForUserTaskList, …) says "Accepts a date-time string or the keyword *now*", and
 * `completed_since=now` is how clients ask GET /tasks for open work (the My Tasks recipe). The API
 * takes the keyword on every one of these operations; accept it on getTasks too.
 */
function acceptNowAsCompletedSinceOnGetTasks(document: JsonObject, report: NormalisationReport): void {
  const getTasks = findOperation(document, "getTasks");
  const parameter = getTasks ? parametersOf(getTasks).find((p) => isObject(p) && p.in === "query" && p.name === "completed_since") : undefined;
  if (!isObject(parameter) || !isObject(parameter.schema) || parameter.schema.format !== "date-time") {
    report.patchesNotNeeded.push("getTasks completed_since: missing or not typed date-time");
    return;
  }
  parameter.schema = { anyOf: [parameter.schema, { type: "string", enum: ["now"] }] };
  report.patchesApplied.push('getTasks completed_since accepts the keyword "now", as the shared completed_since parameter documents');
}

/**
 * `AddMembersRequest.members` and `RemoveMembersRequest.members` (addMembers / removeMembers on
 * projects and portfolios) are described as "An array of strings identifying users" but typed as a
 * plain string (example `521621,621373`, Asana's older comma-separated form). Both forms reach the
 * API; the array the description promises was rejected. Accept either.
 */
function acceptMemberArrays(document: JsonObject, report: NormalisationReport): void {
  const patched: string[] = [];
  for (const name of ["AddMembersRequest", "RemoveMembersRequest"]) {
    const schema = componentSchema(document, name);
    const members = schema && isObject(schema.properties) ? schema.properties.members : undefined;
    if (!isObject(members) || members.type !== "string") continue;
    const { type: _string, example: _example, ...documentation } = members;
    schema!.properties = {
      ...(schema!.properties as JsonObject),
      members: { ...documentation, anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
    };
    patched.push(name);
  }
  if (patched.length === 0) {
    report.patchesNotNeeded.push("AddMembersRequest/RemoveMembersRequest.members: missing or not a plain string");
    return;
  }
  report.patchesApplied.push(`members may be an array of users or a comma-separated string: ${patched.join(", ")}`);
}

/**
 * `StatusUpdateRequest` inherits `required: [text, status_type]` from StatusUpdateBase, so a status
 * update written as rich text only (`html_text`, the "[Opt In] The text content of the status update
 * with formatting, as HTML") was rejected, though that is the point of the field and the API takes
 * it, as it does for comments. The request needs `text` or `html_text`; responses keep `text`
 * required (Asana always fills it in).
 */
function acceptHtmlTextOnlyStatusUpdates(document: JsonObject, report: NormalisationReport): void {
  const request = componentSchema(document, "StatusUpdateRequest");
  const base = componentSchema(document, "StatusUpdateBase");
  const members = request && Array.isArray(request.allOf) ? request.allOf : undefined;
  const index = members?.findIndex((member) => isObject(member) && member.$ref === "#/components/schemas/StatusUpdateBase") ?? -1;
  const copy = base ? (JSON.parse(JSON.stringify(base)) as JsonObject) : undefined;
  // The requirement sits on the schema itself or on one of its allOf members.
  const holders = copy ? [copy, ...(Array.isArray(copy.allOf) ? copy.allOf.filter(isObject) : [])] : [];
  const holder = holders.find((schema) => Array.isArray(schema.required) && schema.required.includes("text"));
  if (!copy || !members || index === -1 || !holder) {
    report.patchesNotNeeded.push("StatusUpdateRequest: text not required through StatusUpdateBase");
    return;
  }
  holder.required = (holder.required as unknown[]).filter((name) => name !== "text");
  copy.anyOf = [{ required: ["text"] }, { required: ["html_text"] }];
  members[index] = copy;
  report.patchesApplied.push("StatusUpdateRequest needs text or html_text, not text always");
}

/**
 * `EventResponse.parent` is described as "For added/removed events, the parent object that resource
 * was added to or removed from. The parent will be `null` for other event types", and the schema's
 * own description says "Some events are generated by the system, and will have `null` as the
 * user", but both are typed as non-null references, so every `changed` event Asana sends
 * (`"parent": null`) was rejected. Make both nullable, as described.
 */
function allowNullEventParentAndUser(document: JsonObject, report: NormalisationReport): void {
  const event = componentSchema(document, "EventResponse");
  const properties = event && isObject(event.properties) ? event.properties : undefined;
  const patched: string[] = [];
  for (const name of ["parent", "user"]) {
    const property = properties?.[name];
    if (!isObject(property) || !Array.isArray(property.allOf)) continue;
    properties![name] = { anyOf: [{ allOf: property.allOf }, { enum: [null] }] };
    patched.push(name);
  }
  if (patched.length === 0) {
    report.patchesNotNeeded.push("EventResponse.parent/user: missing or already nullable");
    return;
  }
  report.patchesApplied.push(`EventResponse ${patched.join(" and ")} may be null, as described`);
}

/**
 * `updateCustomField` takes `CustomFieldRequest`, the schema of createCustomField, whose
 * `required: [workspace]` comes with a property described as "*Create-Only* The workspace to create
 * a custom field in", and a workspace "cannot be changed once set". An update that names only what
 * changes (as the operation's own description asks: "it is best to specify only those fields you wish
 * to change") was rejected. The update's copy of the schema drops the requirement; create keeps it.
 */
function workspaceNotRequiredOnCustomFieldUpdate(document: JsonObject, report: NormalisationReport): void {
  const located = findOperation(document, "updateCustomField");
  const body = located && isObject(located.operation.requestBody) ? located.operation.requestBody : undefined;
  const content = body && isObject(body.content) ? body.content["application/json"] : undefined;
  const schema = isObject(content) && isObject(content.schema) ? content.schema : undefined;
  const properties = schema && isObject(schema.properties) ? schema.properties : undefined;
  const data = properties?.data;
  const request = componentSchema(document, "CustomFieldRequest");
  if (!properties || !isObject(data) || data.$ref !== "#/components/schemas/CustomFieldRequest" || !request) {
    report.patchesNotNeeded.push("updateCustomField: body data is not CustomFieldRequest");
    return;
  }
  const copy = JSON.parse(JSON.stringify(request)) as JsonObject;
  const holders = [copy, ...(Array.isArray(copy.allOf) ? copy.allOf.filter(isObject) : [])];
  const holder = holders.find((member) => Array.isArray(member.required) && member.required.includes("workspace"));
  if (!holder) {
    report.patchesNotNeeded.push("updateCustomField: CustomFieldRequest does not require workspace");
    return;
  }
  holder.required = (holder.required as unknown[]).filter((name) => name !== "workspace");
  properties.data = copy;
  report.patchesApplied.push("updateCustomField's body does not require the create-only workspace");
}

/**
 * Returns the same (mutated) document plus a report of what changed. Order matters: `$ref` siblings
 * go first so the nullable rewrite never sees keywords OAS 3.0 would have ignored.
 */
export function normaliseAsanaOpenApiDocument(document: JsonObject): { document: JsonObject; report: NormalisationReport } {
  const report: NormalisationReport = {
    refSiblingKeywordsDropped: 0,
    nullableAllOfRewrites: 0,
    patchesApplied: [],
    patchesNotNeeded: [],
  };
  dropRefSiblings(document, report);
  rewriteNullableAllOf(document, report);
  openCustomFieldValueTypes(document, report);
  typeBatchOffsetAsString(document, report);
  declareTaskSearchLimit(document, report);
  acceptLiteralNullDateFiltersOnTaskSearch(document, report);
  acceptEmptyValuesWhereAllowed(document, report);
  untypeEmailDomainsAsUris(document, report);
  typeTemplateDateVariablesAsDates(document, report);
  allowNullParentOnSetParent(document, report);
  acceptNowAsCompletedSinceOnGetTasks(document, report);
  acceptMemberArrays(document, report);
  acceptHtmlTextOnlyStatusUpdates(document, report);
  allowNullEventParentAndUser(document, report);
  workspaceNotRequiredOnCustomFieldUpdate(document, report);
  return { document, report };
}
