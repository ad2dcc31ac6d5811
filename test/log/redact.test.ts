import { afterEach, describe, expect, test } from "vitest";
import { createLogger, forgetHeldSecrets, holdSecret, redactSecrets, sanitizeOutsideText } from "../../src/log/index.js";
import { leakedSecrets, plantedCredentials } from "../support/credential-shapes.js";

afterEach(forgetHeldSecrets);

describe("redactSecrets", () => {
  test.each(plantedCredentials.map((c) => [c.name, c] as const))("blanks %s", (_name, planted) => {
    const redacted = redactSecrets(planted.text);
    expect(redacted).not.toContain(planted.secret);
    expect(redacted).toContain("[redacted]");
  });

  test("blanks every shape when several share one message", () => {
    const text = plantedCredentials.map((c) => c.text).join(" / ");
    expect(leakedSecrets(redactSecrets(text))).toEqual([]);
  });

  test("keeps the words around a credential", () => {
    expect(redactSecrets("Authorization: Bearer 9f8e7d6c5b4a3928170f6e5d was refused")).toBe("Authorization: Bearer [redacted] was refused");
    expect(redactSecrets("access_token=abc123DEF456ghi789JKL&x=1")).toBe("access_token=[redacted]&x=1");
    expect(redactSecrets('"api_key": "9f8e7d6c5b4a39281706f5e4"')).toBe('"api_key": "[redacted]"');
  });

  test("a signed download link keeps its host and path, and loses its whole query", () => {
    expect(redactSecrets("fetch https://asanausercontent.com/us1/assets/1/2/abc?e=1787810344&v=0&t=2WQesJfH96MQmAQ-EqGU failed")).toBe(
      "fetch https://asanausercontent.com/us1/assets/1/2/abc?[redacted] failed",
    );
    expect(redactSecrets("http://127.0.0.1:40123/storage/assets/1201/9f8e?e=1787810344&v=0&t=c2lnbmF0dXJl")).toBe(
      "http://127.0.0.1:40123/storage/assets/1201/9f8e?[redacted]",
    );
    expect(redactSecrets('"https://b.s3.amazonaws.com/k?X-Amz-Date=20261207T101010Z&X-Amz-Expires=120&X-Amz-Signature=0d7d7e60"')).toBe(
      '"https://b.s3.amazonaws.com/k?[redacted]"',
    );
    // An ordinary link with a query stays as it is.
    expect(redactSecrets("see https://app.asana.com/0/123/456?focus=true")).toBe("see https://app.asana.com/0/123/456?focus=true");
  });

  test("leaves ordinary Asana messages alone", () => {
    for (const text of [
      "opt_fields: Not a recognized key: bogus_field",
      "task: Unknown object: 1204567890123456",
      "The token for this workspace must be refreshed",
      "Invalid key: workspace",
      "due_on: Invalid date: July 1",
      "Rate limited; see https://developers.asana.com/docs/rate-limits",
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  test("blanks the exact credentials this process holds, whatever their shape", () => {
    const plainToken = "plainTokenWithNoKnownShape";
    expect(redactSecrets(`echoed ${plainToken} back`)).toContain(plainToken);
    holdSecret(plainToken);
    expect(redactSecrets(`echoed ${plainToken} back, twice: ${plainToken}`)).toBe("echoed [redacted] back, twice: [redacted]");
    // Too short to hold: it would blank ordinary words.
    holdSecret("abc");
    expect(redactSecrets("abc def")).toBe("abc def");
  });

  test("outside text loses its control characters and terminal escapes, and its credentials", () => {
    expect(sanitizeOutsideText("\u001b[31mred\u001b[0m\u0007 and Bearer 9f8e7d6c5b4a3928170f6e5d\nnext line")).toBe("red and Bearer [redacted]\nnext line");
  });

  test("the logger redacts what it writes and what it forwards", () => {
    const lines: string[] = [];
    const forwarded: string[] = [];
    const logger = createLogger({ level: "debug", write: (line) => lines.push(line) });
    logger.forward?.((record) => forwarded.push(JSON.stringify(record)));
    for (const planted of plantedCredentials) logger.warn(`upstream said ${planted.text}`, { detail: planted.text });
    expect(leakedSecrets(lines.join("\n"))).toEqual([]);
    expect(leakedSecrets(forwarded.join("\n"))).toEqual([]);
  });
});
