import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam } from "../../src/toolkit/index.js";
import { findTeamHint } from "../shared/hints.js";
import { presentTeam, teamOptFields, teamShape, type AsanaTeam } from "./model.js";

export const getTeamById = defineTool({
  name: "GetTeamById",
  title: "Get a team",
  toolset: "teams",
  description: "Get a team by id: name, description, organization and link. Its projects: Asana_ListProjects with team_id.",
  input: () =>
    z.strictObject({
      team_id: gidParam("team", findTeamHint),
    }),
  output: () => z.object({ team: teamShape }),
  annotations: annotate.read,
  errorHints: { 404: `No team has this id, or the user cannot see it. ${findTeamHint}` },
  async handler(input, { asana }) {
    const raw = await asana.get<AsanaTeam>(asanaPath`/teams/${input.team_id}`, { optFields: teamOptFields });
    return { team: presentTeam(raw) };
  },
});
