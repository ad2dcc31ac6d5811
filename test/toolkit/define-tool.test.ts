import * as z from "zod";
import { describe, expect, test } from "vitest";
import { annotate, defineTool, withAsanaAuthSettings } from "../../src/toolkit/index.js";

/** A tool whose schemas count how often they are built. */
function countingTool(readOnly: boolean) {
  const built = { input: 0, output: 0 };
  const tool = defineTool({
    name: "CountSchemas",
    title: "Count schemas",
    toolset: "tasks",
    description: "A test tool.",
    input: () => {
      built.input++;
      return z.strictObject({ task_id: z.string() });
    },
    output: () => {
      built.output++;
      return z.object({ id: z.string() });
    },
    annotations: readOnly ? annotate.read : annotate.create,
    async handler(input) {
      return { id: input.task_id };
    },
  });
  return { tool, built };
}

describe("defineTool: a tool's schemas are built on first use", () => {
  test("declaring a tool builds nothing; the first look builds both once, and later looks reuse them", () => {
    const { tool, built } = countingTool(true);
    expect(built).toEqual({ input: 0, output: 0 });
    const input = tool.input;
    expect(built).toEqual({ input: 1, output: 1 });
    expect(tool.input).toBe(input);
    expect(tool.output).toBe(tool.output);
    expect(built).toEqual({ input: 1, output: 1 });
    // A read still takes max_bytes and may answer truncated, as when its schemas were built at once.
    expect(Object.keys(input.shape)).toEqual(["task_id", "max_bytes"]);
    expect(Object.keys(tool.output.shape)).toEqual(["id", "truncated"]);
  });

  test("a write's schemas are its own: no max_bytes, no truncated", () => {
    const { tool } = countingTool(false);
    expect(Object.keys(tool.input.shape)).toEqual(["task_id"]);
    expect(Object.keys(tool.output.shape)).toEqual(["id"]);
  });

  test("a deployment's Asana provider and scopes are applied without building any tool's schemas", () => {
    const { tool, built } = countingTool(true);
    const [applied] = withAsanaAuthSettings([tool], { providerId: "acme-asana", scopes: ["default", "email"] });
    expect(built).toEqual({ input: 0, output: 0 });
    expect(applied!.auth).toMatchObject({ id: "acme-asana", oauth2: { scopes: ["default", "email"] } });
    expect(tool.auth.id).not.toBe("acme-asana");
    expect(Object.keys(applied!.input.shape)).toEqual(["task_id", "max_bytes"]);
  });
});
