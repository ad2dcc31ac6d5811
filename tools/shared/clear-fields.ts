import * as z from "zod";
import { ToolInputError } from "../../src/toolkit/index.js";

/**
 * Fields to empty, named in a list: `clear: ["due_on"]`. Never null for "empty it": strict-mode
 * clients send null for every parameter a model leaves out, so null can only mean "not given"; a
 * field named in this list can only have been meant. The tool's description says so in one line.
 */
export function clearParam<const Field extends string>(fields: readonly [Field, ...Field[]]) {
  const rule = `must list fields to empty, each one of: ${fields.join(", ")}`;
  return z.array(z.enum(fields, { error: `${rule}.` }), { error: `${rule}, e.g. ["${fields[0]}"]` }).optional();
}

/** The fields a call clears, after checking that none is also given a value: which was meant cannot be known. */
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
