import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam } from "../../src/toolkit/index.js";
import { findWorkspaceHint } from "../shared/hints.js";
import { presentWorkspace, workspaceOptFields, workspaceShape, type AsanaWorkspace } from "./model.js";

export const getWorkspaceById = defineTool({
  name: "GetWorkspaceById",
  title: "Get a workspace",
  toolset: "workspaces",
  description: "Get a workspace by id: name, whether it is an organization (with teams), and its email domains.",
  input: () =>
    z.strictObject({
      workspace_id: gidParam("workspace", findWorkspaceHint),
    }),
  output: () => z.object({ workspace: workspaceShape }),
  annotations: annotate.read,
  errorHints: { 404: `No workspace has this id, or the user is not a member of it. ${findWorkspaceHint}` },
  async handler(input, { asana }) {
    const raw = await asana.get<AsanaWorkspace>(asanaPath`/workspaces/${input.workspace_id}`, { optFields: workspaceOptFields });
    return { workspace: presentWorkspace(raw) };
  },
});
