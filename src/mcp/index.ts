export { buildToolCatalog, createMcpCatalogs, modelViewBytes } from "./tool-catalog.js";
export type { McpCatalogs, McpToolCatalog } from "./tool-catalog.js";
export { createMcpServer, toolRunner } from "./server.js";
export { createResourceWatcher } from "./resource-watch.js";
export { watchListenedResources } from "./listen-tap.js";
export type { LoadedToolkit, McpServerOptions, McpServerRequest } from "./server.js";
export { discoveryToolCount } from "./toolset-discovery.js";
export { LineLimitedStdioTransport } from "./stdio-transport.js";
export type { StdioTransportOptions } from "./stdio-transport.js";
