import { describe, expect, test } from "vitest";
import { createMcpCatalogs, modelViewBytes } from "../../src/mcp/index.js";
import { createToolsetDiscovery } from "../../src/mcp/toolset-discovery.js";
import { allToolsetsName, defaultProfileName, describeTool } from "../../src/toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { toolsets } from "../../tools/toolsets.js";

/**
 * Every chat that lists a tool pays for its model view (name, description, input schema) on every
 * turn. These are the budgets from the toolkit v2 issue; `npm run bench` prints the same figures.
 */
const budgets = { averagePerToolBytes: 800, defaultProfileBytes: 16 * 1024 };

describe("context budget", () => {
  const catalogs = createMcpCatalogs(asanaToolkit.map(describeTool));
  const all = catalogs.forSelection({ readOnly: false, toolsets: [allToolsetsName] }).listing;
  const everyday = catalogs.forSelection({ readOnly: false, toolsets: [defaultProfileName] }).listing;
  // Over stdio the default profile also lists the two discovery tools that switch toolsets on.
  const discovery = createToolsetDiscovery({
    toolsets,
    catalogs,
    selection: { readOnly: false, toolsets: [defaultProfileName] },
    onChange: async () => {},
  }).listing;

  test("the full catalog averages at most 800 bytes of model view per tool", () => {
    const total = all.reduce((sum, tool) => sum + modelViewBytes(tool), 0);
    const average = Math.round(total / all.length);
    console.log(`full catalog: ${all.length} tools, ${total} B of model view, ${average} B per tool (budget ${budgets.averagePerToolBytes} B)`);
    const largest = [...all].sort((a, b) => modelViewBytes(b) - modelViewBytes(a)).slice(0, 3);
    console.log(`largest: ${largest.map((tool) => `${tool.name} ${modelViewBytes(tool)} B`).join(", ")}`);
    expect(average).toBeLessThanOrEqual(budgets.averagePerToolBytes);
  });

  test("the default profile, discovery tools included, fits in 16 KB of model view", () => {
    const tools = [...everyday, ...discovery];
    const total = tools.reduce((sum, tool) => sum + modelViewBytes(tool), 0);
    console.log(
      `default profile: ${tools.length} tools, ${total} B of model view, about ${Math.round(total / 4)} tokens (budget ${budgets.defaultProfileBytes} B)`,
    );
    expect(everyday.length).toBeGreaterThan(0);
    expect(everyday.length).toBeLessThan(all.length);
    expect(total).toBeLessThanOrEqual(budgets.defaultProfileBytes);
  });
});
