import * as z from "zod";
import type { AnyToolDefinition, AsanaJobSteps } from "./define-tool.js";
import { compact } from "./present.js";

/**
 * The two halves of a tool that waits for an Asana job (see AsanaJobSteps), each as a tool of its
 * own, so a front door runs them through invokeTool like any call: the same input check, token,
 * deadline, error formatter and output check, and the same name in every message.
 */

const startedShape = z.object({
  job_id: z.string(),
  status: z.string().optional(),
  kind: z.string().optional(),
  memo: z.record(z.string(), z.string()),
});

const checkInput = z.strictObject({
  job_id: z.string().regex(/^\d{1,32}$/),
  memo: z.record(z.string(), z.string()),
});

const checkedShape = z.object({
  finished: z.boolean(),
  status: z.string().optional(),
  kind: z.string().optional(),
  output: z.record(z.string(), z.unknown()).optional(),
});

export type StartedJob = z.output<typeof startedShape>;
export type CheckedJob = z.output<typeof checkedShape>;

// biome-ignore lint/suspicious/noExplicitAny: the halves of a tool of any input and output type.
function stepsOf(tool: AnyToolDefinition): AsanaJobSteps<any, any> {
  if (!tool.asanaJob) throw new Error(`${tool.name} does not start an Asana job`);
  return tool.asanaJob;
}

/** The tool as it is, minus what belongs to the whole call: the halves, and the search for a lost create. */
function halfOf(tool: AnyToolDefinition): AnyToolDefinition {
  const half = { ...tool };
  delete half.asanaJob;
  delete half.reconcile;
  return half;
}

/** The first half: the tool's input, checked as ever; starts the job and answers with its id and the memo. */
export function jobStartTool(tool: AnyToolDefinition): AnyToolDefinition {
  const steps = stepsOf(tool);
  return {
    ...halfOf(tool),
    output: startedShape,
    async handler(input, ctx) {
      const started = await steps.start(input, ctx);
      return { job_id: started.jobId, memo: started.memo, ...compact({ status: started.status, kind: started.kind }) };
    },
  };
}

/**
 * The second half: looks at the job once. While it runs, its status; once it has finished, the tool's
 * own output, checked against the tool's own schema, or the tool's own error.
 */
export function jobCheckTool(tool: AnyToolDefinition): AnyToolDefinition {
  const steps = stepsOf(tool);
  const output = tool.output as z.ZodObject;
  return {
    ...halfOf(tool),
    input: checkInput,
    output: checkedShape,
    // The tool's own hints speak of its input ("no project has this id"); here only the job is read.
    errorHints: {
      404: ({ input }: { input: { job_id?: string } }) =>
        `Asana no longer shows job ${input.job_id ?? ""} to this user. What it made may exist: look for it before starting the job again.`,
    },
    async handler(input: z.output<typeof checkInput>, ctx) {
      const look = await steps.check(input.job_id, input.memo, ctx);
      if (!look.finished) return { finished: false, ...compact({ status: look.status, kind: look.kind }) };
      const checked = output.safeParse(look.output);
      if (!checked.success) {
        const first = checked.error.issues[0];
        throw new Error(
          `the tool produced output that does not match its own schema (at ${first?.path.join(".") || "top level"}: ${first?.message ?? "invalid"})`,
        );
      }
      return { finished: true, output: checked.data };
    },
  };
}
