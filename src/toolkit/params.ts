import * as z from "zod";
import { withInstructedNote, withParameterRule } from "./parameter-rules.js";
import { ToolInputError } from "./tool-errors.js";

/**
 * Parameter and output pieces that many tools share, so a rule (what a gid looks like, how limits
 * clamp) is stated once and phrased the same way in every error.
 */

const gidPattern = /^\d{1,32}$/;

/** True for an Asana gid: a string of digits. */
export function isGid(value: string): boolean {
  return gidPattern.test(value);
}

/**
 * Asana gids are strings of digits; a name or URL passed by mistake is caught before any request.
 * The rule and `howToFind` go into the error, not into the schema the model reads in every chat: the
 * parameter's name already says what it is, and the server's instructions say where ids come from.
 */
export function gidParam(resource: string, howToFind: string) {
  return withParameterRule(
    z
      .string({ error: `must be the ${resource}'s Asana id as a string of digits. ${howToFind}` })
      .trim()
      .refine(isGid, { error: `must be the ${resource}'s Asana id, a string of digits such as "1204567890123456". ${howToFind}` }),
    { kind: "gid", resource },
  );
}

/**
 * Text that must not be empty once trimmed, and not longer than `max` (names and the like: 1024, as
 * Asana allows for a text custom field); `rule` and `fix` go into the error. The bound keeps a
 * megabyte of "name" from becoming a megabyte URL or body (and Asana's bare 431 in reply).
 */
export function nonEmptyText(rule: string, fix: string, max = 1024) {
  return withParameterRule(
    z
      .string({ error: `${rule}. ${fix}` })
      .trim()
      .refine((value) => value.length > 0, { error: `must not be empty. ${fix}` })
      .refine((value) => value.length <= max, { error: `must be at most ${max} characters` }),
    { kind: "text", minLength: 1, maxLength: max },
  );
}

/** Any text with an upper bound, checked without adding to the schema every chat reads. */
export function boundedText(what: string, max: number) {
  return withParameterRule(
    z.string({ error: `must be ${what} as text` }).refine((value) => value.length <= max, { error: `must be at most ${max} characters` }),
    { kind: "text", minLength: 0, maxLength: max },
  );
}

/**
 * Long text such as notes, bounded (65536 characters unless said) by a refinement rather than a
 * maxLength in the schema: OpenAI's strict mode does not take that keyword. The bound is recorded for
 * front doors that write it into a description.
 */
export function longText(typeRule: string, max = 65_536) {
  return withParameterRule(
    z.string({ error: typeRule }).refine((value) => value.length <= max, { error: `must be at most ${max} characters` }),
    { kind: "text", minLength: 0, maxLength: max },
  );
}

const emailAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True for what Asana accepts wherever it takes a user: "me", a gid or an email address. */
export function isUserRef(value: string): boolean {
  return value === "me" || isGid(value) || emailAddress.test(value);
}

/**
 * Asana names a user as "me", a gid or an email address wherever it takes one (user paths, assignee,
 * followers, search filters); anything else would be a 400 or a lookup of the wrong thing.
 */
export function userParam(meaning: string, howToFind: string) {
  const rule = `must be a user's Asana id (a string of digits), "me" for the current user, or the user's email address. ${howToFind}`;
  return withParameterRule(
    z
      .string({ error: rule })
      .trim()
      .refine((value) => value.length <= 254 && isUserRef(value), { error: rule }),
    { kind: "user" },
  ).describe(`${meaning}: "me", a user id or an email.`);
}

/** Asana's page size runs from 1 to 100; like Arcade's toolkit, out-of-range values are clamped, not refused. */
export function pageLimitParam(what: string, defaultLimit = 100) {
  const limit = z
    .number({ error: `must be a whole number of ${what} per page (1-100)` })
    .int({ error: `must be a whole number of ${what} per page (1-100)` })
    .default(defaultLimit)
    .transform((value) => Math.min(100, Math.max(1, value)));
  // The range is in the server's instructions (and clamped, never refused), not in each schema.
  return withInstructedNote(limit, "1-100.");
}

export const nextPageTokenParam = nonEmptyText(
  "must be the next_page_token string returned by the previous call",
  "Pass the next_page_token from the previous page, or leave it out for the first page",
  2048,
).optional();
// Where the token comes from is in the server's instructions ("Paging"), not in each schema.
withInstructedNote(nextPageTokenParam, "next_page.next_page_token from the previous page.");

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = isoDate.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Dates are checked strictly before any request, as Arcade does: Asana would 400 on "July 1". */
export function dateParam(meaning?: string) {
  const schema = withParameterRule(
    z
      .string({ error: "must be a date written YYYY-MM-DD, such as 2026-07-01" })
      .refine(isCalendarDate, { error: "must be a real date written YYYY-MM-DD, such as 2026-07-01" }),
    { kind: "date" },
  );
  return meaning ? schema.describe(`${meaning}, YYYY-MM-DD.`) : schema;
}

/** `{id, name}`: how every referenced Asana object appears in outputs (Asana's gid becomes `id`). */
export const namedRef = z.object({ id: z.string(), name: z.string().optional() });
export type NamedRef = z.infer<typeof namedRef>;

/**
 * Arcade's paging block, so agents written for Arcade's Asana tools page the same way. The token is
 * `string | null` (a nullable type in the output schema) because Arcade's toolkit answers null on the
 * last page, and agents written for it test for null; output schemas are read by clients, not sent to
 * a model as a tool's parameters, so no provider's parameter rules apply to them.
 */
export const nextPageShape = z.object({
  has_more_pages: z.boolean(),
  next_page_token: z.string().nullable(),
});

export function nextPageOf(nextOffset: string | null): z.infer<typeof nextPageShape> {
  return { has_more_pages: nextOffset !== null, next_page_token: nextOffset };
}

/** Arcade's list result: `{<items>, count, next_page: {has_more_pages, next_page_token}}`. */
export function pagedListShape<Key extends string, Item extends z.ZodType>(key: Key, item: Item) {
  return z.object({ [key]: z.array(item) } as { [K in Key]: z.ZodArray<Item> }).extend({ count: z.number().int(), next_page: nextPageShape });
}

export function pagedList<Key extends string, Item>(key: Key, items: Item[], nextOffset: string | null) {
  return { [key]: items, count: items.length, next_page: nextPageOf(nextOffset) } as { [K in Key]: Item[] } & {
    count: number;
    next_page: z.infer<typeof nextPageShape>;
  };
}

/** Arcade's `{status: {success, message}}` block on every mutation's result. */
export const mutationStatus = z.object({ success: z.boolean(), message: z.string() });

/**
 * Fields to empty, named in a list: `clear: ["due_date", "assignee_id"]`. Never null for "empty it":
 * OpenAI's strict mode sends null for every parameter a model leaves out, so null can only mean "not
 * given"; a field named in this list can only have been meant. The tool's description says so in one line.
 */
export function clearParam<const Field extends string>(fields: readonly [Field, ...Field[]], elsewhere = "") {
  const rule = `must list fields to empty, each one of: ${fields.join(", ")}`;
  return z.array(z.enum(fields, { error: `${rule}.${elsewhere ? ` ${elsewhere}` : ""}` }), { error: `${rule}, e.g. ["${fields[0]}"]` }).optional();
}

/**
 * The fields a call clears, after checking that none is also given a value: which of the two was
 * meant cannot be known, so the error names both.
 */
export function clearedFields<Field extends string>(input: { clear?: readonly Field[] | undefined } & Partial<Record<Field, unknown>>): ReadonlySet<Field> {
  const cleared = new Set(input.clear ?? []);
  for (const field of cleared) {
    if (input[field] !== undefined) {
      throw new ToolInputError(
        `${field}, clear`,
        `set ${field} and clear it in the same call`,
        `Pass ${field} to set it, or list it in clear to empty it, not both.`,
      );
    }
  }
  return cleared;
}
