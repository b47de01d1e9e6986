import { describe, expect, it } from "vitest";
import { decideSignInThrottle, defaultSignInThrottle } from "./sign-in-throttle";

const now = new Date("2026-03-02T10:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const times = (count: number, startMinutesAgo: number) =>
  Array.from({ length: count }, (_, i) => minutesAgo(startMinutesAgo - i));

describe("decideSignInThrottle", () => {
  it.each([
    { name: "no failures", keys: [[]], throttled: false },
    { name: "9 failures in the window", keys: [times(9, 10)], throttled: false },
    { name: "10 failures in the window", keys: [times(10, 12)], throttled: true },
    { name: "10 failures, oldest outside the window", keys: [[minutesAgo(16), ...times(9, 10)]], throttled: false },
    { name: "the address is over, the account is not", keys: [times(2, 3), times(10, 12)], throttled: true },
  ])("$name", ({ keys, throttled }) => {
    expect(decideSignInThrottle(keys, now, defaultSignInThrottle).throttled).toBe(throttled);
  });

  it("waits until the oldest blocking failure leaves the 15-minute window", () => {
    // Failures 12, 11, …, 3 minutes ago: the one 12 minutes ago expires in 3 minutes.
    const decision = decideSignInThrottle([times(10, 12)], now, defaultSignInThrottle);
    expect(decision).toEqual({ throttled: true, retryAfterSeconds: 180 });
  });

  it("with more than the maximum, waits for enough of them to expire", () => {
    // 12 failures, 14..3 minutes ago: three must expire; the third oldest is 12 minutes ago.
    const decision = decideSignInThrottle([times(12, 14)], now, defaultSignInThrottle);
    expect(decision).toEqual({ throttled: true, retryAfterSeconds: 180 });
  });

  it("ignores failures stamped in the future", () => {
    const future = Array.from({ length: 10 }, (_, i) => new Date(now.getTime() + (i + 1) * 1000));
    expect(decideSignInThrottle([future], now, defaultSignInThrottle).throttled).toBe(false);
  });
});
