export { createMcpHttpRoute, readOnlyHeader, selectionOfRequest, toolsetsHeader } from "./route.js";
export type { McpHttpRouteOptions } from "./route.js";
export { createFrontDoorAuthenticator } from "./front-door-auth.js";
export type { FrontDoorAuthOptions, FrontDoorAuthenticator, FrontDoorVerdict } from "./front-door-auth.js";
