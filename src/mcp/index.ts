export { buildToolCatalog, mcpToolName } from "./tool-catalog.js";
export type { McpToolCatalog } from "./tool-catalog.js";
export { createMcpServer } from "./server.js";
export type { McpServerOptions } from "./server.js";
export { checksHostHeaders, startHttpFrontDoor } from "./http.js";
export type { HttpFrontDoorOptions, HttpRouteHandler, RunningHttpServer } from "./http.js";
export { createFrontDoorAuthenticator } from "./front-door-auth.js";
export type { FrontDoorAuthOptions, FrontDoorAuthenticator, FrontDoorVerdict } from "./front-door-auth.js";
