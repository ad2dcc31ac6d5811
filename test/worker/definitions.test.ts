import * as z from "zod";
import { describe, expect, test } from "vitest";
import { annotate, dateParam, defineTool, describeTool, gidParam, nextPageTokenParam, pageLimitParam } from "../../src/toolkit/index.js";
import { toValueSchema, toWorkerDefinition } from "../../src/worker/index.js";
import { workspaceIdParam } from "../../tools/shared/params.js";

/**
 * Input schemas come in two shapes: today's, where an optional value may be `anyOf [value, null]` or
 * `type: [t, "null"]`, and plain portable ones (no null, list-of-pairs instead of free maps). The
 * Engine must see the same thing from both.
 */
describe("ValueSchema from either shape of JSON Schema", () => {
  const colors = ["dark-green", "light-blue"];

  test("an optional enum keeps its values, whether null shows as an anyOf branch, in a type array, or not at all", () => {
    const expected = { val_type: "string", enum: colors };
    expect(toValueSchema({ anyOf: [{ type: "string", enum: colors }, { type: "null" }] })).toEqual(expected);
    expect(toValueSchema({ type: ["string", "null"], enum: [...colors, null] })).toEqual(expected);
    expect(toValueSchema({ type: "string", enum: colors })).toEqual(expected);
    // A union of literals is the same closed list, written long-hand.
    expect(toValueSchema({ anyOf: colors.map((color) => ({ type: "string", const: color })) })).toEqual(expected);
  });

  test("a list of enum values carries the enum on the list, as arcade_core's ValueSchema does", () => {
    const expected = { val_type: "array", inner_val_type: "string", enum: colors };
    expect(toValueSchema({ type: "array", items: { type: "string", enum: colors } })).toEqual(expected);
    expect(toValueSchema({ anyOf: [{ type: "array", items: { type: "string", enum: colors } }, { type: "null" }] })).toEqual(expected);
  });

  test("list-of-pairs is a list of json; a list of lists is a list of json (Arcade has no list of lists); numbers never make an enum", () => {
    const pairs = {
      type: "array",
      items: { type: "object", properties: { field: { type: "string" }, value: { type: "string" } }, required: ["field", "value"] },
    };
    expect(toValueSchema(pairs)).toEqual({ val_type: "array", inner_val_type: "json" });
    expect(toValueSchema({ type: "array", items: { type: "array", items: { type: "string" } } })).toEqual({ val_type: "array", inner_val_type: "json" });
    expect(toValueSchema({ type: "integer", enum: [1, 2] })).toEqual({ val_type: "integer" });
    expect(toValueSchema({ type: "object", additionalProperties: { type: "string" } })).toEqual({ val_type: "json" });
  });
});

describe("parameter descriptions for the Engine", () => {
  const tool = defineTool({
    name: "TryShapes",
    title: "Try shapes",
    description: "For tests; see Asana_GetTaskById.",
    toolset: "tasks",
    input: () =>
      z.strictObject({
        task_id: gidParam("task", "Find it with Asana_ListTasksInProject."),
        // A client's number arrives as text first (the arguments helper's coercion): the rule is still found.
        coerced_id: z.preprocess((value) => (typeof value === "number" ? String(value) : value), gidParam("project", "")).optional(),
        due_on: dateParam().nullable().optional(),
        limit: pageLimitParam("tasks", 20),
        level: z.union([z.literal(1), z.literal(2)]).optional(),
        pairs: z
          .array(z.object({ field: z.string(), value: z.string().optional() }))
          .max(10)
          .optional(),
        status: z.enum(["on_track", "at_risk"]).nullable().default("on_track").describe("The status"),
        clear: z.array(z.enum(["due_on", "status"])).optional(),
        labels: z.array(z.string()).optional(),
        workspace_id: workspaceIdParam,
        next_page_token: nextPageTokenParam,
      }),
    output: () => z.object({}),
    annotations: annotate.read,
    async handler() {
      return {};
    },
  });
  const definition = toWorkerDefinition(tool, { name: "AsanaMcp", version: "1.0.0" }, (text) => text.replace(/Asana_(\w+)/g, "AsanaMcp.$1"));
  const described = Object.fromEntries(definition.input.parameters.map((p) => [p.name, p.description]));

  test("formats from the toolkit's own checks, through optional, nullable and a coercing preprocess", () => {
    expect(described.task_id).toBe("The task's Asana id, a string of digits.");
    expect(described.coerced_id).toBe("The project's Asana id, a string of digits.");
    expect(described.due_on).toBe("A date, YYYY-MM-DD.");
  });

  test("ranges, sizes, defaults and non-string values, appended to the words already there", () => {
    expect(described.limit).toBe("1-100. Default: 20.");
    expect(described.level).toBe("One of: 1, 2.");
    expect(described.pairs).toBe("Up to 10 items. Each an object: {field}, optionally with value.");
    expect(described.status).toBe("The status. Default: on_track.");
    expect(described.clear).toBe("Any of the listed values.");
    expect(described.labels).toBe("A list of text.");
  });

  test("what MCP's instructions say once for every tool (workspace, paging, page size) is said per parameter here, and not in MCP's schema", () => {
    expect(described.workspace_id).toBe("Omit if the user has one workspace. The workspace's Asana id, a string of digits.");
    expect(described.next_page_token).toBe("next_page.next_page_token from the previous page. 1-2048 characters.");
    expect(described.limit).toBe("1-100. Default: 20.");
    const mcp = describeTool(tool).inputSchema as { properties: Record<string, { description?: string }> };
    expect([mcp.properties.workspace_id?.description, mcp.properties.next_page_token?.description, mcp.properties.limit?.description]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  test("the tool's description names other tools in the worker's naming", () => {
    expect(definition.description).toBe("For tests; see AsanaMcp.GetTaskById.");
  });
});
