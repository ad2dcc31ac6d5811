// The rule alone (not the HTTP server's entry), so reading settings loads no server code.
import { trustedProxyProblem } from "../http/client-address.js";
import { yesOrNo } from "../toolkit/index.js";
import { CliUsageError } from "./usage-error.js";

/**
 * How a setting's text becomes a value. Each kind names the setting, the rule and an example when the
 * text breaks the rule, because the person reading the error is editing a client config or a unit file.
 */

export function trimmed(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  return value ? value : undefined;
}

/** Optional text, trimmed; empty means unset. */
export const optionalText =
  () =>
  (raw: string | undefined): string | undefined =>
    trimmed(raw);

/** Text with a default. */
export const textWithDefault =
  (fallback: string) =>
  (raw: string | undefined): string =>
    trimmed(raw) ?? fallback;

/** A secret exactly as given, never trimmed (a signature check uses the raw value); empty means unset. */
export const exactSecret =
  () =>
  (raw: string | undefined): string | undefined =>
    raw === undefined || raw === "" ? undefined : raw;

/** A whole number in a range, times `scale` (seconds given, milliseconds kept). */
export const wholeNumber =
  (options: { fallback: number; min: number; max: number; scale?: number }) =>
  (raw: string | undefined, name: string): number => {
    const scale = options.scale ?? 1;
    if (raw === undefined || raw.trim() === "") return options.fallback * scale;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < options.min || value > options.max) {
      throw new CliUsageError(`${name} must be a whole number from ${options.min} to ${options.max} (got "${raw}")`);
    }
    return value * scale;
  };

/** A whole number in a range, or undefined when unset (the caller derives the default). */
export const optionalWholeNumber =
  (options: { min: number; max: number }) =>
  (raw: string | undefined, name: string): number | undefined =>
    raw === undefined || raw.trim() === "" ? undefined : wholeNumber({ fallback: 0, ...options })(raw, name);

/** true/false, yes/no, on/off, 1/0; unset is false. */
export const yesNo =
  () =>
  (raw: string | undefined, name: string): boolean => {
    if (raw === undefined || raw.trim() === "") return false;
    const value = yesOrNo(raw);
    if (value === undefined) throw new CliUsageError(`${name} must be true or false (got "${raw}")`);
    return value;
  };

/** One of a few words. */
export const oneOf =
  <const C extends string>(choices: readonly C[], fallback: C, options: { caseInsensitive?: boolean } = {}) =>
  (raw: string | undefined, name: string): C => {
    const given = trimmed(raw);
    if (given === undefined) return fallback;
    const value = options.caseInsensitive ? given.toLowerCase() : given;
    if (!(choices as readonly string[]).includes(value)) {
      throw new CliUsageError(
        choices.length === 2
          ? `${name} must be "${choices[0]}" or "${choices[1]}" (got "${raw}")`
          : `${name} must be one of ${choices.join(", ")} (got "${raw}")`,
      );
    }
    return value as C;
  };

/** Comma-separated words; unset is an empty list. */
export const commaList =
  () =>
  (raw: string | undefined): string[] =>
    (raw ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);

function checkedUrl(value: string, name: string, example: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliUsageError(`${name} must be an absolute URL such as ${example} (got "${value}")`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new CliUsageError(`${name} must be an http or https URL such as ${example} (got "${value}")`);
  }
  return value;
}

/** An optional absolute http(s) URL, checked here so a typo is named rather than failing later as "Invalid URL". */
export const absoluteUrl =
  (example: string) =>
  (raw: string | undefined, name: string): string | undefined => {
    const value = trimmed(raw);
    return value === undefined ? undefined : checkedUrl(value, name, example);
  };

/** Comma-separated absolute URLs. */
export const urlList =
  (example: string) =>
  (raw: string | undefined, name: string): string[] =>
    commaList()(raw).map((value) => checkedUrl(value, name, example));

/** Comma-separated proxy addresses, CIDR ranges and named ranges (loopback, private). */
export const proxyList =
  () =>
  (raw: string | undefined, name: string): string[] =>
    commaList()(raw).map((entry) => {
      const problem = trustedProxyProblem(entry);
      if (problem) throw new CliUsageError(`${name}: ${problem}`);
      return entry;
    });
