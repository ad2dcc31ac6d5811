import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { intentDates, intentScripts, type UseTool } from "../../bench/lib/intent-scripts.mjs";
import { AsanaClient, type AsanaSession, SharedReads } from "../../src/asana/index.js";
import { PersonalAccessTokenResolver } from "../../src/auth/index.js";
import { AsanaStore, type RunningEmulator, sandboxToken, seedDemoWorld, startAsanaEmulator } from "../../src/sandbox/index.js";
import { invokeTool } from "../../src/toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { toolsetNames } from "../../tools/toolsets.js";

/**
 * Issue 19's intent benchmark, our side, counted without a clock: `npm run bench -- --only intents`
 * runs the same scripts through the built server over stdio beside RC and prints bytes and ratios;
 * this test pins the counts (tool calls, Asana requests, sequential rounds) so that a change that
 * adds a call or a request to an everyday intent is a visible diff.
 *
 * Rounds are counted in the client, not with the bench's quiet-window proxy: a request's round is
 * one more than the deepest round whose answer a caller had read when it was sent. Requests sent
 * together (Promise.all) start before any answer can arrive, so they share a round whatever the
 * machine's speed.
 */
class RoundCountingClient extends AsanaClient {
  /** The deepest round whose answer has been handed to a caller. */
  answered = 0;
  deepest = 0;

  /** A new intent: the bench runs each in a fresh server, so nothing an earlier intent read is remembered. */
  restart(): void {
    this.answered = 0;
    this.deepest = 0;
    this.forgetLookups();
  }

  override session(auth: Parameters<AsanaClient["session"]>[0]): AsanaSession {
    return this.#counted(super.session(auth));
  }

  /** Set when a shared read (see SharedReads) really sends its request, rather than answering from another part's. */
  #sentShared = false;

  // Each of these sends one request, except a part's read that another part already sent.
  #counted(session: AsanaSession, sharesReads = false): AsanaSession {
    const reading = new Set(["get", "getResponseBody", "getPage"]);
    const sending = [...reading, "post", "put", "delete", "batchRead", "postForm"];
    const counted = session as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const name of sending) {
      const send = counted[name]!.bind(session);
      counted[name] = async (...args) => {
        const round = this.answered + 1;
        this.#sentShared = false;
        // The session hands the request on synchronously, so whether a shared read went out is known here.
        const answer = send(...args);
        const sent = !sharesReads || !reading.has(name) || this.#sentShared;
        if (!sent) return answer;
        this.deepest = Math.max(this.deepest, round);
        try {
          return await answer;
        } finally {
          this.answered = Math.max(this.answered, round);
        }
      };
    }
    const part = session.part.bind(session);
    session.part = (reads) => this.#counted(part(reads && this.#watched(reads)), reads !== undefined);
    return session;
  }

  #watched(reads: SharedReads): SharedReads {
    const watched = new SharedReads(reads.shares);
    watched.read = (path, options, send) =>
      reads.read(path, options, () => {
        this.#sentShared = true;
        return send();
      });
    return watched;
  }
}

/** What each everyday intent costs today. Lower is better: update these when a change earns it. */
const expected: Record<string, { calls: number; rounds: number; requests: string[] }> = {
  plate: { calls: 1, rounds: 2, requests: ["GET /workspaces", "GET /tasks"] },
  // MoveTaskToSection reads the task's placement and its project's sections at once: the search's read
  // said which project (a fact kept for the user's next call; see LookupCache).
  "move-to-done": {
    calls: 2,
    rounds: 5,
    requests: [
      "GET /workspaces",
      "GET /workspaces/{id}/typeahead",
      "POST /batch",
      "GET /tasks/{id}",
      "GET /projects/{id}/sections",
      "POST /sections/{id}/addTask",
    ],
  },
  // The Priority field's options come from the search's read of the task.
  "priority-high": {
    calls: 2,
    rounds: 4,
    requests: ["GET /workspaces", "GET /workspaces/{id}/typeahead", "POST /batch", "PUT /tasks/{id}"],
  },
  // The three creates go at once; then, for each, the PUT that takes its recovery marker out of the notes
  // (a personal access token: issue 20) and the filing in the section, all at once.
  "three-in-design": {
    calls: 2,
    rounds: 5,
    requests: [
      "GET /workspaces",
      "GET /workspaces/{id}/typeahead",
      "GET /projects/{id}/sections",
      ...["POST /tasks", "POST /tasks", "POST /tasks"],
      ...["POST /tasks/{id}/addProject", "POST /tasks/{id}/addProject", "POST /tasks/{id}/addProject"],
      ...["PUT /tasks/{id}", "PUT /tasks/{id}", "PUT /tasks/{id}"],
    ],
  },
  "changed-since-monday": { calls: 1, rounds: 3, requests: ["GET /workspaces", "GET /workspaces/{id}/typeahead", "GET /workspaces/{id}/tasks/search"] },
  "at-risk-status": { calls: 2, rounds: 3, requests: ["GET /workspaces", "GET /workspaces/{id}/typeahead", "POST /status_updates"] },
  "template-for-q3": {
    calls: 2,
    rounds: 4,
    requests: ["GET /workspaces", "GET /workspaces/{id}/typeahead", "GET /project_templates/{id}", "POST /project_templates/{id}/instantiateProject"],
  },
  comment: { calls: 2, rounds: 4, requests: ["GET /workspaces", "GET /workspaces/{id}/typeahead", "POST /batch", "POST /tasks/{id}/stories"] },
  "who-is-on": { calls: 2, rounds: 3, requests: ["GET /workspaces", "GET /workspaces/{id}/typeahead", "GET /projects/{id}"] },
  "overdue-in-project": { calls: 1, rounds: 3, requests: ["GET /workspaces", "GET /workspaces/{id}/typeahead", "GET /workspaces/{id}/tasks/search"] },
  // The person is looked up in the workspaces the search listed; the lookup must precede the write, and
  // UpdateTask cannot start it before the call: one round over what the intent needs.
  "assign-and-due": {
    calls: 2,
    rounds: 5,
    requests: [...["GET /workspaces", "GET /workspaces/{id}/typeahead", "POST /batch"], ...["GET /workspaces/{id}/typeahead", "PUT /tasks/{id}"]],
  },
  "find-task": { calls: 1, rounds: 3, requests: ["GET /workspaces", "GET /workspaces/{id}/typeahead", "POST /batch"] },
};

const tools = new Map(asanaToolkit.map((tool) => [tool.name, tool]));

// One user's day: each intent finds the world the ones before it left, so they keep their order even when
// the suite is shuffled (--sequence.shuffle).
describe("everyday intents through the default profile (issue 19)", { shuffle: false }, () => {
  let emulator: RunningEmulator;
  let client: RoundCountingClient;
  const tokens = new PersonalAccessTokenResolver(sandboxToken);

  beforeAll(async () => {
    const store = new AsanaStore();
    const { me } = seedDemoWorld(store);
    emulator = await startAsanaEmulator({ store, tokens: { [sandboxToken]: me.gid }, jobDurationMs: 0 });
    client = new RoundCountingClient({ baseUrl: emulator.baseUrl, retryBaseDelayMs: 5 });
  });
  afterAll(async () => {
    await client?.close();
    await emulator?.close();
  });

  // The intents run in order on one world, as the bench runs them.
  for (const intent of intentScripts(intentDates())) {
    test(`${intent.id}: ${intent.intent}`, async () => {
      const called: string[] = [];
      // A chat starts with the default profile; EnableToolset adds a toolset, as it does over stdio.
      // EnableToolset adds a toolset, or one tool by name (with or without the Asana_ prefix).
      const enabled = new Set<string>();
      const enabledTools = new Set<string>();
      const use: UseTool = async (name, args) => {
        called.push(name);
        if (name === "EnableToolset") {
          if (args.toolset !== undefined) {
            expect(toolsetNames).toContain(args.toolset);
            enabled.add(String(args.toolset));
          }
          if (args.tool !== undefined) {
            const named = String(args.tool).replace(/^Asana_/, "");
            expect(tools.has(named), `${named} is a tool`).toBe(true);
            enabledTools.add(named);
          }
          return { enabled: args.toolset ?? args.tool };
        }
        const tool = tools.get(name);
        expect(tool, `${name} is a tool`).toBeDefined();
        expect(
          tool!.defaultProfile === true || enabled.has(tool!.toolset) || enabledTools.has(name),
          `${name} is listed (default profile, a toolset or the tool switched on)`,
        ).toBe(true);
        const outcome = await invokeTool(
          { asana: client, tokens },
          { tool: tool!, displayName: `Asana_${name}`, arguments: args, signal: new AbortController().signal },
        );
        if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.message}`);
        return JSON.parse(JSON.stringify(outcome.output));
      };
      const before = emulator.arrivals.length;
      client.restart();
      await intent.ours(use);
      const requests = emulator.arrivals.slice(before).map((r) => `${r.method} ${r.path.replace(/\d{4,}/g, "{id}")}`);

      const want = expected[intent.id];
      expect(want, `expected counts for ${intent.id}`).toBeDefined();
      expect({ calls: called.length, rounds: client.deepest, requests: [...requests].sort() }).toEqual({ ...want!, requests: [...want!.requests].sort() });
      // Requests follow the rounds: one after another, or together within a round.
      expect(requests.length).toBeGreaterThanOrEqual(client.deepest);
      console.log(`${intent.id}: ${called.length} calls, ${requests.length} requests in ${client.deepest} rounds (needs ${intent.needs.rounds})`);
    });
  }
});
