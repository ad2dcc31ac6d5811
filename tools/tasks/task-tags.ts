import { looksLikeGid, resolveTagIds, unknownTagsError, type LookupContext } from "../shared/lookups.js";
import { workspaceOfTask } from "./model.js";

/** A tag given by name is found in the task's workspace; a name that matches nothing lists the tags that exist. */
export async function resolveTaskTag(ctx: LookupContext, taskId: string, tag: string, creatingHelps: boolean): Promise<string> {
  if (looksLikeGid(tag)) return tag;
  const workspaceId = await workspaceOfTask(ctx.asana, taskId);
  const resolved = await resolveTagIds(ctx, [tag], workspaceId);
  if (resolved.ids.length > 0) return resolved.ids[0]!;
  throw unknownTagsError([tag], workspaceId, resolved.available, {
    where: `, where task ${taskId} is`,
    fix: `Pass a tag id, or one of the names listed below${creatingHelps ? "; to use a new tag, create it first with Asana_CreateTag" : ""}.`,
  });
}
