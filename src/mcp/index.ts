export { buildToolCatalog, createMcpCatalogs, modelViewBytes } from "./tool-catalog.js";
export type { McpCatalogs, McpToolCatalog } from "./tool-catalog.js";
export { createMcpServer } from "./server.js";
export type { McpServerOptions } from "./server.js";
export { createMcpHttpRoute, readOnlyHeader, selectionOfRequest, toolsetsHeader } from "./http.js";
export type { McpHttpRouteOptions } from "./http.js";
export { createFrontDoorAuthenticator } from "./front-door-auth.js";
export type { FrontDoorAuthOptions, FrontDoorAuthenticator, FrontDoorVerdict } from "./front-door-auth.js";
