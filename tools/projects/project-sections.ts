import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { addErrorNote, quoted, refOf, type AsanaRef, type NamedRef } from "../../src/toolkit/index.js";

/**
 * The sections CreateProject is asked for. Some project creations come with a section Asana names
 * "Untitled section"; when that is all the new project has, it becomes the first section asked for
 * (renamed), so the project ends up with exactly the sections the caller listed, in that order.
 */
export const asanaDefaultSectionName = "Untitled section";

export async function sectionsOfProject(asana: AsanaSession, projectId: string): Promise<AsanaRef[]> {
  return (await asana.getPage<AsanaRef>(asanaPath`/projects/${projectId}/sections`, { limit: 100, optFields: ["name"] })).items;
}

export async function setUpSections(asana: AsanaSession, projectId: string, names: readonly string[]): Promise<NamedRef[]> {
  if (names.length === 0) return [];
  const existing = await sectionsOfProject(asana, projectId);
  const placeholder = existing.length === 1 && existing[0]!.name === asanaDefaultSectionName ? existing[0] : undefined;
  const made: NamedRef[] = [];
  const refOrId = (raw: AsanaRef): NamedRef => refOf(raw) ?? { id: raw.gid };
  try {
    let rest = names;
    if (placeholder) {
      made.push(refOrId(await asana.put<AsanaRef>(asanaPath`/sections/${placeholder.gid}`, { name: names[0] }, { optFields: ["name"] })));
      rest = names.slice(1);
    }
    // One after another: Asana appends each new section at the end, so the order is the one asked for.
    for (const name of rest) made.push(refOrId(await asana.post<AsanaRef>(asanaPath`/projects/${projectId}/sections`, { name }, { optFields: ["name"] })));
  } catch (error) {
    const missing = names.slice(made.length);
    throw addErrorNote(
      error,
      `Project ${projectId} was created${made.length > 0 ? ` with sections ${made.map((s) => quoted(s.name ?? s.id)).join(", ")}` : ""}; ` +
        `sections ${missing.map((name) => quoted(name)).join(", ")} were not made. Add them with Asana_CreateSection; calling Asana_CreateProject again would make a second project.`,
    );
  }
  return [...existing.filter((section) => section !== placeholder).map(refOrId), ...made];
}
