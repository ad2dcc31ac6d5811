import { describe, expect, test } from "vitest";
import { ConfigFileRefusal } from "../../src/client-config/json-config.js";
import { appendTomlTable } from "../../src/client-config/toml-config.js";

const wanted = {
  tableKey: "mcp_servers",
  name: "asana",
  entry: { command: "C:\\Program Files\\nodejs\\node.exe", args: ["C:\\asana-mcp\\dist\\bin.js"], env_vars: ["ASANA_ACCESS_TOKEN"] },
};

describe("appending an entry to Codex's config.toml", () => {
  test("every byte of the file stays, the table follows, and strings are escaped as TOML wants", () => {
    const original = '# mine\nmodel = "o3"\n\n[mcp_servers.docs]\ncommand = "docs-server"\n';
    const merged = appendTomlTable(original, wanted);
    expect(merged.outcome).toBe("added");
    expect(merged.text.startsWith(original)).toBe(true);
    expect(merged.text.slice(original.length)).toBe(
      '\n[mcp_servers.asana]\ncommand = "C:\\\\Program Files\\\\nodejs\\\\node.exe"\nargs = ["C:\\\\asana-mcp\\\\dist\\\\bin.js"]\nenv_vars = ["ASANA_ACCESS_TOKEN"]\n',
    );
    expect(appendTomlTable(merged.text, wanted)).toEqual({ outcome: "unchanged", text: merged.text });
  });

  test("a file that may already define the name is refused, force or not, in each of TOML's ways to define it", () => {
    const defined = [
      '[mcp_servers.asana]\ncommand = "x"\n',
      '[mcp_servers."asana"]\ncommand = "x"\n',
      '[mcp_servers.asana.env]\nA = "1"\n',
      'mcp_servers.asana.command = "x"\n',
      '[mcp_servers]\nasana = { command = "x" }\n',
      'mcp_servers = { other = { command = "x" } }\n',
    ];
    for (const original of defined) {
      expect(() => appendTomlTable(original, wanted), original).toThrow(ConfigFileRefusal);
    }
    // A comment or another server that merely mentions the name is no clash.
    expect(appendTomlTable('# [mcp_servers.asana] was here\n[mcp_servers.asana-old]\ncommand = "x"\n', wanted).outcome).toBe("added");
  });
});
