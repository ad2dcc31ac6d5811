export { createWorkerRoutes } from "./routes.js";
export type { WorkerError, WorkerRoutesOptions } from "./routes.js";
export { toWorkerDefinition, workerToolkitName } from "./definitions.js";
export type { WorkerToolDefinition, WorkerToolkitIdentity, WorkerValueSchema } from "./definitions.js";
export { toValueSchema } from "./value-schema.js";
export { verifyEngineToken } from "./engine-jwt.js";
export { recommendedSecretLength, workerSecretWarnings } from "./secret.js";
