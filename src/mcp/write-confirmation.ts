import { inputRequired, inputResponse, type ClientCapabilities, type ServerContext } from "@modelcontextprotocol/server";
import { declinedAnswer, type CallConfirmation, type ConfirmMode } from "../toolkit/index.js";

/**
 * Confirmation over MCP: a write that waits for a person's yes becomes a form elicitation. On
 * 2026-07-28 that is an input_required result, which the client answers by sending the same call
 * again with the person's answer and our requestState; on 2025-11-25 the SDK's shim sends the same
 * elicitation as an elicitation/create request and calls the handler again with the answer. Either
 * way the requestState is the preview's confirm token, so the retry is checked the way a model's
 * confirm_token is, statelessly, on whichever replica it lands.
 */

/** The key under which a tool call's input_required result asks the person to confirm a write. */
const confirmInputKey = "confirm_write";

/** Form elicitation: declared as `form`, or as a bare `elicitation: {}` (what 2025-06-18 clients send). */
export function canAskForm(capabilities: ClientCapabilities | undefined): boolean {
  const elicitation = capabilities?.elicitation as { form?: unknown; url?: unknown } | undefined;
  return elicitation !== undefined && (elicitation.form !== undefined || elicitation.url === undefined);
}

export type ConfirmationRead = { confirmation: CallConfirmation } | { declined: "decline" | "cancel" };

/** What this call brings: the person's answer to an earlier question, if any, and whether they can be asked. */
export function readConfirmation(mode: ConfirmMode, capabilities: ClientCapabilities | undefined, ctx: ServerContext): ConfirmationRead {
  const canAsk = canAskForm(capabilities);
  const answer = inputResponse(ctx.mcpReq.inputResponses, confirmInputKey);
  if (answer.kind !== "elicit") return { confirmation: { mode, canAsk } };
  // Accepting the form with the box unticked is a no; accepting without content (a client that shows
  // only the buttons) is a yes.
  if (answer.action !== "accept" || answer.content?.confirm === false) return { declined: answer.action === "cancel" ? "cancel" : "decline" };
  const state = ctx.mcpReq.requestState();
  return { confirmation: { mode, canAsk, ...(typeof state === "string" ? { consented: state } : {}) } };
}

/** The question: the planned change in the person's words, and a yes/no they can answer in one click. */
export function askToConfirm(ask: { message: string; token: string }): ReturnType<typeof inputRequired> {
  return inputRequired({
    inputRequests: {
      [confirmInputKey]: inputRequired.elicit({
        message: ask.message,
        requestedSchema: {
          type: "object",
          properties: { confirm: { type: "boolean", title: "Yes, do it", default: true } },
          required: ["confirm"],
        },
      }),
    },
    requestState: ask.token,
  });
}

/** The person said no (or closed the question): nothing was written, and that is an answer, not a failure. */
export function declinedResult(displayName: string, action: "decline" | "cancel") {
  const output = declinedAnswer(displayName, action);
  return { content: [{ type: "text" as const, text: JSON.stringify(output) }], structuredContent: output };
}
