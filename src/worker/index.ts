export { createWorkerRoutes } from "./routes.js";
export type { WorkerError, WorkerRoutesOptions } from "./routes.js";
export { toWorkerDefinition, toValueSchema, workerToolkitName } from "./definitions.js";
export type { WorkerToolDefinition, WorkerValueSchema } from "./definitions.js";
export { verifyEngineToken } from "./engine-jwt.js";
