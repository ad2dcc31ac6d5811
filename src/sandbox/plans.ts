import { AsanaFailure, paymentRequired } from "./http-kit.js";
import type { StoredObject } from "./store.js";

/**
 * What a workspace pays for. Asana's public API has no plan field; the emulator keeps one per
 * workspace (`_plan`) so plan-gated features answer as they would. Older worlds only set
 * `_premium: true`, which reads as "premium".
 *
 * - free: no premium features (402 on custom fields, dependencies, search, portfolios, goals, …).
 * - premium: Starter/Premium/Business — the features Asana calls premium.
 * - advanced: Advanced/Enterprise — adds time tracking.
 */
export type AsanaPlan = "free" | "premium" | "advanced";

export function planOf(workspace: StoredObject): AsanaPlan {
  const plan = workspace._plan;
  if (plan === "free" || plan === "premium" || plan === "advanced") return plan;
  return workspace._premium === true ? "premium" : "free";
}

/**
 * Features Asana keeps for paid plans. On a free workspace Asana answers 402 Payment Required,
 * for reads as well as writes (since 2018).
 */
export function requirePremium(workspace: StoredObject, feature: string): void {
  if (planOf(workspace) === "free") throw paymentRequired(feature);
}

/**
 * Time tracking is sold with Asana's Advanced and Enterprise plans only. Below that the emulator
 * answers 402 as well, not 403: asana-api.md says Asana has used 402 for "premium-only object or
 * feature" on reads and writes since 2018 (403 "not available for free" was the pre-2018 wording),
 * and 403 means the caller lacks access to an object, which a plan upgrade is what fixes here. The
 * one time-tracking operation whose 402 the document declares (GET /time_tracking_entries) agrees.
 * The message says which plan is needed so a client can tell the two 402s apart.
 */
export function requireAdvanced(workspace: StoredObject, feature: string): void {
  const plan = planOf(workspace);
  if (plan === "advanced") return;
  throw new AsanaFailure(
    402,
    `${feature} is only available on Asana's Advanced and Enterprise plans${plan === "free" ? "" : "; this workspace's plan does not include it"}.`,
    "Upgrade the workspace to the Advanced or Enterprise plan to use this feature.",
  );
}
