import { describe, expect, test } from "vitest";
import { ConfigFileRefusal, mergeJsonEntry } from "../../src/client-config/json-config.js";

const entry = { command: "/usr/bin/node", args: ["/opt/asana-mcp/dist/bin.js"], env: { ASANA_ACCESS_TOKEN: "${ASANA_ACCESS_TOKEN}" } };
const wanted = { serversKey: "mcpServers", name: "asana", entry, force: false };

/** A Claude Desktop config as people have them: other servers, other settings, their own indentation. */
const existing = `{
    "globalShortcut": "Ctrl+Space",
    "mcpServers": {
        "filesystem": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/ada"] }
    },
    "preferences": { "theme": "dark", "ratio": 1.5 }
}
`;

function refusal(fn: () => unknown): ConfigFileRefusal {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigFileRefusal) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("merging an entry into a JSON client config", () => {
  test("a new file holds just the entry", () => {
    const merged = mergeJsonEntry(undefined, wanted);
    expect(merged.outcome).toBe("added");
    expect(JSON.parse(merged.text)).toEqual({ mcpServers: { asana: entry } });
    expect(merged.text.endsWith("}\n")).toBe(true);
  });

  test("every other key and server is kept, in its order, with the file's own indentation", () => {
    const merged = mergeJsonEntry(existing, wanted);
    expect(merged.outcome).toBe("added");
    const before = JSON.parse(existing) as Record<string, Record<string, unknown>>;
    const after = JSON.parse(merged.text) as Record<string, Record<string, unknown>>;
    expect(after).toEqual({ ...before, mcpServers: { ...before.mcpServers, asana: entry } });
    expect(Object.keys(after)).toEqual(["globalShortcut", "mcpServers", "preferences"]);
    expect(Object.keys(after.mcpServers!)).toEqual(["filesystem", "asana"]);
    expect(merged.text).toMatch(/^\{\n {4}"globalShortcut"/);
  });

  test("the same entry again changes nothing; a different one of the same name is refused unless forced", () => {
    const once = mergeJsonEntry(existing, wanted).text;
    expect(mergeJsonEntry(once, wanted)).toEqual({ outcome: "unchanged", text: once });
    const other = { ...wanted, entry: { ...entry, args: ["/elsewhere/dist/bin.js"] } };
    const refused = refusal(() => mergeJsonEntry(once, other));
    expect(refused.reason).toBe("conflict");
    expect(refused.message).toContain('already has a server named "asana"');
    expect(refused.message).toContain("--force");
    const forced = mergeJsonEntry(once, { ...other, force: true });
    expect(forced.outcome).toBe("replaced");
    expect((JSON.parse(forced.text) as { mcpServers: Record<string, unknown> }).mcpServers.asana).toEqual(other.entry);
  });

  test("a file it cannot rewrite without loss is refused: comments, a non-object, a number JSON would change", () => {
    expect(refusal(() => mergeJsonEntry('{\n  // mine\n  "mcpServers": {}\n}\n', wanted)).message).toContain("comments (JSONC)");
    expect(refusal(() => mergeJsonEntry("[1, 2]", wanted)).reason).toBe("unreadable");
    expect(refusal(() => mergeJsonEntry('{"mcpServers": []}', wanted)).message).toContain('"mcpServers" is not a JSON object');
    expect(refusal(() => mergeJsonEntry('{"userID": 123456789012345678901}', wanted)).message).toContain("too large to rewrite");
  });

  test("VS Code: the entry's prompts are added to inputs, and a prompt the file already has is kept as it is", () => {
    const inputs = [{ type: "promptString", id: "asana-mcp-asana-access-token", description: "Asana personal access token", password: true }];
    const vscode = { serversKey: "servers", name: "asana", entry, inputs, force: false };
    const fresh = JSON.parse(mergeJsonEntry(undefined, vscode).text) as { inputs: unknown[]; servers: Record<string, unknown> };
    expect(fresh).toEqual({ servers: { asana: entry }, inputs });
    const own = { type: "promptString", id: "asana-mcp-asana-access-token", description: "my wording" };
    const kept = JSON.parse(mergeJsonEntry(JSON.stringify({ inputs: [own] }), vscode).text) as { inputs: unknown[] };
    expect(kept.inputs).toEqual([own]);
  });
});
