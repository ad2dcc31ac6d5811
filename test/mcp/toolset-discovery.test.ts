import { describe, expect, test } from "vitest";
import { createMcpCatalogs, modelViewBytes } from "../../src/mcp/index.js";
import { createToolsetDiscovery } from "../../src/mcp/toolset-discovery.js";
import { defaultProfileName, describeTool, type ToolSelection } from "../../src/toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { toolsets } from "../../tools/toolsets.js";

/**
 * Asana_EnableToolset switches on a whole toolset, or one tool by name: a model that needs a single tool
 * outside the default profile then pays for that tool on every later turn, not for its toolset.
 */
const catalogs = createMcpCatalogs(asanaToolkit.map(describeTool));

function discoveryFor(selection: ToolSelection) {
  const changes: ToolSelection[] = [];
  const discovery = createToolsetDiscovery({ toolsets, catalogs, selection, onChange: async (next) => void changes.push(next) });
  const listed = () => catalogs.forSelection(changes.at(-1) ?? selection).listing.map((tool) => tool.name);
  const text = (result: { content?: Array<{ type: string; text?: string }> } | undefined) => result?.content?.[0]?.text ?? "";
  return { discovery, changes, listed, text };
}

describe("toolset discovery", () => {
  test("a tool's name switches on that tool alone; the list grows by its bytes, not its toolset's", async () => {
    const { discovery, changes, listed } = discoveryFor({ readOnly: false, toolsets: [defaultProfileName] });
    const before = listed();
    expect(before).not.toContain("Asana_CreateTasks");

    const result = await discovery.call("Asana_EnableToolset", { tool: "Asana_CreateTasks" });
    expect(result?.isError).toBeFalsy();
    expect(result?.structuredContent).toEqual({ tool: "Asana_CreateTasks", added_tools: ["Asana_CreateTasks"] });
    expect(changes).toHaveLength(1);
    expect(listed()).toEqual(expect.arrayContaining([...before, "Asana_CreateTasks"]));
    expect(listed()).toHaveLength(before.length + 1);

    // Bare names work too, and a tool already on changes nothing (no list_changed).
    const again = await discovery.call("Asana_EnableToolset", { tool: "createtasks" });
    expect(again?.structuredContent).toEqual({ tool: "Asana_CreateTasks", added_tools: [] });
    expect(changes).toHaveLength(1);

    // The whole toolset after one of its tools still adds the rest.
    const whole = await discovery.call("Asana_EnableToolset", { toolset: "tasks" });
    const added = (whole!.structuredContent as { added_tools: string[] }).added_tools;
    expect(added.length).toBeGreaterThan(5);
    expect(added).not.toContain("Asana_CreateTasks");
  });

  test("the description cites real tools outside the default profile, so the model knows the names", () => {
    const { discovery } = discoveryFor({ readOnly: false, toolsets: [defaultProfileName] });
    const enable = discovery.listing.find((tool) => tool.name === "Asana_EnableToolset")!;
    const everyday = new Set(catalogs.forSelection({ readOnly: false, toolsets: [defaultProfileName] }).listing.map((tool) => tool.name));
    const all = new Set(catalogs.forSelection({ readOnly: false, toolsets: ["all"] }).listing.map((tool) => tool.name));
    const cited = [...(enable.description ?? "").matchAll(/Asana_\w+/g)].map((match) => match[0]);
    expect(cited.length).toBeGreaterThan(0);
    for (const name of cited) {
      expect(all.has(name), `${name} exists`).toBe(true);
      expect(everyday.has(name), `${name} is outside the default profile`).toBe(false);
    }
    expect(modelViewBytes(enable)).toBeLessThan(600);
  });

  test("ListToolsets names each toolset's tools, which the tool argument takes", async () => {
    const { discovery } = discoveryFor({ readOnly: false, toolsets: [defaultProfileName] });
    const listed = (await discovery.call("Asana_ListToolsets", {}))?.structuredContent as {
      toolsets: Array<{ name: string; tools: number; tool_names: string[] }>;
    };
    const status = listed.toolsets.find((toolset) => toolset.name === "status")!;
    expect(status.tool_names).toContain("Asana_CreateStatusUpdate");
    expect(status.tool_names).toHaveLength(status.tools);
  });

  test("an unknown name is an error that names close tools; neither argument is an error that names both", async () => {
    const { discovery, changes, text } = discoveryFor({ readOnly: false, toolsets: [defaultProfileName] });
    const unknown = await discovery.call("Asana_EnableToolset", { tool: "Asana_CreateTaskz" });
    expect(unknown?.isError).toBe(true);
    expect(text(unknown)).toContain('`tool`: no tool is named "Asana_CreateTaskz"');
    expect(text(unknown)).toContain("Asana_CreateTasks");
    const neither = await discovery.call("Asana_EnableToolset", {});
    expect(neither?.isError).toBe(true);
    expect(text(neither)).toContain("`toolset` or `tool`");
    expect(changes).toHaveLength(0);
  });

  test("limits narrow, never widen: read-only mode and the operator's toolsets refuse a tool outside them", async () => {
    const readOnly = discoveryFor({ readOnly: true, toolsets: [defaultProfileName] });
    const write = await readOnly.discovery.call("Asana_EnableToolset", { tool: "CreateTasks" });
    expect(write?.isError).toBe(true);
    expect(readOnly.text(write)).toContain("read-only");
    const read = await readOnly.discovery.call("Asana_EnableToolset", { tool: "GetProjectById" });
    expect(read?.structuredContent).toEqual({ tool: "Asana_GetProjectById", added_tools: ["Asana_GetProjectById"] });

    const limited = discoveryFor({ readOnly: false, toolsets: ["tags"], ceiling: ["tags", "tasks"] });
    const outside = await limited.discovery.call("Asana_EnableToolset", { tool: "GetProjectById" });
    expect(outside?.isError).toBe(true);
    expect(limited.text(outside)).toContain("limited it to the toolsets tags, tasks");
    const inside = await limited.discovery.call("Asana_EnableToolset", { tool: "CreateTasks" });
    expect(inside?.structuredContent).toEqual({ tool: "Asana_CreateTasks", added_tools: ["Asana_CreateTasks"] });
    expect(limited.changes).toHaveLength(1);
  });
});
