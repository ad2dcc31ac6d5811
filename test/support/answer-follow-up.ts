/**
 * What a cut answer promises: the calls in its `truncated.rest` fetch what it left out. These helpers
 * follow those calls (and theirs, breadth first) through any caller, then check that everything the
 * whole answer held came back somewhere: every id, and every long text in full.
 */

export interface RestCall {
  tool: string;
  arguments: Record<string, unknown>;
}

/** One call through whatever front door the test drives: the answer (structuredContent) or an error. */
export type CallThrough = (call: RestCall) => Promise<Record<string, unknown>>;

export interface FollowedAnswers {
  answers: Array<{ call: RestCall; answer: Record<string, unknown> }>;
  /** True when the walk stopped at `maxCalls` with calls still waiting. */
  stoppedEarly: boolean;
}

export function restOf(answer: Record<string, unknown>): RestCall[] {
  const truncated = answer.truncated as { rest?: RestCall[] } | undefined;
  return truncated?.rest ?? [];
}

/** The first call and every call its answers hand on, each made once, up to `maxCalls`. */
export async function followRest(first: RestCall, callThrough: CallThrough, maxCalls: number): Promise<FollowedAnswers> {
  const answers: FollowedAnswers["answers"] = [];
  const seen = new Set<string>();
  const queue = [first];
  while (queue.length > 0 && answers.length < maxCalls) {
    const call = queue.shift()!;
    const key = JSON.stringify(call);
    if (seen.has(key)) continue;
    seen.add(key);
    const answer = await callThrough(call);
    answers.push({ call, answer });
    queue.push(...restOf(answer));
  }
  return { answers, stoppedEarly: queue.length > 0 };
}

/** Keys whose values are bookkeeping of the answer itself, not Asana's data. */
const bookkeeping = new Set(["truncated", "next_page", "count", "note", "sync_token", "has_more"]);

/** Every id and every text of at least `minText` characters in an answer, outside its bookkeeping. */
export function contentOf(answer: unknown, minText = 40): { ids: Set<string>; texts: Set<string> } {
  const ids = new Set<string>();
  const texts = new Set<string>();
  const walk = (value: unknown, key: string | undefined) => {
    if (key !== undefined && bookkeeping.has(key)) return;
    if (typeof value === "string") {
      if (key === "id" || key === "gid") ids.add(value);
      else if (value.length >= minText) texts.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, undefined);
    } else if (value !== null && typeof value === "object") {
      for (const [inner, item] of Object.entries(value)) walk(item, inner);
    }
  };
  walk(answer, undefined);
  return { ids, texts };
}

/** What the whole answer held that no followed answer brought back whole. */
export function missingFrom(whole: Record<string, unknown>, followed: FollowedAnswers): { ids: string[]; texts: string[] } {
  const wanted = contentOf(whole);
  const got = { ids: new Set<string>(), texts: new Set<string>() };
  for (const { answer } of followed.answers) {
    const found = contentOf(answer);
    for (const id of found.ids) got.ids.add(id);
    for (const text of found.texts) got.texts.add(text);
  }
  return {
    ids: [...wanted.ids].filter((id) => !got.ids.has(id)),
    texts: [...wanted.texts].filter((text) => !got.texts.has(text)).map((text) => `${text.slice(0, 60)}… (${text.length} characters)`),
  };
}
