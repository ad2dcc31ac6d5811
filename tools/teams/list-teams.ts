import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, pagedList } from "../../src/toolkit/index.js";
import { findWorkspaceHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { organizationNote, presentTeam, teamListInput, teamListOutput, teamOptFields, type AsanaTeam } from "./model.js";

export const listTeams = defineTool({
  name: "ListTeams",
  title: "List teams",
  toolset: "teams",
  description: "List the teams of an organization that the user can see.",
  input: () => teamListInput,
  output: () => teamListOutput,
  annotations: annotate.read,
  errorHints: {
    400: `Asana needs an organization here. ${organizationNote}`,
    404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}`,
  },
  async handler(input, { asana }) {
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    const page = await asana.getPage<AsanaTeam>(asanaPath`/workspaces/${workspace}/teams`, {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: teamOptFields,
    });
    return pagedList("teams", page.items.map(presentTeam), page.nextOffset);
  },
});
