/** Work one at a time per key: the web chat's turns of a session, a case's card refreshes. */
import { expect, it } from "vitest";
import { createKeyedQueue } from "../src/keyed-queue.ts";

function gate(): { open(): void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

it("runs the work of one key in order, each after the one before has settled", async () => {
  const queue = createKeyedQueue();
  const done: string[] = [];
  const first = gate();
  const a = queue.run("session-1", async () => {
    await first.opened;
    done.push("first");
    throw new Error("turn failed");
  });
  const b = queue.run("session-1", async () => {
    done.push("second");
    return 2;
  });
  first.open();
  await expect(a).rejects.toThrow("turn failed");
  await expect(b).resolves.toBe(2);
  expect(done).toEqual(["first", "second"]);
});

it("never holds one key up for another", async () => {
  const queue = createKeyedQueue();
  const held = gate();
  const slow = queue.run("ZK-1", () => held.opened.then(() => "slow"));
  await expect(queue.run("ZK-2", async () => "fast")).resolves.toBe("fast");
  held.open();
  await expect(slow).resolves.toBe("slow");
});
