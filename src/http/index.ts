export { startHttpServer } from "./server.js";
export type { HttpRoute, HttpServerOptions, RunningHttpServer } from "./server.js";
export { BodyTooLargeError, bearerTokenOf, readBody, readJsonBody, sendJson, sendJsonRpcError } from "./json.js";
export { checksHostHeaders, isLoopbackHost } from "./hosts.js";
export { createClientAddresses, type ClientAddresses } from "./client-address.js";
