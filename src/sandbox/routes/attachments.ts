import { AsanaFailure, badRequest, data, mustGet, notFound, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";
import type { StoredObject } from "../store.js";
import { storedBytes } from "../storage.js";

/** "The 100MB size limit on attachments in Asana is enforced on this endpoint" (createAttachmentForObject). */
export const asanaAttachmentLimitBytes = 100 * 1024 * 1024;

// getAttachmentsForObject: "There are three possible `parent` values for this request: `project`, `project_brief`, and `task`."
const attachmentParentTypes = new Set<StoredObject["resource_type"]>(["task", "project", "project_brief"]);

/** Asana asks clients to URL-encode non-ASCII file names in Content-Disposition, and decodes them. */
function decodedFileName(filename: string): string {
  try {
    return decodeURIComponent(filename);
  } catch {
    return filename;
  }
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

function parentOf(request: EmulatorRequest, gid: string | undefined): StoredObject {
  if (!gid) throw badRequest("parent: Missing input");
  if (!/^\d+$/.test(gid)) throw badRequest(`parent: Not a valid gid: ${gid}`);
  const parent = request.store.get(gid);
  if (!parent || !attachmentParentTypes.has(parent.resource_type)) throw notFound(`parent: Unknown object: ${gid}`);
  return parent;
}

/**
 * `POST /attachments` (multipart): an uploaded `file` part (subtype `asana`), or
 * `resource_subtype=external` with `url` and `name`. Answers 200, as the document declares.
 */
function createAttachment(request: EmulatorRequest) {
  if (!request.form) throw badRequest("Request must be multipart/form-data with a parent and a file or an external url.");
  const { fields, files } = request.form;
  const parent = parentOf(request, fields.parent);
  const subtype = fields.resource_subtype ?? "asana";
  if (subtype !== "asana" && subtype !== "external") {
    throw badRequest(`resource_subtype: Invalid value: ${subtype}. Must be asana or external.`);
  }
  const createdAt = request.store.now();
  let attachment: StoredObject;
  if (subtype === "external") {
    if (!fields.url) throw badRequest("url: Missing input");
    if (!fields.name) throw badRequest("name: Missing input");
    if (!isWebUrl(fields.url)) throw badRequest(`url: Invalid URL: ${fields.url}`);
    attachment = request.store.insert({
      resource_type: "attachment",
      name: fields.name,
      resource_subtype: "external",
      host: "external",
      parent: parent.gid,
      created_at: createdAt,
      download_url: fields.url,
      permanent_url: null,
      view_url: fields.url,
      connected_to_app: false,
    });
  } else {
    const file = files.file;
    if (!file) throw badRequest("file: Missing input. Upload the file as a multipart part named file, or set resource_subtype=external with a url.");
    if (file.size > asanaAttachmentLimitBytes) {
      throw new AsanaFailure(400, `file: File is too large (${file.size} bytes); attachments are limited to 100MB.`);
    }
    attachment = request.store.insert({
      resource_type: "attachment",
      name: fields.name || decodedFileName(file.filename),
      resource_subtype: "asana",
      host: "asana",
      parent: parent.gid,
      created_at: createdAt,
      size: file.size,
      // Signed afresh on every read (see withFreshLink): Asana's links expire in about two minutes.
      download_url: null,
      permanent_url: null,
      view_url: null,
      _content_type: file.contentType,
      _bytes: file.bytes,
    });
    const assetUrl = `https://app.asana.com/app/asana/-/get_asset?asset_id=${attachment.gid}`;
    Object.assign(attachment, { permanent_url: assetUrl, view_url: assetUrl });
  }
  return data(project(request.store, withFreshLink(request, attachment, false), request.optFields ?? ["name", "resource_subtype"]));
}

/**
 * A file stored in the emulated Asana, with a download link signed now, when the answer shows the link:
 * a full record shows it, a list only when opt_fields names it.
 */
function withFreshLink(request: EmulatorRequest, attachment: StoredObject, fullRecord = true): StoredObject {
  const asked = request.optFields === undefined ? fullRecord : request.optFields.includes("download_url");
  if (!asked || storedBytes(attachment) === undefined) return attachment;
  return { ...attachment, download_url: request.services.storage.signedUrl(attachment) };
}

export const attachmentRoutes: EmulatorRoute[] = [
  {
    method: "POST",
    path: "/attachments",
    handle: createAttachment,
  },
  {
    method: "GET",
    path: "/attachments",
    handle: (request) => {
      const parent = parentOf(request, request.query.parent);
      return listResponse(
        request,
        request.store.all("attachment", (a) => a.parent === parent.gid).map((attachment) => withFreshLink(request, attachment, false)),
      );
    },
  },
  {
    method: "GET",
    path: "/attachments/{attachment_gid}",
    // The full record (download_url, view_url, host, size, parent, …) unless opt_fields narrows it.
    handle: (request) =>
      data(project(request.store, withFreshLink(request, mustGet(request, request.params.attachment_gid, "attachment", "attachment")), request.optFields)),
  },
  {
    method: "DELETE",
    path: "/attachments/{attachment_gid}",
    handle: (request) => {
      request.store.delete(mustGet(request, request.params.attachment_gid, "attachment", "attachment").gid);
      return data({});
    },
  },
];
