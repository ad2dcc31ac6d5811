import { describe, expect, test } from "vitest";
import { AsanaApiError, AsanaNetworkError, AsanaRequestAbortedError } from "../../src/asana/index.js";
import { AuthorizationRequiredError, MissingCredentialsError, TokenServiceUnavailableError } from "../../src/auth/index.js";
import { describeToolError, ToolExecutionError, ToolInputError, ToolRetryableError } from "../../src/toolkit/index.js";

const context = { toolName: "Asana.GetTaskById" };
const asana = (status: number, retryAfterSeconds?: number) => new AsanaApiError(status, "GET", "/tasks/1", "message", undefined, undefined, retryAfterSeconds);

/**
 * docs/arcade.md's retry table, row by row, as arcade_core's errors.py states it: bad input is
 * `TOOL_RUNTIME_BAD_INPUT_VALUE` with status 400 and never retryable; an upstream error is retryable
 * only for 5xx and 429; a transport failure (no answer at all) is retryable.
 */
describe("can_retry, as arcade_core decides it", () => {
  const rows: Array<[string, unknown, { kind: string; canRetry: boolean; statusCode?: number }]> = [
    [
      "bad input",
      new ToolInputError("task_id", "must be the task's Asana id", "Pass a task id"),
      { kind: "TOOL_RUNTIME_BAD_INPUT_VALUE", canRetry: false, statusCode: 400 },
    ],
    ["a choice the model must make", new ToolRetryableError("pass workspace_id"), { kind: "TOOL_RUNTIME_RETRY", canRetry: true }],
    ["a tool refusing the request", new ToolExecutionError("cannot do that"), { kind: "TOOL_RUNTIME_FATAL", canRetry: false }],
    ["Asana 400", asana(400), { kind: "UPSTREAM_RUNTIME_BAD_REQUEST", canRetry: false, statusCode: 400 }],
    ["Asana 401", asana(401), { kind: "UPSTREAM_RUNTIME_AUTH_ERROR", canRetry: false, statusCode: 401 }],
    ["Asana 402", asana(402), { kind: "UPSTREAM_RUNTIME_BAD_REQUEST", canRetry: false, statusCode: 402 }],
    ["Asana 403", asana(403), { kind: "UPSTREAM_RUNTIME_AUTH_ERROR", canRetry: false, statusCode: 403 }],
    ["Asana 404", asana(404), { kind: "UPSTREAM_RUNTIME_NOT_FOUND", canRetry: false, statusCode: 404 }],
    ["Asana 409", asana(409), { kind: "UPSTREAM_RUNTIME_UNMAPPED", canRetry: false, statusCode: 409 }],
    ["Asana 429", asana(429, 7), { kind: "UPSTREAM_RUNTIME_RATE_LIMIT", canRetry: true, statusCode: 429 }],
    ["Asana 500", asana(500), { kind: "UPSTREAM_RUNTIME_SERVER_ERROR", canRetry: true, statusCode: 500 }],
    ["Asana 503", asana(503), { kind: "UPSTREAM_RUNTIME_SERVER_ERROR", canRetry: true, statusCode: 503 }],
    [
      "a create Asana answered 500 (it may have been made)",
      new AsanaApiError(500, "POST", "/tasks", "Server Error"),
      { kind: "UPSTREAM_RUNTIME_SERVER_ERROR", canRetry: false, statusCode: 500 },
    ],
    [
      "a create whose answer was lost",
      new AsanaNetworkError("POST", "/tasks", "ECONNRESET", false),
      { kind: "NETWORK_TRANSPORT_RUNTIME_TIMEOUT", canRetry: false },
    ],
    [
      "Asana timed out",
      new AsanaNetworkError("GET", "/tasks/1", "UND_ERR_HEADERS_TIMEOUT", true),
      { kind: "NETWORK_TRANSPORT_RUNTIME_TIMEOUT", canRetry: true },
    ],
    ["Asana unreachable", new AsanaNetworkError("GET", "/tasks/1", "ECONNREFUSED", false), { kind: "NETWORK_TRANSPORT_RUNTIME_UNREACHABLE", canRetry: true }],
    ["the call was cancelled", new AsanaRequestAbortedError("GET", "/tasks/1"), { kind: "TOOL_RUNTIME_FATAL", canRetry: false }],
    [
      "authorization pending",
      new AuthorizationRequiredError("https://arcade.test/a", "ar_1", "asana"),
      { kind: "TOOL_RUNTIME_CONTEXT_REQUIRED", canRetry: true },
    ],
    ["no credentials", new MissingCredentialsError("set ASANA_ACCESS_TOKEN"), { kind: "TOOL_RUNTIME_CONTEXT_REQUIRED", canRetry: false }],
    ["Arcade unreachable", new TokenServiceUnavailableError("Could not reach Arcade"), { kind: "TOOL_RUNTIME_CONTEXT_REQUIRED", canRetry: true }],
    ["a bug", new Error("boom"), { kind: "UNKNOWN", canRetry: false }],
  ];
  for (const [name, error, expected] of rows) {
    test(name, () => {
      const report = describeToolError(error, context);
      expect({ kind: report.kind, canRetry: report.canRetry, ...(report.statusCode !== undefined ? { statusCode: report.statusCode } : {}) }).toEqual(expected);
    });
  }

  test("a rate limit carries retry_after_ms from Asana's Retry-After", () => {
    expect(describeToolError(asana(429, 7), context).retryAfterMs).toBe(7000);
  });
});
