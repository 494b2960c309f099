import { describe, expect, it } from "vitest";
import { createRateLimiter, WECOM_APP_RATE_LIMITS } from "../../src/notifications/rate-limiter.ts";
import { testClock, virtualSleep } from "./helpers.ts";

describe("createRateLimiter", () => {
  it("queues a burst to one chat at one message per second, in call order", async () => {
    const clock = testClock();
    const limiter = createRateLimiter({ clock, sleep: virtualSleep(clock) });
    const order: number[] = [];
    const slots = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        limiter.acquire("42").then((slot) => {
          order.push(i);
          return slot.getTime();
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3, 4]);
    for (let i = 1; i < slots.length; i++) {
      expect(slots[i]! - slots[i - 1]!).toBeGreaterThanOrEqual(1000);
    }
  });

  it("keeps every one-second window at or under the global rate, across many chats", async () => {
    const clock = testClock();
    const limiter = createRateLimiter({ clock, sleep: virtualSleep(clock) });
    const requests = Array.from({ length: 200 }, (_, i) => String(1000 + (i % 70)));
    const granted = await Promise.all(
      requests.map(async (chat) => ({ chat, at: (await limiter.acquire(chat)).getTime() })),
    );
    expect(granted).toHaveLength(200);
    const times = granted.map((g) => g.at).sort((a, b) => a - b);
    for (let i = 30; i < times.length; i++) {
      expect(times[i]! - times[i - 30]!).toBeGreaterThanOrEqual(1000);
    }
    const byChat = new Map<string, typeof granted>();
    for (const g of granted) byChat.set(g.chat, [...(byChat.get(g.chat) ?? []), g]);
    for (const list of byChat.values()) {
      for (let i = 1; i < list.length; i++) {
        expect(list[i]!.at - list[i - 1]!.at).toBeGreaterThanOrEqual(1000);
      }
    }
  });

  it("counts a request from its slot until its answer and a window after, however late it goes", async () => {
    const clock = testClock();
    const limiter = createRateLimiter({
      clock,
      sleep: virtualSleep(clock),
      limits: { globalPerSecond: 3, perChatIntervalMs: 0 },
    });
    const started: number[] = [];
    const answers: (() => void)[] = [];
    const sends = Array.from({ length: 5 }, (_, i) =>
      limiter.send(String(i), () => {
        started.push(clock.now().getTime());
        return new Promise<void>((resolve) => answers.push(resolve));
      }),
    );
    for (let i = 0; i < 50; i++) await Promise.resolve();
    // Three unanswered requests fill the rate: the others wait however long they take.
    expect(started).toHaveLength(3);
    const answeredAt = clock.now().getTime();
    answers.splice(0).forEach((answer) => answer());
    while (started.length < 5) {
      await Promise.resolve();
      answers.splice(0).forEach((answer) => answer());
    }
    await Promise.all(sends);
    expect(started[3]! - answeredAt).toBeGreaterThanOrEqual(1000);
  });

  it("spaces messages to a group chat by the group interval", async () => {
    const clock = testClock();
    const limiter = createRateLimiter({ clock, sleep: virtualSleep(clock) });
    const first = await limiter.acquire("-100123");
    const second = await limiter.acquire("-100123");
    expect(second.getTime() - first.getTime()).toBe(3000);
  });

  it("with the WeCom app's limits, spaces messages to one staff member 2 s apart, not others", async () => {
    const clock = testClock();
    const limiter = createRateLimiter({
      clock,
      sleep: virtualSleep(clock),
      limits: WECOM_APP_RATE_LIMITS,
    });
    const start = clock.now().getTime();
    const [clerk, other] = await Promise.all([
      Promise.all(Array.from({ length: 31 }, () => limiter.acquire("zhangsan"))),
      limiter.acquire("lisi"),
    ]);
    const times = clerk.map((slot) => slot.getTime() - start);
    expect(times).toEqual(Array.from({ length: 31 }, (_, i) => i * 2000));
    expect(other.getTime() - start).toBeLessThan(100);
  });
});
