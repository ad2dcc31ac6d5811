import type { AnyToolDefinition } from "../src/toolkit/index.js";
import { projectTools } from "./projects.js";
import { tagTools } from "./tags.js";
import { taskTools } from "./tasks.js";
import { teamTools } from "./teams.js";
import { userTools } from "./users.js";
import { workspaceTools } from "./workspaces.js";

/** The whole Asana toolkit, grouped by resource in Arcade's order; clients list tools in this order. */
export const asanaToolkit: readonly AnyToolDefinition[] = [...projectTools, ...tagTools, ...taskTools, ...userTools, ...workspaceTools, ...teamTools];
