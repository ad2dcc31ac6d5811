// Types of intent-scripts.mjs, for the test that counts our side (test/bench/intent-counts.test.ts).

export interface IntentDates {
  today: string;
  monday: string;
  friday: string;
  yesterday: string;
  q3Start: string;
  q3Year: number;
}

/** Calls a tool by name (ours without the Asana_ prefix) and answers its output as the model reads it. */
export type UseTool = (tool: string, args: Record<string, unknown>) => Promise<unknown>;

export interface IntentScript {
  id: string;
  intent: string;
  /** The fewest sequential Asana rounds the request can take from names, and why. */
  needs: { rounds: number; why: string };
  ours: (use: UseTool) => Promise<unknown>;
  rc: ((use: UseTool) => Promise<unknown>) | undefined;
  rcCannot?: string;
}

export function intentDates(today?: Date): IntentDates;
export function intentScripts(dates?: IntentDates): IntentScript[];
