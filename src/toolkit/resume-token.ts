/**
 * A place inside a page: Asana's own cursor (a page's `offset`, an events `sync` token) plus how many
 * items of that page an earlier answer already showed. A cut answer hands it back as the list's next
 * token, so the next call reads the same Asana page again and starts exactly where the answer stopped,
 * even mid-page. Asana's cursors are base64url text with dots (offsets) or hex (sync tokens), so a
 * leading "~" can only be ours.
 */
const resumePattern = /^~(\d{1,4})~([\s\S]*)$/;

/** Asana pages hold at most 100 items (events too); a skip past that is not a token of ours. */
const maxSkip = 1000;

/** The token that resumes `skip` items into the page that `cursor` reads (the first page when undefined). */
export function resumeToken(cursor: string | undefined, skip: number): string {
  if (skip <= 0 && cursor !== undefined) return cursor;
  return `~${Math.max(0, skip)}~${cursor ?? ""}`;
}

/** Asana's cursor and the items to skip, from a token this server or Asana handed out. */
export function readResumeToken(token: string): { cursor: string | undefined; skip: number } {
  const match = resumePattern.exec(token);
  const skip = match ? Number(match[1]) : 0;
  if (!match || skip > maxSkip) return { cursor: token, skip: 0 };
  return { cursor: match[2] ? match[2] : undefined, skip };
}
