// Small statistics and reporting helpers shared by the benchmarks.

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** The value at quantile q (0..1) of the samples, nearest rank. */
export function quantile(samples, q) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (samples) => quantile(samples, 0.5);

export const ms = (value, digits = 1) => `${value.toFixed(digits)} ms`;

export const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

export const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

/**
 * One measured figure against its goal. `pass` is true/false for a goal, undefined for a figure that
 * is only reported. Printed as `figure: ours vs baseline → ratio (goal …) PASS|FAIL`.
 */
export function figure({ name, ours, baseline, ratio, goal, pass }) {
  return { name, ours, baseline, ratio, goal, pass };
}

export function formatFigure(f) {
  const comparison = f.baseline === undefined ? f.ours : `${f.ours} vs ${f.baseline}`;
  const ratio = f.ratio === undefined ? "" : ` → ${f.ratio}`;
  const verdict = f.pass === undefined ? "" : f.pass ? " PASS" : " FAIL";
  const goal = f.goal === undefined ? "" : ` (goal ${f.goal})`;
  return `${f.name}: ${comparison}${ratio}${goal}${verdict}`;
}

/** Resolves after `delayMs`. */
export const sleep = (delayMs) => new Promise((resolve) => setTimeout(resolve, delayMs));
