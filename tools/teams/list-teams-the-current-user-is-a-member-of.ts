import { annotate, defineTool, pagedList } from "../../src/toolkit/index.js";
import { findWorkspaceHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { organizationNote, presentTeam, teamListInput, teamListOutput, teamOptFields, type AsanaTeam } from "./model.js";

export const listTeamsTheCurrentUserIsAMemberOf = defineTool({
  name: "ListTeamsTheCurrentUserIsAMemberOf",
  title: "List my teams",
  toolset: "teams",
  description: 'List the teams the user belongs to in an organization ("my team"); Asana_ListTeams lists all.',
  input: () => teamListInput,
  output: () => teamListOutput,
  annotations: annotate.read,
  errorHints: {
    400: `Asana needs an organization here. ${organizationNote}`,
    404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}`,
  },
  async handler(input, { asana }) {
    const organization = await resolveWorkspaceId(asana, input.workspace_id);
    const page = await asana.getPage<AsanaTeam>("/users/me/teams", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { organization },
      optFields: teamOptFields,
    });
    return pagedList("teams", page.items.map(presentTeam), page.nextOffset);
  },
});
