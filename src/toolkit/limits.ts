/**
 * Size limits that tools and front doors must agree on. They live here, not in one tool or one
 * front door, so raising the upload limit raises what /mcp and the worker accept with it.
 */

/**
 * Our cap on file content uploaded by AttachFileToTask, measured on the decoded bytes. Asana allows
 * 100 MB, but the content arrives inside a tool call written by a model: 10 MB is already ~13.4 MB of
 * base64 text. Larger files belong behind a link or in Asana's own uploader.
 */
export const maxUploadBytes = 10 * 1024 * 1024;

/**
 * The largest tool call a front door accepts: the biggest upload as base64 (4 bytes per 3) plus room
 * for the JSON-RPC or worker envelope and the other arguments.
 */
export const maxToolCallBytes = Math.ceil((maxUploadBytes * 4) / 3) + 2 * 1024 * 1024;
