import type { AsanaStore, StoredObject } from "./store.js";

export interface StatusUpdateFields {
  statusType: string;
  title: string;
  text: string;
  htmlText: string;
}

/**
 * A status update on a project, portfolio or goal, made the parent's current one: the seeded world
 * and POST /status_updates make them the same way, so a seeded update reads like a posted one.
 */
export function insertStatusUpdate(store: AsanaStore, parent: StoredObject, author: StoredObject, fields: StatusUpdateFields): StoredObject {
  const now = store.now();
  const update = store.insert({
    resource_type: "status_update",
    resource_subtype: `${parent.resource_type}_status_update`,
    title: fields.title,
    text: fields.text,
    html_text: fields.htmlText,
    status_type: fields.statusType,
    author: author.gid,
    created_by: author.gid,
    created_at: now,
    modified_at: now,
    hearted: false,
    hearts: [],
    liked: false,
    likes: [],
    num_hearts: 0,
    num_likes: 0,
    parent: parent.gid,
  });
  parent.current_status_update = update.gid;
  return update;
}
