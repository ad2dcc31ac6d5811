import { ProtocolError, ProtocolErrorCode, type Resource, type ResourceTemplateType, type Server } from "@modelcontextprotocol/server";
import type { ToolOutcome } from "../toolkit/index.js";

/**
 * Asana objects as MCP resources, read through the same tools the model calls, so a resource holds
 * exactly the compact JSON the tool returns: `asana://task/{id}`, `asana://project/{id}`,
 * `asana://project/{id}/tasks` and `asana://me/tasks`.
 */

/** Runs one of the toolkit's tools for this connection's user (the server's own call path). */
export type RunTool = (name: string, args: Record<string, unknown>, signal: AbortSignal) => Promise<ToolOutcome>;

interface AsanaResourceKind {
  /** An RFC 6570 template, or a fixed URI for a resource with no variable. */
  uri: string;
  name: string;
  title: string;
  description: string;
  /** The tool that reads it, and its arguments for the URI's id. */
  tool: string;
  args(id: string | undefined): Record<string, unknown>;
  /** The Asana object whose changes (GET /events: tasks, projects, goals) mean this resource changed. */
  watches: boolean;
  pattern: RegExp;
}

const gid = "(\\d{1,32})";

const kinds: readonly AsanaResourceKind[] = [
  {
    uri: "asana://me/tasks",
    name: "my_tasks",
    title: "My Tasks",
    description: "The current user's incomplete tasks, as Asana_ListMyTasks returns them.",
    tool: "ListMyTasks",
    args: () => ({}),
    // Asana's events cover tasks, projects and goals, not a user's task list: read it again instead.
    watches: false,
    pattern: /^asana:\/\/me\/tasks$/,
  },
  {
    uri: "asana://task/{id}",
    name: "task",
    title: "A task",
    description: "One task in full, as Asana_GetTaskById returns it.",
    tool: "GetTaskById",
    args: (id) => ({ task_id: id }),
    watches: true,
    pattern: new RegExp(`^asana://task/${gid}$`),
  },
  {
    uri: "asana://project/{id}",
    name: "project",
    title: "A project",
    description: "One project, as Asana_GetProjectById returns it.",
    tool: "GetProjectById",
    args: (id) => ({ project_id: id }),
    watches: true,
    pattern: new RegExp(`^asana://project/${gid}$`),
  },
  {
    uri: "asana://project/{id}/tasks",
    name: "project_tasks",
    title: "A project's open tasks",
    description: "The first 100 incomplete tasks of a project, as Asana_ListTasksInProject returns them.",
    tool: "ListTasksInProject",
    args: (id) => ({ project: id, completed: false }),
    watches: true,
    pattern: new RegExp(`^asana://project/${gid}/tasks$`),
  },
];

/** The resource a URI names, with the Asana id in it, or undefined. */
export function resourceOf(uri: string): { kind: AsanaResourceKind; id: string | undefined } | undefined {
  for (const kind of kinds) {
    const match = kind.pattern.exec(uri);
    if (match) return { kind, id: match[1] };
  }
  return undefined;
}

/** The tools the resources read with: a resource is offered only where its tool is allowed. */
export const resourceTools: readonly string[] = [...new Set(kinds.map((k) => k.tool))];

export interface ResourceSurfaceOptions {
  run: RunTool;
  /** Whether the operator's limits allow a tool (an operator's --toolsets ceiling holds for resources too). */
  allows(tool: string): boolean;
  /** Subscriptions, where the connection lasts (stdio): the watcher that reports changes. */
  subscriptions?: ResourceSubscriptions;
}

/** Starts and stops watching resources for one connection. */
export interface ResourceSubscriptions {
  add(uri: string): void;
  remove(uri: string): void;
}

/** Registers resources/list, resources/templates/list, resources/read and, where they can work, subscriptions. */
export function registerResources(server: Server, options: ResourceSurfaceOptions): void {
  const offered = kinds.filter((kind) => options.allows(kind.tool));
  const fixed: Resource[] = offered
    .filter((kind) => !kind.uri.includes("{"))
    .map((kind) => ({ uri: kind.uri, name: kind.name, title: kind.title, description: kind.description, mimeType: "application/json" }));
  const templates: ResourceTemplateType[] = offered
    .filter((kind) => kind.uri.includes("{"))
    .map((kind) => ({ uriTemplate: kind.uri, name: kind.name, title: kind.title, description: kind.description, mimeType: "application/json" }));

  server.setRequestHandler("resources/list", async () => ({ resources: fixed }));
  server.setRequestHandler("resources/templates/list", async () => ({ resourceTemplates: templates }));
  server.setRequestHandler("resources/read", async (request, ctx) => {
    const { uri } = request.params;
    const found = resourceOf(uri);
    if (!found || !offered.includes(found.kind)) throw unknownResource(uri);
    const outcome = await options.run(found.kind.tool, found.kind.args(found.id), ctx.mcpReq.signal);
    if (!outcome.ok) {
      // Asana's 404 is the resource not existing; anything else is the read failing, said as the tool says it.
      const code = outcome.error.statusCode === 404 ? ProtocolErrorCode.InvalidParams : ProtocolErrorCode.InternalError;
      throw new ProtocolError(code, outcome.error.message);
    }
    return { contents: [{ uri, mimeType: "application/json", text: JSON.stringify(outcome.output) }] };
  });

  const subscriptions = options.subscriptions;
  if (!subscriptions) return;
  server.setRequestHandler("resources/subscribe", async (request) => {
    const found = resourceOf(request.params.uri);
    if (!found || !offered.includes(found.kind)) throw unknownResource(request.params.uri);
    if (!found.kind.watches) {
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `${request.params.uri} cannot be watched (Asana reports changes to tasks and projects); read it again instead`,
      );
    }
    subscriptions.add(request.params.uri);
    return {};
  });
  server.setRequestHandler("resources/unsubscribe", async (request) => {
    subscriptions.remove(request.params.uri);
    return {};
  });
}

function unknownResource(uri: string): ProtocolError {
  const shown = uri.length > 200 ? `${uri.slice(0, 197)}...` : uri;
  return new ProtocolError(
    ProtocolErrorCode.InvalidParams,
    `Unknown resource ${shown}. This server's resources: ${kinds.map((k) => k.uri).join(", ")} (ids are Asana ids, strings of digits).`,
  );
}
