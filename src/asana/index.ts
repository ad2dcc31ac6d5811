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
export { LookupCache, LookupFacts } from "./lookup-cache.js";
export type { LookupCacheOptions } from "./lookup-cache.js";
export { StorageDownloader } from "./storage-download.js";
export type { StorageDownload, StorageDownloaderOptions, StorageProblem } from "./storage-download.js";
export { defaultMaxFileBytes, isAsanaStorageUrl } from "./storage-hosts.js";
export { loadFormData } from "./undici-parts.js";
