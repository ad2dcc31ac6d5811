import { describe, expect, test } from "vitest";
import { readResumeToken, resumeToken } from "../../src/toolkit/resume-token.js";

/** A cut page hands back Asana's cursor plus the items already shown; Asana's own cursors pass through untouched. */
describe("resume tokens", () => {
  test("round-trip Asana's cursor and the items to skip, from the first page or a later one", () => {
    expect(readResumeToken(resumeToken(undefined, 7))).toEqual({ cursor: undefined, skip: 7 });
    const offset = "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9.eyJib3JkZXJfcmFuayI6IltcIjE";
    expect(readResumeToken(resumeToken(offset, 42))).toEqual({ cursor: offset, skip: 42 });
  });

  test("with nothing to skip, a later page's token is Asana's own cursor", () => {
    expect(resumeToken("de4774f6915eae04714ca93bb2f5ee81", 0)).toBe("de4774f6915eae04714ca93bb2f5ee81");
  });

  test("Asana's cursors and tokens that only look like ours are taken as Asana's", () => {
    for (const token of ["de4774f6915eae04714ca93bb2f5ee81", "eyJ0eXAi.eyJib3Jk", "~99999~abc", "~x~abc"]) {
      expect(readResumeToken(token)).toEqual({ cursor: token, skip: 0 });
    }
  });
});
