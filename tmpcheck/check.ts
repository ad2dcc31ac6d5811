import { jobOptFields } from "../tools/shared/jobs.js";
import { projectOptFields } from "../tools/projects/model.js";
import { portfolioOptFields, portfolioSummaryOptFields, portfolioItemOptFields } from "../tools/portfolios/model.js";
import { statusUpdateOptFields } from "../tools/status/model.js";
import { goalOptFields, goalSummaryOptFields } from "../tools/goals/model.js";
import { timeEntryOptFields } from "../tools/time/model.js";
import { taskSummaryOptFields } from "../tools/tasks/model.js";
const w = ["name", "due_on", "due_at", "projects.name", "permalink_url"];
const checks: [string, readonly string[]][] = [
  ["GET /jobs/{job_gid}", jobOptFields], ["POST /projects/{project_gid}/duplicate", jobOptFields], ["POST /tasks/{task_gid}/duplicate", jobOptFields],
  ["POST /projects", projectOptFields], ["POST /teams/{team_gid}/projects", projectOptFields], ["PUT /projects/{project_gid}", projectOptFields], ["GET /projects/{project_gid}", projectOptFields],
  ["POST /projects/{project_gid}/addMembers", ["name", "members.name"]], ["POST /projects/{project_gid}/removeMembers", ["name", "members.name"]],
  ["GET /projects/{project_gid}/task_counts", ["num_tasks"]], ["GET /projects", ["name", "created_at"]], ["GET /projects/{project_gid}", ["name"]],
  ["GET /projects/{project_gid}/sections", ["name"]], ["PUT /sections/{section_gid}", ["name"]], ["POST /projects/{project_gid}/sections", ["name"]],
  ["GET /tasks", w], ["GET /tasks/{task_gid}", taskSummaryOptFields], ["GET /users/{user_gid}", ["name"]],
  ["GET /portfolios", portfolioSummaryOptFields], ["GET /portfolios/{portfolio_gid}", portfolioOptFields], ["GET /portfolios/{portfolio_gid}/items", portfolioItemOptFields],
  ["GET /status_updates", statusUpdateOptFields], ["GET /status_updates/{status_update_gid}", statusUpdateOptFields], ["POST /status_updates", statusUpdateOptFields],
  ["GET /goals", goalSummaryOptFields], ["GET /goals/{goal_gid}", goalOptFields], ["PUT /goals/{goal_gid}", goalOptFields], ["POST /goals/{goal_gid}/setMetricCurrentValue", goalOptFields],
  ["GET /tasks/{task_gid}/time_tracking_entries", timeEntryOptFields], ["POST /tasks/{task_gid}/time_tracking_entries", timeEntryOptFields], ["GET /tasks/{task_gid}/time_tracking_entries", [...timeEntryOptFields, "created_at"]],
  ["GET /users/{user_gid}", ["name"]],
];
console.log(JSON.stringify(checks));
