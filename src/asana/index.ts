export { AsanaClient, AsanaSession, asanaPath, defaultAsanaBaseUrl } from "./client.js";
export type { AsanaClientOptions, AsanaPage, AsanaPageRequest, AsanaRequestOptions, QueryValue } from "./client.js";
export { AsanaApiError, AsanaNetworkError, AsanaRequestAbortedError, mayHaveTakenEffect } from "./errors.js";
