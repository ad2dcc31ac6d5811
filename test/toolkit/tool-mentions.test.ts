import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as z from "zod";
import { describe, expect, test } from "vitest";
import { describeTool, type AnyToolDefinition, type AsanaErrorHint } from "../../src/toolkit/index.js";
import { toWorkerDefinition } from "../../src/worker/index.js";
import { asanaToolkit } from "../../tools/index.js";

/**
 * Text never types another tool's name by hand for one front door: it names tools in the canonical
 * `Asana_<Tool>` form, which each front door renders in its own naming. This holds only if every
 * name written that way is a tool that exists.
 */
const catalog = new Set(asanaToolkit.map((tool) => tool.name));
/** Served over MCP only, by the stdio front door's toolset discovery (src/mcp/toolset-discovery.ts). */
const mcpOnly = new Set(["ListToolsets", "EnableToolset"]);
/** `Asana_<Tool>` (MCP, canonical) and `Asana.<Tool>` (Arcade); `Asana_X` and `Asana.X` are the docs' placeholders. */
const mention = /\bAsana[_.]([A-Z][a-z][A-Za-z0-9]*)/g;

function namedTools(text: string): string[] {
  return [...text.matchAll(mention)].map((match) => match[1]!);
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/** Inputs a function hint may branch on: none, every parameter given, every parameter null. */
function sampleInputs(tool: AnyToolDefinition): Record<string, unknown>[] {
  const keys = Object.keys((tool.input as z.ZodObject).shape);
  return [{}, Object.fromEntries(keys.map((key) => [key, "2026-07-01"])), Object.fromEntries(keys.map((key) => [key, null]))];
}

/** What a tool's hints can say: each string hint, and what each function hint returns for a few inputs and Asana messages. */
function hintTexts(tool: AnyToolDefinition): string[] {
  const texts: string[] = [];
  const { afterWrite, ...statusHints } = tool.errorHints ?? {};
  for (const hint of Object.values(statusHints) as AsanaErrorHint<unknown>[]) {
    if (typeof hint === "string") texts.push(hint);
    else if (typeof hint === "function") {
      for (const input of sampleInputs(tool)) {
        for (const asanaMessage of ["", "last section", "not empty", "Invalid Request", "dependencies"]) {
          try {
            const text = hint({ input, asanaMessage });
            if (text) texts.push(text);
          } catch {
            // A hint may rely on input its tool's schema guarantees; such inputs say nothing here.
          }
        }
      }
    }
  }
  if (afterWrite) for (const input of sampleInputs(tool)) texts.push(afterWrite({ input, madeId: "1204567890123456" }));
  return texts;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("every tool that text names exists", () => {
  test("in each tool's description, input and output schemas, worker definition and error hints", () => {
    const unknown: string[] = [];
    let mentions = 0;
    for (const tool of asanaToolkit) {
      const texts = [...stringsIn(describeTool(tool)), ...stringsIn(toWorkerDefinition(tool, { name: "Asana", version: "0.0.0" })), ...hintTexts(tool)];
      for (const name of texts.flatMap(namedTools)) {
        mentions += 1;
        if (!catalog.has(name)) unknown.push(`${tool.name} names Asana_${name}`);
      }
    }
    expect(unknown).toEqual([]);
    // The scan sees the names that are there (hints and descriptions name dozens of tools).
    expect(mentions).toBeGreaterThan(100);
  });

  test("in the source text of the toolkit and the runtime (tools/ and src/)", () => {
    const unknown: string[] = [];
    const files = [...sourceFiles(join(root, "tools")), ...sourceFiles(join(root, "src"))];
    let mentions = 0;
    for (const file of files) {
      for (const name of namedTools(readFileSync(file, "utf8"))) {
        mentions += 1;
        if (!catalog.has(name) && !mcpOnly.has(name)) unknown.push(`${file.slice(root.length)}: Asana_${name}`);
      }
    }
    expect(unknown).toEqual([]);
    expect(mentions).toBeGreaterThan(100);
  });

  test("the scan would catch a misspelt name", () => {
    expect(namedTools("List them with Asana_ListTask, or Asana.GetTaskById").filter((name) => !catalog.has(name))).toEqual(["ListTask"]);
  });
});
