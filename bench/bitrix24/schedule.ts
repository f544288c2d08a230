/**
 * How long a sequence of REST requests takes under both Bitrix24 cloud limits, in virtual time:
 * the leaky bucket (burst requests, then `rate` a second) and the operating-time budget (each
 * method may spend `limitSec` seconds in any `windowMs`; a method over it is blocked until its
 * oldest spending leaves the window, as our client pauses it until `operating_reset_at`).
 * Requests go one after another in the given order (the client base loads its lists in turn, so
 * a blocked method holds the load up). Response times are not counted: the limits alone.
 */
export interface RequestBlock {
  readonly method: string;
  /** Requests in the block, each costing `costSec / requests` seconds of operating time. */
  readonly requests: number;
  readonly costSec: number;
}

export interface Limits {
  readonly burst: number;
  readonly rate: number;
  readonly limitSec: number;
  readonly windowMs: number;
}

export function scheduleSeconds(blocks: readonly RequestBlock[], limits: Limits): { seconds: number; blockedSeconds: number } {
  let t = 0;
  let level = 0;
  let lastT = 0;
  let blockedSeconds = 0;
  const windowSec = limits.windowMs / 1000;
  const spent = new Map<string, [number, number][]>();
  for (const b of blocks) {
    const n = Math.max(0, Math.round(b.requests));
    const each = n ? b.costSec / n : 0;
    const list = spent.get(b.method) ?? [];
    spent.set(b.method, list);
    let head = 0;
    let sum = 0;
    for (const [, c] of list) sum += c;
    for (let i = 0; i < n; i++) {
      // Bucket: drains `rate` a second; a request finds room below `burst`.
      level = Math.max(0, level - (t - lastT) * limits.rate);
      lastT = t;
      if (level > limits.burst - 1) {
        const wait = (level - (limits.burst - 1)) / limits.rate;
        t += wait;
        level -= wait * limits.rate;
        lastT = t;
      }
      // Operating time: spending older than the window no longer counts.
      while (head < list.length && list[head][0] <= t - windowSec) sum -= list[head++][1];
      while (sum > limits.limitSec && head < list.length) {
        const until = list[head][0] + windowSec;
        blockedSeconds += until - t;
        t = until;
        while (head < list.length && list[head][0] <= t - windowSec + 1e-9) sum -= list[head++][1];
      }
      list.push([t, each]);
      sum += each;
      level += 1;
    }
    spent.set(b.method, list.slice(head));
  }
  return { seconds: t, blockedSeconds };
}
