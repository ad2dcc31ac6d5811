import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { dereferenceLocalRefsInPlace } from "./dereference-local-refs.js";
import { formatViolations, loadContractChecker, type ContractViolation, type HttpExchange } from "./index.js";
import { normaliseAsanaOpenApiDocument } from "./normalize-asana-oas.js";
import { loadNormalisedSpec, repositoryRoot } from "./spec-document.js";

const checker = loadContractChecker();
const skipReason = checker.available ? "" : ` (skipped: ${checker.unavailableReason})`;

const PINNED_SHA256 = "50705f125ecdacd17d30ab498709f3da54ba5a9426a1e4a05b494ff56481eb2f";

function exchange(overrides: Partial<HttpExchange> & Pick<HttpExchange, "method" | "path">): HttpExchange {
  return {
    query: {},
    headers: {},
    response: { status: 200, headers: {}, body: { data: {} } },
    ...overrides,
  };
}

function fields(violations: ContractViolation[]): string[] {
  return violations.map((violation) => violation.field);
}

const task = {
  gid: "1201",
  resource_type: "task",
  name: "Write the contract checker",
  completed: false,
  due_on: "2026-07-01",
  due_at: null,
  completed_by: null,
  assigned_by: null,
  assignee: { gid: "42", resource_type: "user", name: "Ada" },
};

describe.skipIf(!checker.available)(`contract checker against Asana's OpenAPI document${skipReason}`, () => {
  describe("passes what the real API does", () => {
    test("GET /tasks/{gid} with opt_fields and a task response", () => {
      const violations = checker.check(
        exchange({ method: "GET", path: "/tasks/1201", query: { opt_fields: "name" }, response: { status: 200, headers: {}, body: { data: task } } }),
      );
      expect(violations, formatViolations(violations)).toEqual([]);
    });

    test("nullable references may be null (completed_by, assignee)", () => {
      const body = { data: { ...task, completed_by: null, assignee: null } };
      const violations = checker.check(exchange({ method: "GET", path: "/tasks/1201", response: { status: 200, headers: {}, body } }));
      expect(violations, formatViolations(violations)).toEqual([]);
    });

    test("a list page with next_page, and the last page with next_page null", () => {
      const page = {
        data: [{ gid: "1", resource_type: "task", name: "a", resource_subtype: "default_task" }],
        next_page: {
          offset: "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9",
          path: "/projects/9/tasks?limit=1&offset=eyJ0",
          uri: "https://app.asana.com/api/1.0/projects/9/tasks?limit=1&offset=eyJ0",
        },
      };
      for (const body of [page, { ...page, next_page: null }]) {
        const violations = checker.check(
          exchange({ method: "GET", path: "/projects/9/tasks", query: { limit: "1" }, response: { status: 200, headers: {}, body } }),
        );
        expect(violations, formatViolations(violations)).toEqual([]);
      }
    });

    test("task search with limit, a custom field filter and due_on=null", () => {
      const violations = checker.check(
        exchange({
          method: "GET",
          path: "/workspaces/7/tasks/search",
          query: { text: "bug", limit: "20", "custom_fields.123.is_set": "true", due_on: "null", sort_by: "created_at" },
          response: { status: 200, headers: {}, body: { data: [{ gid: "1", resource_type: "task", name: "a" }] } },
        }),
      );
      expect(violations, formatViolations(violations)).toEqual([]);
    });

    test("a 402 from task search (undeclared) with an ErrorResponse body", () => {
      const violations = checker.check(
        exchange({
          method: "GET",
          path: "/workspaces/7/tasks/search",
          response: { status: 402, headers: {}, body: { errors: [{ message: "Search is only available to premium users." }] } },
        }),
      );
      expect(violations, formatViolations(violations)).toEqual([]);
    });

    test("a number custom field value on PUT /tasks/{gid}, with opt_pretty given empty", () => {
      const violations = checker.check(
        exchange({
          method: "PUT",
          path: "/tasks/1201",
          query: { opt_pretty: "" },
          body: { data: { name: "renamed", due_on: "2026-07-01", custom_fields: { "555": 42, "556": null, "557": ["1", "2"] } } },
          response: { status: 200, headers: {}, body: { data: task } },
        }),
      );
      expect(violations, formatViolations(violations)).toEqual([]);
    });

    test("POST /tasks with the envelope, answered 201", () => {
      const violations = checker.check(
        exchange({
          method: "POST",
          path: "/tasks",
          body: { data: { name: "New", workspace: "7" }, options: { fields: ["name"] } },
          response: { status: 201, headers: { location: "/tasks/1201" }, body: { data: task } },
        }),
      );
      expect(violations, formatViolations(violations)).toEqual([]);
    });

    test("DELETE answered with an empty data object", () => {
      const violations = checker.check(exchange({ method: "DELETE", path: "/tasks/1201", response: { status: 200, headers: {}, body: { data: {} } } }));
      expect(violations, formatViolations(violations)).toEqual([]);
    });

    test("a batch action paging with a string offset", () => {
      const violations = checker.check(
        exchange({
          method: "POST",
          path: "/batch",
          body: { data: { actions: [{ relative_path: "/tasks", method: "get", data: { project: "9" }, options: { limit: 5, offset: "eyJ0" } }] } },
          response: { status: 200, headers: {}, body: { data: [{ status_code: 200, headers: {}, body: { data: [] } }] } },
        }),
      );
      expect(violations, formatViolations(violations)).toEqual([]);
    });

    test("multipart attachment uploads: a file part, or an external URL", () => {
      const attachment = { data: { gid: "900", resource_type: "attachment", name: "a.txt" } };
      const upload = exchange({
        method: "POST",
        path: "/attachments",
        bodyKind: "multipart",
        body: { fields: { parent: "1201" }, files: { file: { filename: "a.txt", contentType: "text/plain", size: 5 } } },
        response: { status: 200, headers: {}, body: attachment },
      });
      const external = exchange({
        ...upload,
        body: { fields: { parent: "1201", resource_subtype: "external", url: "https://example.com/x", name: "x" }, files: {} },
      });
      for (const candidate of [upload, external]) {
        const violations = checker.check(candidate);
        expect(violations, formatViolations(violations)).toEqual([]);
      }
    });

    test("a workspace's email_domains are bare domains", () => {
      const body = { data: { gid: "7", resource_type: "workspace", name: "Acme", email_domains: ["acme.com"], is_organization: true } };
      const violations = checker.check(exchange({ method: "GET", path: "/workspaces/7", response: { status: 200, headers: {}, body } }));
      expect(violations, formatViolations(violations)).toEqual([]);
    });

    test("project template instantiation takes requested_dates as YYYY-MM-DD", () => {
      const violations = checker.check(
        exchange({
          method: "POST",
          path: "/project_templates/55/instantiateProject",
          body: { data: { name: "From template", requested_dates: [{ gid: "1", value: "2026-07-01" }] } },
          response: { status: 201, headers: {}, body: { data: { gid: "77", resource_type: "job", status: "in_progress" } } },
        }),
      );
      expect(violations, formatViolations(violations)).toEqual([]);
    });

    test("a 429 with an ErrorResponse body and Retry-After seconds", () => {
      const violations = checker.check(
        exchange({
          method: "GET",
          path: "/tasks/1201",
          response: { status: 429, headers: { "Retry-After": "30" }, body: { errors: [{ message: "You have made too many requests recently." }] } },
        }),
      );
      expect(violations, formatViolations(violations)).toEqual([]);
    });
  });

  describe("fails what the real API would not do", () => {
    test("an opt_fields entry the operation doesn't know", () => {
      const violations = checker.check(
        exchange({
          method: "GET",
          path: "/tasks/1201",
          query: { opt_fields: "name,bogus_field" },
          response: { status: 200, headers: {}, body: { data: task } },
        }),
      );
      expect(violations).toEqual([expect.objectContaining({ operation: "getTask", where: "request", field: "query.opt_fields" })]);
      expect(violations[0]?.message).toContain("bogus_field");
    });

    test("a due_on that isn't a date", () => {
      const violations = checker.check(
        exchange({ method: "PUT", path: "/tasks/1", body: { data: { due_on: "July 1" } }, response: { status: 200, headers: {}, body: { data: task } } }),
      );
      expect(violations).toEqual([expect.objectContaining({ operation: "updateTask", field: "body.data.due_on" })]);
    });

    test("a POST body without the data envelope", () => {
      const violations = checker.check(
        exchange({ method: "POST", path: "/tasks", body: { name: "x", workspace: "7" }, response: { status: 201, headers: {}, body: { data: task } } }),
      );
      expect(violations).toEqual([expect.objectContaining({ operation: "createTask", where: "request", field: "body.data" })]);
    });

    test("a numeric gid in a getTask response", () => {
      const violations = checker.check(
        exchange({ method: "GET", path: "/tasks/1201", response: { status: 200, headers: {}, body: { data: { ...task, gid: 1201 } } } }),
      );
      expect(violations).toEqual([expect.objectContaining({ operation: "getTask", where: "response", field: "response.body.data.gid" })]);
    });

    test("a bad value inside a nullable reference is reported once, at the bad field", () => {
      const violations = checker.check(
        exchange({ method: "GET", path: "/tasks/1201", response: { status: 200, headers: {}, body: { data: { ...task, completed_by: { gid: 5 } } } } }),
      );
      expect(fields(violations)).toEqual(["response.body.data.completed_by.gid"]);
    });

    test("a 404 whose errors is an object", () => {
      const violations = checker.check(exchange({ method: "GET", path: "/tasks/1201", response: { status: 404, headers: {}, body: { errors: {} } } }));
      expect(violations).toEqual([expect.objectContaining({ operation: "getTask", where: "response", field: "response.body.errors" })]);
    });

    test("an error without a message, on a status no operation declares", () => {
      const violations = checker.check(
        exchange({ method: "GET", path: "/tasks/1201", response: { status: 503, headers: {}, body: { errors: [{ help: "later" }] } } }),
      );
      expect(fields(violations)).toEqual(["response.body.errors[0].message"]);
    });

    test("a 429 without Retry-After, and one with a date instead of seconds", () => {
      const tooMany = { errors: [{ message: "slow down" }] };
      const missing = checker.check(exchange({ method: "GET", path: "/tasks/1201", response: { status: 429, headers: {}, body: tooMany } }));
      expect(missing).toEqual([expect.objectContaining({ where: "response", field: "response.headers.retry-after" })]);
      const httpDate = checker.check(
        exchange({ method: "GET", path: "/tasks/1201", response: { status: 429, headers: { "retry-after": "Wed, 21 Oct 2026 07:28:00 GMT" }, body: tooMany } }),
      );
      expect(fields(httpDate)).toEqual(["response.headers.retry-after"]);
    });

    test("a multipart attachment without parent", () => {
      const violations = checker.check(
        exchange({
          method: "POST",
          path: "/attachments",
          bodyKind: "multipart",
          body: { fields: {}, files: { file: { filename: "a.txt", size: 5 } } },
          response: { status: 200, headers: {}, body: { data: { gid: "900" } } },
        }),
      );
      expect(violations).toEqual([expect.objectContaining({ operation: "createAttachmentForObject", field: "body.parent" })]);
    });

    test("a multipart attachment with neither a file nor an external url", () => {
      const violations = checker.check(
        exchange({
          method: "POST",
          path: "/attachments",
          bodyKind: "multipart",
          body: { fields: { parent: "1201", resource_subtype: "external" }, files: {} },
          response: { status: 200, headers: {}, body: { data: { gid: "900" } } },
        }),
      );
      expect(fields(violations).sort()).toEqual(["body.name", "body.url"]);
    });

    test("task search limit above 100 and an unknown filter", () => {
      const violations = checker.check(
        exchange({
          method: "GET",
          path: "/workspaces/7/tasks/search",
          query: { limit: "101", "custom_fields.123.bogus": "x" },
          response: { status: 200, headers: {}, body: { data: [] } },
        }),
      );
      expect(fields(violations).sort()).toEqual(["query.custom_fields.123.bogus", "query.limit"]);
    });

    test("a success response without the data envelope", () => {
      const violations = checker.check(exchange({ method: "GET", path: "/tasks/1201", response: { status: 200, headers: {}, body: task } }));
      expect(violations).toEqual([expect.objectContaining({ operation: "getTask", field: "response.body.data" })]);
    });

    test("a success status the operation doesn't declare (createTask answers 201)", () => {
      const violations = checker.check(
        exchange({
          method: "POST",
          path: "/tasks",
          body: { data: { name: "x", workspace: "7" } },
          response: { status: 200, headers: {}, body: { data: task } },
        }),
      );
      expect(violations).toEqual([expect.objectContaining({ operation: "createTask", field: "response.status" })]);
    });

    test("an unknown route, and a known path with a method it doesn't have", () => {
      const unknown = checker.check(
        exchange({ method: "GET", path: "/no_such_thing/1", response: { status: 404, headers: {}, body: { errors: [{ message: "Not found" }] } } }),
      );
      expect(unknown).toEqual([expect.objectContaining({ operation: "GET /no_such_thing/1", where: "request", field: "path" })]);
      const wrongMethod = checker.check(
        exchange({ method: "PATCH", path: "/tasks/1", response: { status: 404, headers: {}, body: { errors: [{ message: "x" }] } } }),
      );
      expect(fields(wrongMethod)).toEqual(["path"]);
      expect(wrongMethod[0]?.message).toContain("GET");
    });
  });

  test("operationFor routes with or without the /api/1.0 prefix", () => {
    expect(checker.operationFor("GET", "/tasks/1201")).toBe("getTask");
    expect(checker.operationFor("get", "/api/1.0/tasks/1201?opt_fields=name")).toBe("getTask");
    expect(checker.operationFor("GET", "/workspaces/7/tasks/search")).toBe("searchTasksForWorkspace");
    expect(checker.operationFor("GET", "/nope")).toBeUndefined();
  });

  test("formatViolations prints one line per violation with operation and field", () => {
    const violations = checker.check(
      exchange({
        method: "GET",
        path: "/tasks/1201",
        query: { opt_fields: "bogus_field" },
        response: { status: 200, headers: {}, body: { data: { gid: 1 } } },
      }),
    );
    const lines = formatViolations(violations).split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^getTask request query\.opt_fields: /);
    expect(lines[1]).toMatch(/^getTask response response\.body\.data\.gid: /);
    expect(formatViolations([])).toBe("");
  });

  test("loading is cached per process", () => {
    expect(loadContractChecker()).toBe(checker);
  });

  test("the JSON cache holds exactly what normalising the YAML produces", () => {
    const specPath = checker.specPath ?? "";
    const fresh = loadNormalisedSpec(specPath, { useCache: false });
    const cached = loadNormalisedSpec(specPath);
    expect(cached.sha256).toBe(fresh.sha256);
    expect(cached.document).toEqual(fresh.document);
    expect(cached.report).toEqual(fresh.report);
  });
});

describe("when the document is absent", () => {
  test("the checker is unavailable and says where it looked", () => {
    const missing = join(tmpdir(), "asana-mcp-no-such-dir", "asana_oas.yaml");
    const unavailable = loadContractChecker({ specPath: missing });
    expect(unavailable.available).toBe(false);
    expect(unavailable.unavailableReason).toContain(missing);
    expect(unavailable.check(exchange({ method: "GET", path: "/nope" }))).toEqual([]);
    expect(unavailable.operationFor("GET", "/tasks/1")).toBeUndefined();
  });
});

describe("normaliser (on small documents, no Asana document needed)", () => {
  test("drops $ref siblings and rewrites allOf + nullable into anyOf with null", () => {
    const document = {
      components: {
        schemas: {
          User: { type: "object", properties: { gid: { type: "string" } } },
          Task: {
            type: "object",
            properties: {
              owner: { $ref: "#/components/schemas/User", description: "ignored by OAS 3.0", readOnly: true },
              completed_by: { allOf: [{ $ref: "#/components/schemas/User" }, { nullable: true, readOnly: true }] },
              project: { description: "kept", nullable: true, allOf: [{ $ref: "#/components/schemas/User" }] },
            },
          },
        },
      },
    };
    const { report } = normaliseAsanaOpenApiDocument(document);
    const properties = document.components.schemas.Task.properties as Record<string, unknown>;
    expect(properties.owner).toEqual({ $ref: "#/components/schemas/User" });
    expect(properties.completed_by).toEqual({ anyOf: [{ allOf: [{ $ref: "#/components/schemas/User" }, { readOnly: true }] }, { enum: [null] }] });
    expect(properties.project).toEqual({ description: "kept", anyOf: [{ allOf: [{ $ref: "#/components/schemas/User" }] }, { enum: [null] }] });
    expect(report.refSiblingKeywordsDropped).toBe(2);
    expect(report.nullableAllOfRewrites).toBe(2);
  });

  test("opens custom_fields values and declares limit on task search", () => {
    const document = {
      paths: { "/workspaces/{workspace_gid}/tasks/search": { get: { operationId: "searchTasksForWorkspace", parameters: [] } } },
      components: {
        parameters: { limit: { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } } },
        schemas: {
          TaskRequestBase: {
            allOf: [{ type: "object", properties: { custom_fields: { type: "object", additionalProperties: { type: "string", description: "d" } } } }],
          },
        },
      },
    };
    const { report } = normaliseAsanaOpenApiDocument(document);
    expect(document.components.schemas.TaskRequestBase.allOf[0]?.properties.custom_fields.additionalProperties).toEqual({ description: "d" });
    expect(document.paths["/workspaces/{workspace_gid}/tasks/search"].get.parameters).toEqual([{ $ref: "#/components/parameters/limit" }]);
    expect(report.patchesApplied.join("\n")).toMatch(/TaskRequestBase/);
  });

  test("lets setParent's parent be null, as its description says (how a subtask becomes top-level)", () => {
    const document = {
      components: { schemas: { TaskSetParentRequest: { type: "object", properties: { parent: { type: "string", description: "or `null` for no parent" } } } } },
    };
    const { report } = normaliseAsanaOpenApiDocument(document);
    expect(document.components.schemas.TaskSetParentRequest.properties.parent).toEqual({
      type: "string",
      nullable: true,
      description: "or `null` for no parent",
    });
    expect(report.patchesApplied.join("\n")).toMatch(/TaskSetParentRequest.parent nullable/);
  });

  test("accepts what the emulator's newer routes meet: completed_since=now on getTasks, member arrays, html_text-only status updates, null event parents", () => {
    const document = {
      paths: {
        "/tasks": { get: { operationId: "getTasks", parameters: [{ name: "completed_since", in: "query", schema: { type: "string", format: "date-time" } }] } },
      },
      components: {
        schemas: {
          AddMembersRequest: {
            type: "object",
            required: ["members"],
            properties: { members: { type: "string", description: "An array of strings", example: "1,2" } },
          },
          StatusUpdateBase: {
            allOf: [
              { type: "object" },
              { type: "object", required: ["text", "status_type"], properties: { text: { type: "string" }, html_text: { type: "string" } } },
            ],
          },
          StatusUpdateRequest: { allOf: [{ $ref: "#/components/schemas/StatusUpdateBase" }, { type: "object", required: ["parent"] }] },
          EventResponse: {
            type: "object",
            properties: { parent: { allOf: [{ $ref: "#/components/schemas/AddMembersRequest" }, { description: "null for other event types" }] } },
          },
        },
      },
    };
    const { report } = normaliseAsanaOpenApiDocument(document);
    expect(document.paths["/tasks"].get.parameters[0]?.schema).toEqual({
      anyOf: [
        { type: "string", format: "date-time" },
        { type: "string", enum: ["now"] },
      ],
    });
    expect(document.components.schemas.AddMembersRequest.properties.members).toEqual({
      description: "An array of strings",
      anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }],
    });
    const request = document.components.schemas.StatusUpdateRequest.allOf[0] as unknown as { allOf: Array<{ required?: string[] }>; anyOf: unknown };
    expect(request.allOf[1]?.required).toEqual(["status_type"]);
    expect(request.anyOf).toEqual([{ required: ["text"] }, { required: ["html_text"] }]);
    // Responses keep text required.
    expect(document.components.schemas.StatusUpdateBase.allOf[1]?.required).toEqual(["text", "status_type"]);
    expect(document.components.schemas.EventResponse.properties.parent).toEqual({
      anyOf: [{ allOf: [{ $ref: "#/components/schemas/AddMembersRequest" }, { description: "null for other event types" }] }, { enum: [null] }],
    });
    expect(report.patchesApplied.join("\n")).toMatch(/completed_since[\s\S]*members[\s\S]*StatusUpdateRequest[\s\S]*EventResponse parent/);
  });

  test("updateCustomField does not require the create-only workspace; createCustomField still does", () => {
    const request = { allOf: [{ type: "object" }, { type: "object", required: ["workspace"], properties: { workspace: { type: "string" } } }] };
    const body = (schema: unknown) => ({ content: { "application/json": { schema: { type: "object", properties: { data: schema } } } } });
    const document = {
      paths: {
        "/custom_fields": { post: { operationId: "createCustomField", requestBody: body({ $ref: "#/components/schemas/CustomFieldRequest" }) } },
        "/custom_fields/{custom_field_gid}": {
          put: { operationId: "updateCustomField", requestBody: body({ $ref: "#/components/schemas/CustomFieldRequest" }) },
        },
      },
      components: { schemas: { CustomFieldRequest: request } },
    };
    const { report } = normaliseAsanaOpenApiDocument(document);
    const updateData = document.paths["/custom_fields/{custom_field_gid}"].put.requestBody.content["application/json"].schema.properties.data as unknown as {
      allOf: Array<{ required?: string[] }>;
    };
    expect(updateData.allOf[1]?.required).toEqual([]);
    expect(document.paths["/custom_fields"].post.requestBody.content["application/json"].schema.properties.data).toEqual({
      $ref: "#/components/schemas/CustomFieldRequest",
    });
    expect(document.components.schemas.CustomFieldRequest.allOf[1]?.required).toEqual(["workspace"]);
    expect(report.patchesApplied.join("\n")).toMatch(/updateCustomField/);
  });

  test("dereferencing shares targets and tolerates cycles", () => {
    const document: Record<string, unknown> = {
      a: { $ref: "#/defs/node" },
      b: { $ref: "#/defs/node" },
      defs: { node: { type: "object", properties: { next: { $ref: "#/defs/node" } } } },
    };
    dereferenceLocalRefsInPlace(document);
    const node = document.a as { properties: { next: unknown } };
    expect(document.b).toBe(node);
    expect(node.properties.next).toBe(node);
  });
});

describe("scripts/fetch-spec.mjs hash verification (offline, via file: URLs)", () => {
  const script = join(repositoryRoot(), "scripts", "fetch-spec.mjs");
  const workDirectory = mkdtempSync(join(tmpdir(), "asana-mcp-fetch-spec-"));
  afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

  const runFetch = (sourceUrl: string, destination: string) =>
    spawnSync(process.execPath, [script], {
      env: { ...process.env, ASANA_OPENAPI_SOURCE_URL: sourceUrl, ASANA_OPENAPI_PATH: destination },
      encoding: "utf8",
    });

  test("a document with the wrong hash is deleted and the script fails", () => {
    const wrongSource = join(workDirectory, "wrong.yaml");
    writeFileSync(wrongSource, "openapi: 3.0.0\n");
    const destination = join(workDirectory, "wrong-out", "asana_oas.yaml");
    const result = runFetch(pathToFileURL(wrongSource).href, destination);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("sha256 mismatch");
    expect(existsSync(destination)).toBe(false);
  });

  test.skipIf(!checker.available)(`the pinned document is copied once, then left alone${skipReason}`, () => {
    const source = pathToFileURL(checker.specPath ?? "").href;
    const destination = join(workDirectory, "out", "asana_oas.yaml");
    const first = runFetch(source, destination);
    expect(first.status, first.stderr).toBe(0);
    expect(createHash("sha256").update(readFileSync(destination)).digest("hex")).toBe(PINNED_SHA256);
    const second = runFetch(source, destination);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain("already present");
  });
});
