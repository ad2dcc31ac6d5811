import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, compact, defineTool, gidParam, namedRef, refOf, type AsanaRef } from "../../src/toolkit/index.js";

const findAgentHint = "Find AI teammates with Asana_SearchByName (resource_type agent).";

interface AsanaAgent {
  gid: string;
  name?: string;
  resource_subtype?: string;
  description?: string | null;
  behavior_guidance?: string | null;
  workspace?: AsanaRef | null;
}

const agentShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  type: z.string().optional().describe("asana_teammate: an AI teammate built by Asana."),
  description: z.string().optional().describe("What it does."),
  behavior: z.string().optional().describe("How it is told to behave."),
  workspace: namedRef.optional(),
});

export const getAgent = defineTool({
  name: "GetAgent",
  title: "Get an AI teammate",
  toolset: "users",
  description: "One AI teammate (an Asana agent): its name, what it does and how it is told to behave.",
  input: () =>
    z.strictObject({
      agent_id: gidParam("agent", findAgentHint),
    }),
  output: () => z.object({ agent: agentShape }),
  annotations: annotate.read,
  errorHints: { 404: `No AI teammate has this id, or the user cannot see it. ${findAgentHint}` },
  async handler(input, { asana }) {
    const raw = await asana.get<AsanaAgent>(asanaPath`/agents/${input.agent_id}`, {
      // getAgent offers `workspace`, not `workspace.name`; the compact workspace carries its name.
      optFields: ["name", "resource_subtype", "description", "behavior_guidance", "workspace"],
    });
    return {
      agent: {
        id: raw.gid,
        ...compact({
          name: raw.name,
          type: raw.resource_subtype,
          description: raw.description,
          behavior: raw.behavior_guidance,
          workspace: refOf(raw.workspace),
        }),
      },
    };
  },
});
