import { describe, expect, test } from "vitest";
import { AsanaApiError } from "../../src/asana/index.js";
import { addErrorNote, describeToolError } from "../../src/toolkit/index.js";

const context = { toolName: "Asana_GetTaskById" };

describe("the one error formatter", () => {
  test("credentials in Asana's text never reach the model", () => {
    const error = new AsanaApiError(
      400,
      "GET",
      "/tasks/1",
      "Bad header: Authorization: Bearer 2/1204567890123/1209876543210:0123456789abcdef0123",
      "token=abc123DEF456ghi789JKL",
    );
    const report = describeToolError(error, context);
    expect(report.message).not.toMatch(/0123456789abcdef|abc123DEF456/);
    expect(report.message).toContain("Bearer [redacted]");
    expect(report.developerMessage ?? "").not.toMatch(/0123456789abcdef/);
  });

  test("Retry-After: 0 at the end of a storm still says to wait, never 'wait 0 s'", () => {
    const report = describeToolError(new AsanaApiError(429, "GET", "/tasks/1", "Too many requests", undefined, undefined, 0), context);
    expect(report.message).toContain("Wait 1 s");
    expect(report.retryAfterMs).toBe(1000);
  });

  test("a Retry-After of 1e9 s is not passed on: the wait is capped at an hour, and the message says so", () => {
    for (const status of [429, 503]) {
      const report = describeToolError(new AsanaApiError(status, "GET", "/tasks/1", "Slow down", undefined, undefined, 1e9), context);
      expect(report.message).not.toContain("1000000000");
      expect(report.retryAfterMs).toBe(3_600_000);
      expect(report.message).toContain("an hour");
    }
    expect(describeToolError(new AsanaApiError(429, "GET", "/tasks/1", "Slow down", undefined, undefined, 1e9), context).message).toContain("Wait 3600 s");
  });

  test("no report grows past 2 KB, whatever was echoed or noted", () => {
    const error = addErrorNote(new AsanaApiError(404, "GET", "/tasks/1", "x".repeat(5_000)), "y".repeat(5_000));
    const report = describeToolError(error, { ...context, hints: { 404: "z".repeat(5_000) } });
    expect(report.message.length).toBeLessThanOrEqual(2000);
  });
});
