import { AsanaFailure } from "./http-kit.js";
import type { EventLog } from "./events.js";
import type { AsanaStore, StoredObject } from "./store.js";

/**
 * Asana's asynchronous jobs (project and task duplication, template instantiation): the create call
 * answers 201 with a job, and `GET /jobs/{gid}` shows it go not_started → in_progress → succeeded
 * (or failed), naming `new_project` / `new_task` once done.
 *
 * The work itself runs when the job comes due on the store's clock: at the start of the next request
 * after that (so a client polling GET /jobs sees it finish), or at once when the pending time is 0.
 * Or, with `polls` set, on the job's n-th look (GET /jobs/{gid}), whatever the clock says: Asana's
 * jobs take a few polls, and a test of a poller then sees "in progress" a known number of times.
 * Nothing runs on a timer, so a stopped emulator leaves nothing behind.
 */

/** What a finished job made: gids of the new objects. */
export interface JobResult {
  new_project?: string;
  new_task?: string;
  new_project_template?: string;
}

export type JobWork = () => JobResult;

/** Asana's JobResponse fields a job gets once its work has made something. */
const resultFields = ["new_project", "new_task", "new_project_template"] as const;

/** The emulator's default pending time: long enough for a client to see a job in progress, short enough for a test. */
export const defaultJobDurationMs = 200;

interface PendingJob {
  job: StoredObject;
  dueAt: number;
  work: JobWork;
  creator: string;
  failure?: string;
  /** With JobQueue.polls: the looks left before the job finishes (the clock then does not finish it). */
  looksLeft?: number;
}

export class JobQueue {
  readonly #store: AsanaStore;
  readonly #events: EventLog;
  readonly #pending = new Map<string, PendingJob>();
  readonly #failures: string[] = [];
  /** How long a new job stays pending, in ms of the store's clock; 0 finishes it inside the create call. */
  durationMs: number;
  /** When set, a new job finishes on its n-th GET /jobs/{gid} instead of on the clock. */
  polls: number | undefined;

  constructor(store: AsanaStore, events: EventLog, options: { durationMs?: number; polls?: number } = {}) {
    this.#store = store;
    this.#events = events;
    this.durationMs = options.durationMs ?? defaultJobDurationMs;
    this.polls = options.polls;
  }

  /** Test hook: the next job created fails (status "failed", nothing made), with `message` kept for inspection. */
  failNext(message = "The job failed (injected by a test)."): void {
    this.#failures.push(message);
  }

  /** Jobs not finished yet. */
  get pending(): number {
    return this.#pending.size;
  }

  /**
   * Starts a job. With a pending time of 0 it finishes here, inside the request that created it, whose
   * own change recording then covers what it made.
   */
  start(subtype: string, creator: string, work: JobWork): StoredObject {
    const job = this.#store.insert({ resource_type: "job", resource_subtype: subtype, status: "not_started" });
    const failure = this.#failures.shift();
    const pending: PendingJob = {
      job,
      dueAt: this.#store.nowMs() + this.durationMs,
      work,
      creator,
      ...(failure ? { failure } : {}),
      ...(this.polls !== undefined ? { looksLeft: this.polls } : {}),
    };
    if (this.polls === undefined && this.durationMs <= 0) this.#settle(pending, false);
    else this.#pending.set(job.gid, pending);
    return job;
  }

  /**
   * A job a client is looking at: one created earlier that has not come due is in progress, and one
   * counted in looks finishes on its last.
   */
  observe(job: StoredObject): void {
    const pending = this.#pending.get(job.gid);
    if (!pending) return;
    if (pending.looksLeft !== undefined && --pending.looksLeft <= 0) {
      this.#settle(pending, true);
      return;
    }
    if (job.status === "not_started") job.status = "in_progress";
  }

  /** Finishes every job that has come due on the clock (called before each request). */
  tick(): void {
    const now = this.#store.nowMs();
    for (const pending of [...this.#pending.values()]) if (pending.looksLeft === undefined && pending.dueAt <= now) this.#settle(pending, true);
  }

  /** Test hook: finishes every pending job now, whatever the clock says. */
  finishAll(): void {
    for (const pending of [...this.#pending.values()]) this.#settle(pending, true);
  }

  #settle(pending: PendingJob, recordEvents: boolean): void {
    this.#pending.delete(pending.job.gid);
    const { job } = pending;
    if (pending.failure) {
      Object.assign(job, { status: "failed", _failure: pending.failure });
      return;
    }
    try {
      const result = recordEvents ? this.#events.recording(pending.creator, pending.work) : pending.work();
      for (const field of resultFields) if (result[field]) job[field] = result[field];
      job.status = "succeeded";
    } catch (error) {
      // The source may have gone while the job waited (a deleted project, say): Asana's job fails.
      if (!(error instanceof AsanaFailure)) throw error;
      Object.assign(job, { status: "failed", _failure: error.message });
    }
  }
}
