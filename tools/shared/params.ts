import { gidParam, nonEmptyText, ToolInputError, withInstructedNote } from "../../src/toolkit/index.js";
import { findWorkspaceHint } from "./hints.js";

/** Parameters that tools of several resources take, stated once so every tool reads the same. */

/** Most users have one workspace, and then tools find it themselves (the unique-workspace rule). */
// The server's instructions say it once for MCP; Arcade's definitions say it per parameter.
export const workspaceIdParam = withInstructedNote(gidParam("workspace", findWorkspaceHint).optional(), "Omit if the user has one workspace.");

/** A person as Asana takes one, or by name (see userIdOf). */
export function personParam(meaning: string, howToFind: string) {
  return nonEmptyText(`must be "me", a user's id (digits), an email address or a person's name`, howToFind, 254).describe(
    `${meaning}: "me", a user id, an email or a name.`,
  );
}

/** A project by id, or by its exact name looked up in the workspace (as Arcade's toolkit takes it). */
export function projectParam() {
  return nonEmptyText("must be a project id (digits) or a project name", "Pass a project id or name; Asana_ListProjects lists them").describe(
    "Id or exact name.",
  );
}

/** insert_before and insert_after: the id of one of the items (`among`) the moved one goes next to. */
export function insertAnchorParams(anchor: { resource: string; howToFind: string }) {
  return {
    // The names say it, and each tool's description says where the item goes without them.
    insert_before: withInstructedNote(gidParam(anchor.resource, anchor.howToFind).optional(), `Place it just before this ${anchor.resource}.`),
    insert_after: withInstructedNote(gidParam(anchor.resource, anchor.howToFind).optional(), `Place it just after this ${anchor.resource}.`),
  };
}

/** Asana takes at most one of insert_before and insert_after, and never the moved item itself as the anchor. */
export function checkInsertAnchors(input: { moved: string; insert_before?: string | undefined; insert_after?: string | undefined }, siblingsAre: string): void {
  if (input.insert_before !== undefined && input.insert_after !== undefined) {
    throw new ToolInputError(
      "insert_before, insert_after",
      "are both given; Asana takes at most one",
      `Keep one of them: the ${siblingsAre} it should go just before or just after.`,
    );
  }
  for (const field of ["insert_before", "insert_after"] as const) {
    if (input[field] === input.moved) {
      throw new ToolInputError(field, "is the item being moved", `Pass one of the ${siblingsAre} instead, or leave ${field} out.`);
    }
  }
}
