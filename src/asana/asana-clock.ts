/**
 * Asana's clock, as seen through the Date header of its answers. A lost create is looked for among the
 * objects made since the call began; Asana stamps `created_at` with its own clock, so "since the call
 * began" has to be read on that clock, not on ours.
 *
 * A Date header names the second in which Asana answered, rounded down, and it is read after the answer
 * travelled, so each sample (Date minus our time on arrival) is at most the true difference between the
 * clocks. The largest recent sample is the tightest such bound: converting our time with it never gives a
 * moment later than Asana's true time, so an object this call made always counts as made during it,
 * and one made earlier counts only if it was made within the header's one-second resolution before.
 */
export class AsanaClock {
  /** Recent samples, newest last: clocks are adjusted now and then, so old samples age out. */
  readonly #samples: number[] = [];
  #lastHeader: string | undefined;
  static readonly keep = 16;

  /** Takes the Date header of an answer that just arrived. */
  observe(dateHeader: string | string[] | undefined, arrivedAt = Date.now()): void {
    const header = Array.isArray(dateHeader) ? dateHeader[0] : dateHeader;
    // Answers within the same second carry the same header; the first of them gives the tightest bound.
    if (!header || header === this.#lastHeader) return;
    const asanaTime = Date.parse(header);
    if (Number.isNaN(asanaTime)) return;
    this.#lastHeader = header;
    this.#samples.push(asanaTime - arrivedAt);
    if (this.#samples.length > AsanaClock.keep) this.#samples.shift();
  }

  /**
   * Our epoch ms as a moment on Asana's clock, never later than Asana's own reading of it. Until an
   * answer has been seen, our own clock stands in: an object made during the call may then be missed
   * (the call reports an unknown outcome), but one made before it is never taken for it.
   */
  toAsanaTime(localMs: number): number {
    return this.#samples.length === 0 ? localMs : localMs + Math.max(...this.#samples);
  }
}
