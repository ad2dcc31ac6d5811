import type { Server } from "@modelcontextprotocol/server";
import type { RunTool } from "./resources.js";

/** What a completion looks up: Asana objects of one kind, by the letters typed so far. */
export type CompletionKind = "project" | "user" | "tag" | "section" | "task";

export interface CompletionSource {
  /** Names (or ids, for a resource URI's id) that start what the user has typed, at most 20. */
  complete(kind: CompletionKind, typed: string, want: "name" | "id", context: Record<string, string>, signal: AbortSignal): Promise<string[]>;
}

const maxValues = 20;
const cacheTtlMs = 60_000;
const maxCacheEntries = 200;

/**
 * Completions backed by Asana's typeahead (through Asana_SearchByName) and, for sections, the project's
 * section list (Asana_ListSections). Answers are cached for a minute per query, so a client that asks on
 * every keystroke costs Asana one request per distinct prefix, and the cache is bounded.
 */
export function createCompletionSource(run: RunTool): CompletionSource {
  const cache = new Map<string, { values: string[]; expires: number }>();
  const remember = (key: string, values: string[]) => {
    if (cache.size >= maxCacheEntries) cache.delete(cache.keys().next().value!);
    cache.set(key, { values, expires: Date.now() + cacheTtlMs });
    return values;
  };
  return {
    async complete(kind, typed, want, context, signal) {
      const query = typed.trim().slice(0, 100);
      const project = context.project?.trim();
      const key = JSON.stringify([kind, query.toLowerCase(), want, kind === "section" ? project : ""]);
      const cached = cache.get(key);
      if (cached && cached.expires > Date.now()) return cached.values;

      let items: Array<{ id: string; name?: string }> = [];
      if (kind === "section") {
        // Sections have no typeahead: list the project's and match here.
        if (!project || !/^\d+$/.test(project)) return [];
        const outcome = await run("ListSections", { project, limit: 100 }, signal);
        if (!outcome.ok) return [];
        items = ((outcome.output as { sections?: Array<{ id: string; name?: string }> }).sections ?? []).filter((s) =>
          (s.name ?? "").toLowerCase().includes(query.toLowerCase()),
        );
      } else {
        // Nothing typed yet: nothing to look up (the tool, like a model's call, needs some letters).
        if (query === "") return [];
        const outcome = await run("SearchByName", { query, resource_type: kind, limit: maxValues }, signal);
        if (!outcome.ok) return [];
        items = (outcome.output as { items?: Array<{ id: string; name?: string }> }).items ?? [];
      }
      const values = [...new Set(items.map((item) => (want === "id" ? item.id : (item.name ?? item.id))))].slice(0, maxValues);
      return remember(key, values);
    },
  };
}

/** Which lookup completes a prompt argument or a resource template's variable. */
export interface CompletionTargets {
  promptArgument(prompt: string, argument: string): CompletionKind | undefined;
  resourceVariable(uriTemplate: string, variable: string): CompletionKind | undefined;
}

export function registerCompletions(server: Server, source: CompletionSource, targets: CompletionTargets): void {
  server.setRequestHandler("completion/complete", async (request, ctx) => {
    const { ref, argument } = request.params;
    const context = (request.params.context?.arguments ?? {}) as Record<string, string>;
    const kind = ref.type === "ref/prompt" ? targets.promptArgument(ref.name, argument.name) : targets.resourceVariable(ref.uri, argument.name);
    // An argument nothing completes is answered with no values, not an error: clients ask for every field.
    const values = kind ? await source.complete(kind, argument.value, ref.type === "ref/resource" ? "id" : "name", context, ctx.mcpReq.signal) : [];
    return { completion: { values, total: values.length, hasMore: false } };
  });
}
