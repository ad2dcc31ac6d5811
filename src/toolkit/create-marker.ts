import { randomBytes } from "node:crypto";

/** Where a create put its marker: a task's external data (OAuth apps), or the object's own notes. */
export type MarkerPlace = "external" | "notes";

const alphabet = "abcdefghijklmnopqrstuvwxyz234567";

/**
 * A tag unique to one call of a create tool, put on what the call makes, so that when Asana's answer is
 * lost (or is a 5xx after the work) the object is found again by the tag: exactly this call's object,
 * never one of the same name that someone else made meanwhile.
 *
 * Asana offers a place for it on some objects only:
 * - a task's `external` data, for OAuth apps (Asana's document marks it "OAuth Required"): invisible in
 *   Asana's web app and to every other app, and a task can be read by it (`/tasks/external:<id>`);
 * - the notes or description of a task, project, tag, goal, custom field or time entry, where writing
 *   the notes as asked once the answer is in takes the marker out again, exactly.
 * Sections, attachments, portfolios, comments and status updates have no such place (no notes, or none
 * that can be edited without a trace), and a duplication's or a template's job cannot be listed: those
 * tools keep looking for a lost create by its name, only among objects made during the call.
 */
export class CreateMarker {
  /** `asana-mcp-` and 20 letters and digits (100 random bits); an item's adds `.<index>`. */
  readonly id: string;
  /** True when this call's Asana token is an OAuth app's, so a task's external data can carry the marker. */
  readonly externalData: boolean;
  #placed: MarkerPlace | undefined;
  readonly #items = new Map<number, CreateMarker>();

  constructor(id: string, externalData: boolean) {
    this.id = id;
    this.externalData = externalData;
  }

  static fresh(externalData: boolean): CreateMarker {
    const bytes = randomBytes(20);
    let id = "asana-mcp-";
    for (const byte of bytes) id += alphabet[byte & 31];
    return new CreateMarker(id, externalData);
  }

  /** The marker as it stands in notes: bracketed, so one marker is never read inside a longer one. */
  get text(): string {
    return `[${this.id}]`;
  }

  /** Where the create put the marker; undefined when it carried none (then only a name can be looked for). */
  get placed(): MarkerPlace | undefined {
    return this.#placed;
  }

  /** Called by the tool when its create request carries the marker. */
  place(where: MarkerPlace): void {
    this.#placed = where;
  }

  /** The marker was taken out again (the answer is in): nothing is left to find by it. */
  takenOut(): void {
    this.#placed = undefined;
  }

  /** The marker of item `index` of a call that makes several things (CreateTasks' tasks[3]): its own. */
  item(index: number): CreateMarker {
    let item = this.#items.get(index);
    if (!item) {
      item = new CreateMarker(`${this.id}.${index}`, this.externalData);
      this.#items.set(index, item);
    }
    return item;
  }
}

/**
 * For a create whose outcome stayed unknown: how to tell this call's object from any other, when its
 * marker is in the notes (a task's external data is not shown to people, so it has no such advice).
 */
export function unknownOutcomeNote(marker: CreateMarker | undefined): string | undefined {
  if (marker?.placed !== "notes") return undefined;
  return `If Asana made it, its notes (description) end with ${marker.text}: that one is this call's, and setting its notes again takes the marker out.`;
}
