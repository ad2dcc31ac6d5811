export { AsanaClient, AsanaSession, asanaPath, defaultAsanaBaseUrl, maxBatchActions, SharedReads } from "./client.js";
export type {
  AsanaBatchRead,
  AsanaBatchResult,
  AsanaClientOptions,
  AsanaPage,
  AsanaPageRequest,
  AsanaRequestOptions,
  CompletedWrite,
  QueryValue,
} from "./client.js";
export { AsanaApiError, AsanaNetworkError, AsanaRequestAbortedError, mayHaveTakenEffect } from "./errors.js";
