type Env = Record<string, string | undefined>;

/**
 * One setting, declared once: its flag, its environment variable, its default and what it means. The
 * same declaration parses the value, prints `--help` and writes the README's configuration table, so the
 * three cannot disagree. Adding a setting is adding one of these to a table.
 */
export interface Setting<K extends string = string, T = unknown> {
  /** The configuration field it fills (ServeConfig's, for the server's settings). */
  key: K;
  /** The command-line flag without its dashes, e.g. "port". */
  flag?: string;
  /** A boolean flag takes no value: given, it reads as "true". */
  flagIsSwitch?: boolean;
  /** What the flag's value looks like, e.g. "<n>" or "<stdio|http>". */
  placeholder?: string;
  /** The environment variable, read when the flag is not given. */
  env?: string;
  /** The default as a person reads it (help and README); the parser applies the real one. */
  defaultText?: string;
  /** Which part of `--help` and of the README table it belongs to. */
  group: string;
  /** What it does, in a line or two: help and README show the same words. */
  description: string;
  /**
   * Turns the text given (the flag's, else the variable's; undefined when neither) into the value.
   * `name` is where it came from ("--port" or "PORT"), for errors that name the setting.
   */
  parse: (raw: string | undefined, name: string) => T;
}

/** Keeps the key's literal type, so a table of settings types the values it reads. */
export function setting<const K extends string, T>(definition: Setting<K, T>): Setting<K, T> {
  return definition;
}

type AnySetting = Setting<string, unknown>;

/** The values a table of settings reads: `{ [key]: parsed value }`. */
export type SettingValues<S extends readonly AnySetting[]> = {
  [E in S[number] as E["key"]]: ReturnType<E["parse"]>;
};

/** The flag's spelling for people: "--port <n>", "--read-only". */
export function flagLabel(s: AnySetting): string | undefined {
  if (!s.flag) return undefined;
  return s.flagIsSwitch || !s.placeholder ? `--${s.flag}` : `--${s.flag} ${s.placeholder}`;
}

/** node:util parseArgs options for the settings that have a flag. */
export function flagOptions(settings: readonly AnySetting[]): Record<string, { type: "string" | "boolean" }> {
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const s of settings) if (s.flag) options[s.flag] = { type: s.flagIsSwitch ? "boolean" : "string" };
  return options;
}

/**
 * Reads each setting: the flag when given, else the environment variable. A switch given on the
 * command line reads as "true"; a switch not given falls through to its variable.
 */
export function readSettings<const S extends readonly AnySetting[]>(
  settings: S,
  flags: Record<string, string | boolean | undefined>,
  env: Env,
): SettingValues<S> {
  const values: Record<string, unknown> = {};
  for (const s of settings) {
    const fromFlag = s.flag ? flags[s.flag] : undefined;
    if (fromFlag !== undefined && fromFlag !== false) {
      values[s.key] = s.parse(fromFlag === true ? "true" : fromFlag, `--${s.flag}`);
    } else {
      values[s.key] = s.parse(s.env ? env[s.env] : undefined, s.env ?? `--${s.flag}`);
    }
  }
  return values as SettingValues<S>;
}

/** Reads one setting from the environment alone (the commands that share the server's variables). */
export function readFromEnv<T>(s: Setting<string, T>, env: Env): T {
  return s.parse(s.env ? env[s.env] : undefined, s.env ?? s.key);
}

/** A copy without the fields whose value is undefined: an unset setting is absent, not present-and-empty. */
export function withoutUnset<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as T;
}
