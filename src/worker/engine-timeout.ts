/**
 * How long the Engine waits for one call of a registered worker (`http.timeout`, in seconds). Longer
 * than a call may take on Asana (the call deadline, ASANA_CALL_DEADLINE_SECONDS), with time for the
 * answer to travel back: an Engine that gives up first reports a failure for a write that still
 * finishes, and its retry makes the write twice.
 */
const answerMarginSeconds = 15;
/** The most `register --timeout` takes. */
export const maxEngineTimeoutSeconds = 300;

export function defaultEngineTimeoutSeconds(callDeadlineSeconds: number): number {
  return Math.min(maxEngineTimeoutSeconds, callDeadlineSeconds + answerMarginSeconds);
}

/** What to tell an operator whose Engine timeout would cut calls short. */
export function engineTimeoutWarnings(timeoutSeconds: number, callDeadlineSeconds: number): string[] {
  if (timeoutSeconds > callDeadlineSeconds) return [];
  const fix =
    callDeadlineSeconds < maxEngineTimeoutSeconds
      ? `use at least ${callDeadlineSeconds + 1} s (the default is ${defaultEngineTimeoutSeconds(callDeadlineSeconds)} s)`
      : `lower the worker's ASANA_CALL_DEADLINE_SECONDS below ${maxEngineTimeoutSeconds}`;
  return [
    `--timeout ${timeoutSeconds} s is at or below the call deadline of ${callDeadlineSeconds} s (ASANA_CALL_DEADLINE_SECONDS): ` +
      `the Engine may give up on a write that is still running, then retry it and make it twice. Set ASANA_CALL_DEADLINE_SECONDS here as the worker has it, and ${fix}.`,
  ];
}
