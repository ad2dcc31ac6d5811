import { expect } from "vitest";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** Assertions shared by the stdio and HTTP end-to-end suites: the same server must behave the same. */
export async function expectFoundationTools(client: Client): Promise<void> {
  const { tools } = await client.listTools();
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  for (const name of ["Asana_GetTaskById", "Asana_DeleteTask", "Asana_ListWorkspaces"]) {
    const tool = byName.get(name);
    expect(tool, name).toBeDefined();
    expect(tool!.outputSchema?.type).toBe("object");
    expect(tool!.inputSchema.type).toBe("object");
    expect(Object.keys(tool!.annotations ?? {})).toEqual(expect.arrayContaining(["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"]));
    expect(tool!._meta).toEqual({
      arcade: {
        requirements: { authorization: { provider_id: "asana", provider_type: "oauth2", oauth2: { scopes: ["default"] } } },
        // The worker definition's metadata block, with the behaviour the annotations state.
        metadata: {
          classification: { service_domains: ["project_management"] },
          behavior: expect.objectContaining({ read_only: tool!.annotations?.readOnlyHint, destructive: tool!.annotations?.destructiveHint }),
        },
      },
    });
  }
  expect(byName.get("Asana_DeleteTask")!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  expect(byName.get("Asana_GetTaskById")!.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
}

export function textOf(result: CallToolResult): string {
  return result.content.map((item) => (item.type === "text" ? item.text : "")).join("\n");
}

export async function call(client: Client, name: string, args: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args }, undefined, options)) as CallToolResult;
}
