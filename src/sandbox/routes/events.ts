import { badRequest, notFound, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import type { RecordedEvent } from "../events.js";
import { compactOf } from "../projection.js";

/**
 * `GET /events?resource=&sync=` (getEvents). Without a sync token, or with one that is unknown,
 * belongs to another resource or has expired, Asana answers 412 with a fresh token beside the
 * errors; with a good one, the events since it (at most 100, `has_more` when there are more) and
 * the next token.
 */

const staleTokenMessage =
  "Sync token invalid or too old. If you are attempting to keep resources in sync, you must fetch the full dataset for this query now and use the new sync token for the next sync.";

/** "The resource can be a task, project, or goal." */
const subscribable = new Set(["task", "project", "goal"]);

function render(request: EmulatorRequest, event: RecordedEvent): Record<string, unknown> {
  const user = event.user ? request.store.get(event.user, "user") : undefined;
  const rendered: Record<string, unknown> = {
    user: user ? compactOf(request.store, user) : null,
    created_at: event.created_at,
    action: event.action,
    resource: event.resource,
    type: event.resource.resource_type,
    parent: event.parent,
  };
  if (event.change) rendered.change = event.change;
  if (!request.optFields) return rendered;
  const heads = new Set(request.optFields.map((field) => field.split(".")[0]));
  return Object.fromEntries(Object.entries(rendered).filter(([name]) => heads.has(name)));
}

export const eventRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/events",
    handle: (request) => {
      const { resource, sync } = request.query;
      if (!resource) throw badRequest("resource: Missing input");
      if (!/^\d+$/.test(resource)) throw badRequest(`resource: Not a valid gid: ${resource}`);
      const target = request.store.get(resource);
      if (!target) throw notFound(`resource: Unknown object: ${resource}`);
      if (!subscribable.has(target.resource_type))
        throw badRequest(`resource: Events are available for tasks, projects and goals, not for a ${target.resource_type}.`);
      const log = request.services.events;
      const page = sync ? log.read(target.gid, sync) : undefined;
      if (!page) return { status: 412, body: { errors: [{ message: staleTokenMessage }], sync: log.issueToken(target.gid) } };
      return { status: 200, body: { data: page.events.map((event) => render(request, event)), sync: page.sync, has_more: page.hasMore } };
    },
  },
];
