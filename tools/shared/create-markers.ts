import { AsanaApiError, type AsanaSession } from "../../src/asana/index.js";
import type { CreateMarker } from "../../src/toolkit/index.js";

/**
 * A create's marker in the notes (or description) of what it makes, for tokens that have no external
 * data (see CreateMarker): put at the end of the text the create sends, looked for in the same text by
 * the narrow search that follows a lost answer, and taken out again by writing the text as asked.
 */

/** Plain-text notes with the call's marker after them; without a marker, the notes as given. */
export function markedNotes(notes: string | undefined, marker: CreateMarker | undefined): string | undefined {
  if (!marker) return notes;
  marker.place("notes");
  return notes ? `${notes}\n\n${marker.text}` : marker.text;
}

/** Rich-text notes (`<body>…</body>`) with the marker as the body's last line: plain text, valid in any body. */
export function markedHtmlNotes(html: string, marker: CreateMarker | undefined): string {
  if (!marker) return html;
  const at = html.lastIndexOf("</body>");
  if (at < 0) return html;
  marker.place("notes");
  return `${html.slice(0, at)}\n${marker.text}</body>`;
}

/** The notes fields a create sends (`notes` or `html_notes`), marked in whichever it has. */
export function markedNotesFields(
  fields: { notes?: string | undefined; html_notes?: string | undefined },
  marker: CreateMarker | undefined,
): Record<string, string> {
  if (typeof fields.html_notes === "string") return { html_notes: markedHtmlNotes(fields.html_notes, marker) };
  const notes = markedNotes(fields.notes, marker);
  return notes === undefined ? {} : { notes };
}

/** True when this text carries the call's marker: the object is this call's, whatever its name. */
export function carriesMarker(text: string | null | undefined, marker: CreateMarker): boolean {
  return typeof text === "string" && text.includes(marker.text);
}

/** What taking the marker out gave: the object as it now stands, or a sentence on why it still carries the marker. */
export type MarkerRemoval<T> = { raw: T; note?: undefined } | { raw?: undefined; note: string };

/**
 * Writes the text as asked (an empty text where none was), so the marker is gone; repeatable, so the
 * client sends it again after a lost answer. A failure here is not the create's: the object exists, and
 * the caller hears that its text still ends with the marker, rather than an error that invites a second create.
 */
export async function takeOutMarker<T>(
  asana: AsanaSession,
  path: string,
  asked: Record<string, string | undefined>,
  field: string,
  marker: CreateMarker | undefined,
  optFields: readonly string[],
): Promise<MarkerRemoval<T> | undefined> {
  if (marker?.placed !== "notes") return undefined;
  const body = Object.values(asked).some((value) => value !== undefined)
    ? Object.fromEntries(Object.entries(asked).filter(([, value]) => value !== undefined))
    : { [field]: "" };
  try {
    const raw = await asana.put<T>(path, body, { optFields });
    marker.takenOut();
    return { raw };
  } catch {
    return { note: `its ${field} still end with ${marker.text} (put there to find it if Asana's answer was lost): set them again to take it out` };
  }
}

/**
 * Sends a create with the call's marker in the object's external data where the token is an OAuth app's, else at
 * the end of its notes. Asana refuses external data from a token it does not take for an OAuth app's with a 400
 * naming `external`, before it makes anything; the create then goes once more with the marker in the notes.
 */
export async function sendMarked<T>(
  notes: { notes?: string | undefined; html_notes?: string | undefined },
  marker: CreateMarker | undefined,
  send: (fields: Record<string, unknown>) => Promise<T>,
): Promise<T> {
  if (marker?.externalData) {
    marker.place("external");
    try {
      return await send({ ...notes, external: { gid: marker.id } });
    } catch (error) {
      if (!(error instanceof AsanaApiError && error.status === 400 && /\bexternal\b/i.test(error.asanaMessage))) throw error;
    }
  }
  return send(markedNotesFields(notes, marker));
}
