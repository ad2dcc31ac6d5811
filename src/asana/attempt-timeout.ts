import type { IncomingHttpHeaders } from "node:http";
import type { Duplex } from "node:stream";
import type { Dispatcher } from "undici";
import { errors as undiciErrors } from "./undici-parts.js";

type Controller = Dispatcher.DispatchController;
type Handler = Dispatcher.DispatchHandler;

/**
 * The per-attempt timeout (ASANA_TIMEOUT_MS), on our own timer. undici's headersTimeout and bodyTimeout
 * are checked on a coarse clock (about a second), so 100, 300 and 600 ms all fired after about a second.
 *
 * Placed under the retry interceptor, it times each attempt: from the moment the request is handed to a
 * socket (time queued for a connection does not count, as it cannot have reached Asana) until its
 * headers arrive, then between chunks of the body. When time runs out the attempt is aborted with
 * undici's own HeadersTimeoutError or BodyTimeoutError, so the retry policy and the client read it as
 * they read undici's: a lost answer, sent again only when the request is repeatable.
 *
 * An upload (a streamed body, such as an attachment's form) is timed from its answer on: how long its
 * body takes to send is not Asana's silence, and undici's own headersTimeout, which restarts as the body
 * goes out, still covers the wait after it.
 */
export function attemptTimeout(timeoutMs: number): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (options, handler) => {
    const sentAtOnce = options.body == null || typeof options.body === "string" || options.body instanceof Uint8Array;
    return dispatch(options, new TimedAttempt(handler, timeoutMs, sentAtOnce));
  };
}

class TimedAttempt implements Handler {
  readonly #handler: Handler;
  readonly #timeoutMs: number;
  readonly #timesHeaders: boolean;
  #timer: NodeJS.Timeout | undefined;
  #controller: Controller | undefined;
  /** What the handler above sees: aborted only when it aborted, not when this timer did. */
  readonly #above: Controller;
  #abortedAbove = false;

  constructor(handler: Handler, timeoutMs: number, timesHeaders: boolean) {
    this.#handler = handler;
    this.#timeoutMs = timeoutMs;
    this.#timesHeaders = timesHeaders;
    const attempt = this;
    this.#above = {
      abort(reason: Error) {
        attempt.#abortedAbove = true;
        attempt.#stop();
        attempt.#controller?.abort(reason);
      },
      pause() {
        attempt.#stop(); // a paused body is the reader's choice, not Asana's silence
        attempt.#controller?.pause();
      },
      resume() {
        attempt.#controller?.resume();
        if (attempt.#controller) attempt.#arm(() => new undiciErrors.BodyTimeoutError());
      },
      get aborted() {
        return attempt.#abortedAbove;
      },
      get paused() {
        return attempt.#controller?.paused ?? false;
      },
      get reason() {
        return attempt.#abortedAbove ? (attempt.#controller?.reason ?? null) : null;
      },
    } as Controller;
  }

  #arm(timeout: () => Error): void {
    this.#stop();
    this.#timer = setTimeout(() => this.#controller?.abort(timeout()), this.#timeoutMs);
  }

  #stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  onRequestStart(controller: Controller, context: unknown): void {
    this.#controller = controller;
    if (this.#timesHeaders) this.#arm(() => new undiciErrors.HeadersTimeoutError());
    this.#handler.onRequestStart?.(this.#above, context);
  }

  onRequestUpgrade(_controller: Controller, statusCode: number, headers: IncomingHttpHeaders, socket: Duplex): void {
    this.#stop();
    this.#handler.onRequestUpgrade?.(this.#above, statusCode, headers, socket);
  }

  onResponseStart(_controller: Controller, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    this.#arm(() => new undiciErrors.BodyTimeoutError());
    this.#handler.onResponseStart?.(this.#above, statusCode, headers, statusMessage);
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    if (!controller.paused) this.#arm(() => new undiciErrors.BodyTimeoutError());
    this.#handler.onResponseData?.(this.#above, chunk);
  }

  onResponseEnd(_controller: Controller, trailers: IncomingHttpHeaders): void {
    this.#stop();
    this.#handler.onResponseEnd?.(this.#above, trailers);
  }

  onResponseError(_controller: Controller, error: Error): void {
    this.#stop();
    this.#handler.onResponseError?.(this.#above, error);
  }
}
