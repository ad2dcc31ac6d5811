export { buildToolCatalog, createMcpCatalogs, modelViewBytes } from "./tool-catalog.js";
export type { McpCatalogs, McpToolCatalog } from "./tool-catalog.js";
export { createMcpServer } from "./server.js";
export type { LoadedToolkit, McpServerOptions, McpServerRequest } from "./server.js";
export { discoveryToolCount } from "./toolset-discovery.js";
export { LineLimitedStdioTransport } from "./stdio-transport.js";
export type { StdioTransportOptions } from "./stdio-transport.js";
