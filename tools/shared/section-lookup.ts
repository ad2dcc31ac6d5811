import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { nonEmptyText, quoted, ToolRetryableError, type AsanaRef } from "../../src/toolkit/index.js";
import { looksLikeGid } from "./lookups.js";

/**
 * Sections named the way a person names them ("Doing") or by id, inside one project or one My Tasks
 * list (Asana serves both through `GET /projects/{gid}/sections`: its Projects tag lets a user task
 * list's gid stand in for a project's). CreateTask, task search and My Tasks share this.
 */

/** A section by id or exact name, looked up in the project the tool is given. */
export const sectionParam = nonEmptyText(
  "must be a section id (digits) or a section name",
  "Pass a section id or name; Asana_ListSections lists them",
).describe("Section id or name in project.");

/** A project with more sections than this is not one a person files tasks in by name. */
const maxSectionPages = 5;

export async function sectionsIn(asana: AsanaSession, containerId: string): Promise<AsanaRef[]> {
  const sections: AsanaRef[] = [];
  let offset: string | null = null;
  for (let page = 0; page < maxSectionPages; page++) {
    const result: { items: AsanaRef[]; nextOffset: string | null } = await asana.getPage<AsanaRef>(asanaPath`/projects/${containerId}/sections`, {
      limit: 100,
      offset,
      optFields: ["name"],
    });
    sections.push(...result.items);
    offset = result.nextOffset;
    if (!offset) break;
  }
  return sections;
}

/**
 * The section `given` names among `sections`: by id, else by exact name (case-insensitive). An unknown
 * or ambiguous name is an error that lists the sections there are, so the model can choose.
 */
export function pickSection(sections: readonly AsanaRef[], given: string, where: string, param: string): AsanaRef {
  const wanted = given.trim();
  if (looksLikeGid(wanted)) {
    const byId = sections.find((section) => section.gid === wanted);
    if (byId) return byId;
  }
  const byName = sections.filter((section) => section.name?.trim().toLowerCase() === wanted.toLowerCase());
  const listed = JSON.stringify(sections.slice(0, 100).map((section) => ({ id: section.gid, name: section.name })));
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    throw new ToolRetryableError(
      `${byName.length} sections are named ${quoted(given)} in ${where} (${param}); pass the section's id instead.`,
      `Sections: ${listed}`,
    );
  }
  throw new ToolRetryableError(
    `No section ${looksLikeGid(wanted) ? "with id" : "named"} ${quoted(given)} in ${where} (${param}); nothing was changed. Pass one of the sections listed, by name or id.`,
    `Sections of ${where}: ${listed}`,
  );
}

/** `sectionsIn` and `pickSection` together: the one section of a container that `given` names. */
export async function resolveSection(asana: AsanaSession, containerId: string, given: string, where: string, param: string): Promise<AsanaRef> {
  return pickSection(await sectionsIn(asana, containerId), given, where, param);
}
