import { flagLabel, type Setting } from "./setting.js";

type AnySetting = Setting<string, unknown>;

const width = 100;

function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines.join("\n");
}

/** How a setting is given: "--port <n>, PORT". */
export function settingNames(s: AnySetting): string {
  return [flagLabel(s), s.env].filter(Boolean).join(", ");
}

/** `--help` lines for settings: the names and default on one line, the description below. */
export function helpLines(settings: readonly AnySetting[]): string {
  return settings.map((s) => `  ${settingNames(s)}${s.defaultText ? ` (default ${s.defaultText})` : ""}\n${wrap(s.description, "      ")}`).join("\n");
}

/** `--help` sections, one per group, in the groups' order. */
export function helpSections(settings: readonly AnySetting[], groups: readonly { id: string; title: string }[]): string {
  return groups
    .map((group) => {
      const members = settings.filter((s) => s.group === group.id);
      return members.length > 0 ? `${group.title}:\n${helpLines(members)}\n` : "";
    })
    .filter(Boolean)
    .join("\n");
}

const cell = (text: string) => text.replace(/\|/g, "\\|");
const code = (text: string) => `\`${cell(text)}\``;

/** The README's configuration tables: one per group, generated from the same settings as `--help`. */
export function settingsMarkdown(settings: readonly AnySetting[], groups: readonly { id: string; title: string }[]): string {
  return groups
    .map((group) => {
      const members = settings.filter((s) => s.group === group.id);
      if (members.length === 0) return "";
      const rows = members.map((s) => {
        const names = [flagLabel(s), s.env]
          .filter((n): n is string => Boolean(n))
          .map(code)
          .join(" / ");
        // A default that is a value reads as code; one that is a sentence ("all, or --toolsets when given") as text.
        const fallback = s.defaultText === undefined ? "" : /\s/.test(s.defaultText) ? cell(s.defaultText) : code(s.defaultText);
        return `| ${names} | ${fallback} | ${cell(s.description)} |`;
      });
      return `**${group.title}**\n\n| flag / variable | default | meaning |\n|---|---|---|\n${rows.join("\n")}\n`;
    })
    .filter(Boolean)
    .join("\n");
}
