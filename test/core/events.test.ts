/**
 * The core's events: a decision is committed first and told to the channels after; what a
 * listener does never reaches back into the decision, and a failing listener is logged once.
 */
import { describe, expect, it } from "vitest";
import { createCaseActions } from "../../src/cases/case-actions.ts";
import { createCoreEvents, type CoreEventMap } from "../../src/core/events.ts";
import type { Actor } from "../../src/domain/lifecycle/actor.ts";
import { HOUR } from "../support/clock.ts";
import { createCaseWorld } from "../support/case-world.ts";
import { expectErrorLogs, testLogger } from "../support/error-logs.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };

function loggedLines(lines: readonly string[]): { level: number; msg: string; caseNo?: string }[] {
  return lines.map((line) => JSON.parse(line) as { level: number; msg: string; caseNo?: string });
}

describe("core events", () => {
  it("tell every listener, the emitter waiting for none of them, nor one listener for another", async () => {
    const events = createCoreEvents(testLogger(undefined));
    const heard: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    events.on("caseDecided", async ({ trackingNo }) => {
      await held;
      heard.push(`first ${trackingNo}`);
    });
    events.on("caseDecided", ({ trackingNo }) => void heard.push(`second ${trackingNo}`));

    events.emit("caseDecided", { trackingNo: "ZK-1" } as CoreEventMap["caseDecided"]);
    expect(heard).toEqual([]);
    const settled = events.settled();
    release();
    await settled;
    expect(heard).toEqual(["second ZK-1", "first ZK-1"]);
  });

  it("log a failing listener once, with the case number, and still run the others", async () => {
    expectErrorLogs(/core event listener failed/);
    const lines: string[] = [];
    const events = createCoreEvents(testLogger(undefined, lines));
    const heard: string[] = [];
    events.on("caseDecided", () => {
      throw new Error("cards unavailable");
    });
    events.on("caseDecided", async () => Promise.reject(new Error("chat unavailable")));
    events.on("caseDecided", ({ trackingNo }) => void heard.push(trackingNo));

    expect(() =>
      events.emit("caseDecided", { trackingNo: "ZK-2" } as CoreEventMap["caseDecided"]),
    ).not.toThrow();
    await events.settled();

    expect(heard).toEqual(["ZK-2"]);
    const errors = loggedLines(lines).filter((line) => line.level >= 50);
    expect(errors.map((line) => [line.msg, line.caseNo])).toEqual([
      ["core event listener failed; the event stands", "ZK-2"],
      ["core event listener failed; the event stands", "ZK-2"],
    ]);
  });

  it("come after the commit: a listener that fails never undoes the decision", async () => {
    expectErrorLogs(/core event listener failed/);
    const world = await createCaseWorld("sqlite");
    const lines: string[] = [];
    const events = createCoreEvents(testLogger(undefined, lines));
    const actions = createCaseActions({
      store: world.store,
      directory: world.directory,
      calendar: () => world.calendar,
      clock: world.clock,
      events,
    });
    const statusSeen: string[] = [];
    events.on("caseDecided", async ({ trackingNo, decided }) => {
      const row = await world.db.case.findUniqueOrThrow({ where: { trackingNo } });
      statusSeen.push(row.status, decided.status);
      throw new Error("the Telegram cards could not be refreshed");
    });
    const no = await world.file(1001);
    world.clock.advance(HOUR);

    const decided = await actions.act(
      no,
      { type: "route", unitId: "urban_management.fugou" },
      clerk,
    );
    await events.settled();

    expect(decided.status).toBe("assigned");
    expect(statusSeen).toEqual(["assigned", "assigned"]);
    const row = await world.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(row).toMatchObject({ status: "assigned", unitId: "urban_management.fugou" });
    expect(loggedLines(lines).filter((line) => line.level >= 50)).toHaveLength(1);
  });
});
