import type { EmulatorRoute } from "../http-kit.js";
import { agentRoutes } from "./agents.js";
import { customFieldDefinitionRoutes } from "./custom-field-definitions.js";
import { projectFollowerRoutes } from "./project-followers.js";
import { attachmentRoutes } from "./attachments.js";
import { batchRoutes } from "./batch.js";
import { customFieldRoutes } from "./custom-fields.js";
import { dependencyRoutes } from "./dependencies.js";
import { eventRoutes } from "./events.js";
import { jobRoutes } from "./jobs.js";
import { myTasksRoutes } from "./my-tasks.js";
import { goalRoutes } from "./goals.js";
import { portfolioRoutes } from "./portfolios.js";
import { statusUpdateRoutes } from "./status-updates.js";
import { projectStatusRoutes } from "./project-statuses.js";
import { timeTrackingRoutes } from "./time-tracking.js";
import { projectRoutes } from "./projects.js";
import { searchRoutes } from "./search.js";
import { sectionRoutes } from "./sections.js";
import { storyRoutes } from "./stories.js";
import { tagRoutes } from "./tags.js";
import { templateRoutes } from "./templates.js";
import { taskRoutes } from "./tasks.js";
import { teamRoutes } from "./teams.js";
import { typeaheadRoutes } from "./typeahead.js";
import { userRoutes } from "./users.js";
import { workspaceRoutes } from "./workspaces.js";

/** Every route the emulator answers, each written from Asana's OpenAPI document. */
export const allRoutes: readonly EmulatorRoute[] = [
  ...workspaceRoutes,
  ...batchRoutes,
  ...eventRoutes,
  ...userRoutes,
  ...teamRoutes,
  ...projectRoutes,
  ...tagRoutes,
  ...searchRoutes,
  ...typeaheadRoutes,
  ...attachmentRoutes,
  ...sectionRoutes,
  ...storyRoutes,
  ...customFieldRoutes,
  ...dependencyRoutes,
  ...myTasksRoutes,
  ...jobRoutes,
  ...templateRoutes,
  ...statusUpdateRoutes,
  ...projectStatusRoutes,
  ...portfolioRoutes,
  ...goalRoutes,
  ...timeTrackingRoutes,
  ...agentRoutes,
  ...customFieldDefinitionRoutes,
  ...projectFollowerRoutes,
  ...taskRoutes,
];
