export { buildToolCatalog, createMcpCatalogs, modelViewBytes } from "./tool-catalog.js";
export type { McpCatalogs, McpToolCatalog } from "./tool-catalog.js";
export { createMcpServer } from "./server.js";
export type { LoadedToolkit, McpServerOptions } from "./server.js";
export { LineLimitedStdioTransport } from "./stdio-transport.js";
export type { StdioTransportOptions } from "./stdio-transport.js";
