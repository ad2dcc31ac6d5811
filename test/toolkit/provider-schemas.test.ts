import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { mcpToFunctionTool, type MCPServer } from "@openai/agents-core";
import { dynamicTool, generateText, jsonSchema, type LanguageModel, type ToolSet } from "ai";
import { beforeAll, describe, expect, test } from "vitest";
import { describeTool, mcpToolName, type JsonSchema } from "../../src/toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";

/**
 * Every tool's published input schema, through the converters that clients really use, so no
 * provider rewrites or refuses a tool:
 * - the Vercel AI SDK's providers for OpenAI, Google and Anthropic, each against a loopback fake
 *   provider: a custom fetch that keeps the request body the provider would have sent, and answers 400;
 * - the OpenAI Agents SDK, which turns MCP tools into strict-mode function tools
 *   (`convertSchemasToStrict`): every parameter required, the optional ones nullable. That conversion
 *   is why strict-mode clients send null for every parameter they leave out.
 * Where a provider's rule has no library that applies it, the test checks the provider's documented rule.
 */

type Schema = JsonSchema & { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; required?: string[]; enum?: unknown[]; type?: unknown };

const versionOf = (pkg: string) => (JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, "utf8")) as { version: string }).version;
const converters = ["ai", "@ai-sdk/openai", "@ai-sdk/google", "@ai-sdk/anthropic", "@openai/agents-core"];

const published = asanaToolkit.map((tool) => ({ name: mcpToolName(tool), description: tool.description, schema: describeTool(tool).inputSchema as Schema }));

/** Every schema node of a schema, with where it is. */
function nodesOf(schema: Schema, path = "", nodes: Array<{ path: string; node: Schema }> = []): Array<{ path: string; node: Schema }> {
  nodes.push({ path: path || "(root)", node: schema });
  for (const [key, property] of Object.entries(schema.properties ?? {})) nodesOf(property, `${path}.${key}`, nodes);
  if (schema.items) nodesOf(schema.items, `${path}[]`, nodes);
  for (const [index, branch] of (schema.anyOf ?? []).entries()) nodesOf(branch, `${path}|${index}`, nodes);
  return nodes;
}

/** The schema less the keywords a converter drops on purpose (all of them checked on our side anyway). */
function without(schema: Schema, keywords: ReadonlySet<string>): Schema {
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (keywords.has(key)) continue;
    if (key === "properties")
      copy.properties = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([name, p]) => [name, without(p, keywords)]));
    else if (key === "items") copy.items = without(value as Schema, keywords);
    else if (key === "anyOf") copy.anyOf = (value as Schema[]).map((branch) => without(branch, keywords));
    else copy[key] = value;
  }
  return copy;
}

/** The body each provider would have sent for one request that offers every tool. */
async function requestBodyOf(model: (fetch: typeof globalThis.fetch) => LanguageModel): Promise<Record<string, unknown>> {
  const bodies: Record<string, unknown>[] = [];
  const capture: typeof globalThis.fetch = async (_url, init) => {
    bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    return new Response(JSON.stringify({ error: { message: "captured by the test", type: "invalid_request_error", code: 400 } }), {
      status: 400,
      headers: { "content-type": "application/json" },
    });
  };
  // Tools as the AI SDK's MCP client makes them from tools/list: a dynamic tool over the JSON Schema as published.
  const tools: ToolSet = Object.fromEntries(
    published.map((tool) => [
      tool.name,
      dynamicTool({ description: tool.description, inputSchema: jsonSchema(tool.schema as Parameters<typeof jsonSchema>[0]), execute: async () => ({}) }),
    ]),
  );
  await expect(generateText({ model: model(capture), tools, prompt: "List my tasks.", maxRetries: 0 })).rejects.toThrow();
  expect(bodies).toHaveLength(1);
  return bodies[0]!;
}

beforeAll(() => {
  console.log(`converters: ${converters.map((pkg) => `${pkg} ${versionOf(pkg)}`).join(", ")}`);
});

describe("every tool's input schema, as each provider's converter sends it", () => {
  test("uses only constructs that OpenAI's strict mode, Gemini and Anthropic all keep as they are", () => {
    // Keywords that every one of them takes (OpenAI: "Supported schemas" of its Structured Outputs guide,
    // which strict function calling follows; Google: the OpenAPI 3.0 Schema subset of function
    // declarations; Anthropic: any JSON Schema for input_schema). Lengths are refinements, not maxLength,
    // which OpenAI's list does not have. `default` is not in OpenAI's list either, but its API takes it in
    // strict mode (tested against it in openai/openai-agents-python#4390), and Google's converter drops it
    // as it does the bounds: our own check applies them all the same.
    const portable = new Set([
      "type",
      "properties",
      "required",
      "items",
      "enum",
      "anyOf",
      "description",
      "default",
      "minItems",
      "maxItems",
      "minimum",
      "maximum",
    ]);
    const problems: string[] = [];
    for (const tool of published) {
      for (const { path, node } of nodesOf(tool.schema)) {
        const at = `${tool.name} ${path}`;
        for (const keyword of Object.keys(node)) if (!portable.has(keyword)) problems.push(`${at}: keyword ${keyword}`);
        // A nullable type array (["string", "null"]): Google's converter rewrites it to `nullable`, and
        // the MCP Inspector flags it as not portable.
        if (Array.isArray(node.type)) problems.push(`${at}: type ${JSON.stringify(node.type)}`);
        // anyOf with a null branch: Google's converter folds it into `nullable`; a strict client's null
        // must mean "not given", so no parameter takes null.
        if (node.anyOf?.some((branch) => branch.type === "null")) problems.push(`${at}: anyOf with null`);
        // OpenAI's strict mode takes anyOf only below the root, beside no keyword but metadata.
        if (node.anyOf && (path === "" || Object.keys(node).some((key) => !["anyOf", "description", "default"].includes(key)))) {
          problems.push(`${at}: anyOf beside ${Object.keys(node).join(", ")}`);
        }
        // An open object (a map): OpenAI's strict mode needs every object closed, and Google's converter
        // flattens one to a bare object.
        if (node.type === "object" && Object.keys(node.properties ?? {}).length === 0 && path !== "") problems.push(`${at}: object without properties`);
        // Google's converter takes an enum of strings only (a boolean or number enum throws).
        if (node.enum && !node.enum.every((value) => typeof value === "string")) problems.push(`${at}: enum of ${JSON.stringify(node.enum)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("Google's converter (AI SDK) keeps each schema's structure: nothing flattened, only defaults and bounds dropped", async () => {
    const body = await requestBodyOf((fetch) => createGoogleGenerativeAI({ apiKey: "test", fetch })("gemini-2.5-flash"));
    const declarations = (body.tools as Array<{ functionDeclarations?: Array<{ name: string; parameters?: Schema; parametersJsonSchema?: unknown }> }>)[0]!
      .functionDeclarations!;
    expect(declarations.map((declaration) => declaration.name)).toEqual(published.map((tool) => tool.name));
    // Google's OpenAPI subset has no `default`; the AI SDK also leaves out the bounds. Our checks apply them.
    const dropped = new Set(["default", "minItems", "maxItems", "minimum", "maximum"]);
    const rewritten = published
      .filter(
        (tool, index) =>
          declarations[index]!.parametersJsonSchema !== undefined || !isDeepStrictEqual(declarations[index]!.parameters, without(tool.schema, dropped)),
      )
      .map((tool) => tool.name);
    expect(rewritten).toEqual([]);
  });

  test("the OpenAI and Anthropic providers (AI SDK) send each schema exactly as published", async () => {
    const responses = await requestBodyOf((fetch) => createOpenAI({ apiKey: "test", fetch })("gpt-5"));
    const chat = await requestBodyOf((fetch) => createOpenAI({ apiKey: "test", fetch }).chat("gpt-5"));
    const anthropic = await requestBodyOf((fetch) => createAnthropic({ apiKey: "test", fetch })("claude-sonnet-4-5"));
    const schemas = {
      "OpenAI responses": (responses.tools as Array<{ name: string; parameters: Schema }>).map((tool) => [tool.name, tool.parameters]),
      "OpenAI chat": (chat.tools as Array<{ function: { name: string; parameters: Schema } }>).map((tool) => [tool.function.name, tool.function.parameters]),
      Anthropic: (anthropic.tools as Array<{ name: string; input_schema: Schema }>).map((tool) => [tool.name, tool.input_schema]),
    };
    for (const [provider, sent] of Object.entries(schemas)) {
      expect(sent, provider).toEqual(published.map((tool) => [tool.name, tool.schema]));
    }
  });

  test("OpenAI's strict mode takes every tool, as the Agents SDK converts MCP tools, and the result follows OpenAI's rules", () => {
    const server = { name: "asana" } as unknown as MCPServer;
    // OpenAI, Structured Outputs, "Supported schemas": these keywords (plus `default`, see above); the
    // root an object and not anyOf; every object with additionalProperties false and every property
    // required; at most 5000 properties, 10 levels of nesting and 1000 enum values in all.
    const supported = new Set([
      ...["type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "description", "default"],
      ...["pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems"],
    ]);
    const problems: string[] = [];
    for (const tool of published) {
      const converted = mcpToFunctionTool({ name: tool.name, description: tool.description, inputSchema: tool.schema } as never, server, true) as {
        strict: boolean;
        parameters: Schema;
      };
      // The Agents SDK falls back to a non-strict tool when a schema cannot be made strict.
      if (converted.strict !== true) problems.push(`${tool.name}: not strict`);
      const { parameters } = converted;
      if (parameters.type !== "object" || parameters.anyOf) problems.push(`${tool.name}: the root is not an object`);
      let properties = 0;
      let enumValues = 0;
      for (const { path, node } of nodesOf(parameters)) {
        for (const keyword of Object.keys(node)) if (!supported.has(keyword)) problems.push(`${tool.name} ${path}: keyword ${keyword}`);
        if (path.split(/[.[|]/).length - 1 > 10) problems.push(`${tool.name} ${path}: nested deeper than 10`);
        enumValues += node.enum?.length ?? 0;
        if (node.type !== "object") continue;
        const keys = Object.keys(node.properties ?? {});
        properties += keys.length;
        if (node.additionalProperties !== false) problems.push(`${tool.name} ${path}: additionalProperties is not false`);
        if ([...(node.required ?? [])].sort().join() !== [...keys].sort().join()) problems.push(`${tool.name} ${path}: not every property required`);
      }
      if (properties > 5000 || enumValues > 1000) problems.push(`${tool.name}: ${properties} properties, ${enumValues} enum values`);
    }
    expect(problems).toEqual([]);
  });
});
