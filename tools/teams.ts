import type { AnyToolDefinition } from "../src/toolkit/index.js";

export const teamTools: AnyToolDefinition[] = [];
