import { expect } from "vitest";

/**
 * What a create sends as notes (or description) with a personal access token: the text asked for,
 * then the call's marker (see CreateMarker), which the create takes out again once Asana answers.
 */
export function markedText(asked?: string): unknown {
  const marker = String.raw`\[asana-mcp-[a-z2-7]{20}\]`;
  const escaped = asked?.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return expect.stringMatching(new RegExp(asked ? `^${escaped}\\n\\n${marker}$` : `^${marker}$`, "s"));
}
