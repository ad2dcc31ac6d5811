export { createJobTasks, defaultTaskTtlMs, pollIntervalFor, TaskRefused } from "./job-tasks.js";
export type { JobTaskOptions, JobTasks, TaskState, TaskView } from "./job-tasks.js";
export { createTaskIdSealer, processTaskSecret } from "./task-ids.js";
export type { TaskClaims, TaskIdSealer } from "./task-ids.js";
export { offerJobTasks, TaskAwareServer, taskCapabilities, tasksExtension, withTaskSupport } from "./task-protocol.js";
export type { TaskProtocol, TaskProtocolOptions } from "./task-protocol.js";
