import { describe, expect, test } from "vitest";
import { AsanaClock } from "../../src/asana/asana-clock.js";

describe("Asana's clock, read off Date headers", () => {
  test("a moment of ours converts to one never later than Asana's reading of it", () => {
    const clock = new AsanaClock();
    // Asana's clock runs 42.3 s ahead of ours; its Date headers name the second, rounded down.
    const offset = 42_300;
    const dateAt = (ours: number) => new Date(Math.floor((ours + offset) / 1000) * 1000).toUTCString();
    for (const ours of [1_000_000_050, 1_000_001_700, 1_000_002_990]) clock.observe(dateAt(ours), ours + 20);
    const start = 1_000_003_000;
    expect(clock.toAsanaTime(start)).toBeLessThanOrEqual(start + offset);
    // Within the header's resolution: no more than a second (plus the answer's travel) behind.
    expect(start + offset - clock.toAsanaTime(start)).toBeLessThan(1_100);
  });

  test("before any answer, our own clock stands in; unreadable headers are ignored", () => {
    const clock = new AsanaClock();
    clock.observe(undefined);
    clock.observe("not a date");
    expect(clock.toAsanaTime(123)).toBe(123);
  });
});
