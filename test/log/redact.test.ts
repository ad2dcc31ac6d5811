import { describe, expect, test } from "vitest";
import { createLogger, redactSecrets } from "../../src/log/index.js";

describe("redactSecrets", () => {
  test("blanks bearer tokens, JWTs, Asana and Arcade tokens, common API keys and labelled secrets", () => {
    const cases: Array<[string, string]> = [
      ["Authorization: Bearer 2/1204567890123/1209876543210:0123456789abcdef0123 was refused", "Authorization: Bearer [redacted] was refused"],
      ["token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl expired", "token [redacted] expired"],
      ["pat 1/1204567890123:0123456789abcdef0123456789abcdef", "pat [redacted]"],
      ["key arc_live_ABCdef0123456789", "key [redacted]"],
      ["uses sk-proj_ABCDEFGHIJKLMNOP here", "uses [redacted] here"],
      ["access_token=abc123DEF456ghi789JKL&x=1", "access_token=[redacted]&x=1"],
      ['"api_key": "9f8e7d6c5b4a39281706f5e4"', '"api_key": "[redacted]"'],
    ];
    for (const [input, expected] of cases) expect(redactSecrets(input)).toBe(expected);
  });

  test("leaves ordinary Asana messages alone", () => {
    for (const text of [
      "opt_fields: Not a recognized key: bogus_field",
      "task: Unknown object: 1204567890123456",
      "The token for this workspace must be refreshed",
      "Invalid key: workspace",
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  test("the logger redacts what it writes", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "debug", write: (line) => lines.push(line) });
    logger.warn("upstream said Bearer abc.def.ghi-123", { detail: "refresh_token=zz9plural0alpha1234" });
    expect(lines.join("\n")).not.toMatch(/abc\.def|zz9plural/);
  });
});
