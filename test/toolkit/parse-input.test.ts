import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseToolInput, ToolInputErrors, type AnyToolDefinition } from "../../src/toolkit/index.js";
import { setTaskCustomFields } from "../../tools/customfields/set-task-custom-fields.js";
import { duplicateTask } from "../../tools/tasks/duplicate-task.js";
import { getTaskById } from "../../tools/tasks/get-task-by-id.js";
import { getTasksByIds } from "../../tools/tasks/get-tasks-by-ids.js";
import { getTasksWithoutId } from "../../tools/tasks/get-tasks-without-id.js";
import { updateTask } from "../../tools/tasks/update-task.js";
import { listWorkspaces } from "../../tools/workspaces/list-workspaces.js";

/**
 * Arguments as real clients send them (issue 17): OpenAI's strict mode and the agents built on it
 * send null for every optional parameter, Claude Code and mcp-remote send lists as JSON text or as
 * one bare value, the Inspector CLI and mcpc send ids as numbers, and many send numbers and booleans
 * as text. Each is taken where it can mean only one thing; the rest stay errors naming the field.
 */
function problemsOf(tool: AnyToolDefinition, raw: unknown): string {
  try {
    parseToolInput(tool, raw);
  } catch (error) {
    if (error instanceof ToolInputErrors) return error.message;
    throw error;
  }
  throw new Error(`expected ${tool.name} to refuse ${JSON.stringify(raw)}`);
}

const taskId = "1204567890123456";

describe("arguments taken as clients send them", () => {
  test("null for an optional parameter means it was not given (a strict-mode UpdateTask renames only)", () => {
    const everyOptionalNull = Object.fromEntries(Object.keys(updateTask.input.shape).map((key) => [key, null]));
    const parsed = parseToolInput(updateTask, { ...everyOptionalNull, task_id: taskId, name: "Renamed" });
    expect(parsed).toEqual({ task_id: taskId, name: "Renamed" });
  });

  test("a list sent as JSON text, or as one bare value, is that list", () => {
    expect(parseToolInput(getTasksWithoutId, { tags: '["launch", "urgent"]' })).toMatchObject({ tags: ["launch", "urgent"] });
    expect(parseToolInput(getTasksWithoutId, { tags: "launch" })).toMatchObject({ tags: ["launch"] });
    expect(parseToolInput(duplicateTask, { task_id: taskId, name: "Copy", include: "subtasks" })).toMatchObject({ include: ["subtasks"] });
    expect(parseToolInput(getTasksByIds, { task_ids: taskId })).toEqual({ task_ids: [taskId] });
  });

  test("numbers and booleans sent as text are taken as numbers and booleans", () => {
    expect(parseToolInput(getTasksWithoutId, { limit: "5", completed: "true" })).toMatchObject({ limit: 5, completed: true });
    expect(parseToolInput(getTasksWithoutId, { completed: "False" })).toMatchObject({ completed: false });
    expect(parseToolInput(duplicateTask, { task_id: taskId, name: "Copy", wait_seconds: " 0 " })).toMatchObject({ wait_seconds: 0 });
  });

  test("an id sent as a number is taken as its digits, in a list too", () => {
    expect(parseToolInput(getTaskById, { task_id: 1222330792440268 })).toMatchObject({ task_id: "1222330792440268" });
    expect(parseToolInput(getTasksByIds, { task_ids: [1222330792440268, taskId] })).toEqual({ task_ids: ["1222330792440268", taskId] });
    expect(parseToolInput(getTasksByIds, { task_ids: 1222330792440268 })).toEqual({ task_ids: ["1222330792440268"] });
  });

  test("an id number past 2^53 has lost digits already: refused, saying so, never read as another id", () => {
    // What JSON.parse makes of the 20 digits 12223307924402681234: a different number.
    const message = problemsOf(getTaskById, JSON.parse('{"task_id": 12223307924402681234}'));
    expect(message).toContain("`task_id`");
    expect(message).toMatch(/2\^53/);
    expect(message).toMatch(/lost|rounded/);
    expect(message).toMatch(/string of digits|in quotes/);
    expect(problemsOf(getTasksByIds, { task_ids: [taskId, 2 ** 60] })).toContain("`task_ids[1]`");
  });

  test("missing arguments, or arguments sent as JSON text, are taken for what they are", () => {
    expect(parseToolInput(listWorkspaces, undefined)).toEqual({ limit: 100 });
    expect(parseToolInput(listWorkspaces, null)).toEqual({ limit: 100 });
    expect(parseToolInput(getTaskById, `{"task_id": "${taskId}"}`)).toMatchObject({ task_id: taskId });
    expect(problemsOf(getTaskById, undefined)).toContain("`task_id`: is required");
  });

  test("what could mean two things stays an error naming the field", () => {
    // Text that looks like a JSON list but is not one: a tag named "[launch" or a broken list?
    expect(problemsOf(getTasksWithoutId, { tags: '["launch"' })).toContain("`tags`");
    // One text with a comma where a list is expected: one name with a comma, or two names?
    expect(problemsOf(getTasksWithoutId, { tags: "launch, urgent" })).toContain("`tags`");
    expect(problemsOf(getTasksWithoutId, { completed: "yes" })).toContain("`completed`");
    expect(problemsOf(getTasksWithoutId, { limit: "five" })).toContain("`limit`");
    expect(problemsOf(getTaskById, { task_id: null })).toContain("`task_id`");
    expect(problemsOf(getTaskById, { task_id: 12.5 })).toContain("`task_id`");
    // A text parameter never reads JSON: the name is the text itself.
    expect(parseToolInput(updateTask, { task_id: taskId, name: '["a"]' })).toMatchObject({ name: '["a"]' });
  });

  test("arguments that are already right come back as the schema parses them", () => {
    const args = { tags: ["launch"], limit: 5, completed: false, workspace_id: taskId };
    expect(parseToolInput(getTasksWithoutId, args)).toEqual(getTasksWithoutId.input.parse(args));
  });
});

describe("custom fields by key (the older map form)", () => {
  test("__proto__, constructor and prototype as field names in a map are refused by name, never dropped", () => {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const raw = JSON.parse(`{"task_id": "${taskId}", "fields": {"${key}": "High", "Estimate": 3}}`);
      const message = problemsOf(setTaskCustomFields, raw);
      expect(message, key).toContain(`\`fields.${key}\``);
    }
  });
});

describe("the value a refusal quotes", () => {
  // What the error shows of a bad value: its JSON, cut to 57 characters and "..." past 60. Written out
  // plainly here, from the whole value, to hold the server's cheaper way of getting the same text.
  const quoted = (value: unknown) => {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };
  const refusalOf = (value: unknown) => problemsOf(getTaskById, { task_id: taskId, max_subtasks: value });
  const expected = (value: unknown) =>
    `\`max_subtasks\`: must be a whole number from 0 to 100 (got ${quoted(value)}). Check max_subtasks against the tool's input schema.`;

  test("huge, wide and deep values are quoted exactly as their whole JSON would be", () => {
    const huge = "x".repeat(300_000);
    const values: unknown[] = [
      Array.from({ length: 25 }, () => huge),
      { [huge]: 1 },
      { a: huge, b: [huge] },
      Array.from({ length: 500 }, (_, i) => i),
      Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
      JSON.parse(`${"[".repeat(200)}${"]".repeat(200)}`),
      JSON.parse('{"__proto__": {"polluted": true}, "b": 1}'),
      `${"y".repeat(59)}🙂${"z".repeat(10)}`,
      "\u0000".repeat(40),
      "short",
      [1, "two", { three: 3 }],
    ];
    for (const value of values) expect(refusalOf(value)).toBe(expected(value));
  });

  test("any JSON value a client could send is quoted exactly as its whole JSON would be", () => {
    const long = fc.nat({ max: 2_000 }).map((n) => 'é\n"'.repeat(n));
    const value = fc.oneof(
      fc.jsonValue(),
      fc.array(fc.oneof(long, fc.jsonValue()), { maxLength: 80 }),
      fc.dictionary(fc.string(), fc.oneof(long, fc.jsonValue())),
    );
    let compared = 0;
    fc.assert(
      fc.property(value, (sent) => {
        let message: string | undefined;
        try {
          parseToolInput(getTaskById, { task_id: taskId, max_subtasks: sent });
        } catch (error) {
          if (!(error instanceof ToolInputErrors)) throw error;
          message = error.message;
        }
        // Taken (a whole number, or text that reads as one), or refused by another rule.
        if (message === undefined || !message.startsWith("`max_subtasks`: must be a whole number")) return;
        compared++;
        expect(message).toBe(expected(sent));
      }),
      { numRuns: 400 },
    );
    expect(compared).toBeGreaterThan(300);
  });
});
