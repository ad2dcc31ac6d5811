import type { AnyToolDefinition } from "../src/toolkit/index.js";
import { commentTools } from "./comments.js";
import { projectTools } from "./projects.js";
import { sectionTools } from "./sections.js";
import { tagTools } from "./tags.js";
import { taskTools } from "./tasks.js";
import { teamTools } from "./teams.js";
import { userTools } from "./users.js";
import { workspaceTools } from "./workspaces.js";

/**
 * The whole Asana toolkit, grouped by resource in Arcade's order, with the tools Arcade lacks
 * (sections, comments) after the tasks they act on; clients list tools in this order.
 */
export const asanaToolkit: readonly AnyToolDefinition[] = [
  ...projectTools,
  ...tagTools,
  ...taskTools,
  ...sectionTools,
  ...commentTools,
  ...userTools,
  ...workspaceTools,
  ...teamTools,
];
