/**
 * The case actions on real databases: one path from a clerk's, handler's or
 * citizen's request to a committed decision with its timeline and the
 * notifications, written in one transaction.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/lifecycle/actor.ts";
import { isAppError } from "../../src/errors.ts";
import { DAY, HOUR } from "../support/clock.ts";
import { createCaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };
const handler: Actor = { kind: "handler", id: "handler-zhao", unitId: "urban_management.fugou" };
const citizen: Actor = { kind: "citizen", id: "telegram:1001" };

describe.each(PROVIDERS)("case actions (%s)", { timeout: 30_000 }, (provider) => {
  it("take a case from registration through routing, handling, answer, rating and review", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001);

    world.clock.advance(HOUR);
    await world.actions.act(no, { type: "route", unitId: "urban_management.fugou" }, clerk);
    world.clock.advance(DAY);
    await world.actions.act(no, { type: "start" }, handler);
    world.clock.advance(3 * DAY);
    await world.actions.act(
      no,
      { type: "answer", outcome: "support", text: "井盖已于今日更换。" },
      handler,
    );
    await world.actions.act(
      no,
      { type: "rate", solved: false, satisfaction: "dissatisfied" },
      citizen,
    );
    const reviewed = await world.actions.act(no, { type: "request_review" }, citizen);

    expect(reviewed).toMatchObject({
      status: "under_review",
      reviewStage: 1,
      unitId: "urban_management.fugou",
    });
    const row = await world.db.case.findUniqueOrThrow({
      where: { trackingNo: no },
      include: {
        timeline: { orderBy: { at: "asc" } },
        ratings: true,
        reviewRequests: true,
        notifications: true,
      },
    });
    expect(row.timeline.map((e) => e.kind)).toEqual([
      "submitted",
      "accepted",
      "assigned",
      "started",
      "answered",
      "rated",
      "review_requested",
    ]);
    expect(row.ratings).toMatchObject([
      { solved: false, satisfaction: "dissatisfied", reviewStage: 0 },
    ]);
    expect(row.reviewRequests).toMatchObject([{ stage: 1 }]);
    const toCitizen = row.notifications.filter((n) => n.audience === "citizen").map((n) => n.kind);
    expect(toCitizen).toEqual(
      expect.arrayContaining(["accepted", "in_progress", "answered", "review_received"]),
    );
    expect(row.notifications.every((n) => n.audience !== "citizen" || n.recipient === "1001")).toBe(
      true,
    );
  });

  it("let only one of two clerks decide a case; the second is told it was decided", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001);

    const results = await Promise.allSettled([
      world.actions.act(no, { type: "route", unitId: "urban_management.fugou" }, clerk),
      world.actions.act(
        no,
        { type: "route", unitId: "urban_management.city" },
        { kind: "clerk", id: "clerk-wang" },
      ),
    ]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(
      isAppError(refused?.reason, "storage.conflict") ||
        isAppError(refused?.reason, "case.illegal_transition"),
    ).toBe(true);
    const timeline = await world.db.timelineEntry.findMany({
      where: { case: { trackingNo: no }, kind: "assigned" },
    });
    expect(timeline).toHaveLength(1);
  });

  it("refuse an illegal transition and write nothing", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001);

    await expect(world.actions.act(no, { type: "start" }, handler)).rejects.toSatisfy((error) =>
      isAppError(error, "case.illegal_transition"),
    );
    expect(await world.db.timelineEntry.count({ where: { case: { trackingNo: no } } })).toBe(1);
  });

  it("never let a citizen act on someone else's case", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001);
    await world.file(2002);

    await expect(
      world.actions.act(no, { type: "withdraw" }, { kind: "citizen", id: "telegram:2002" }),
    ).rejects.toSatisfy((error) => isAppError(error, "case.not_found"));
    expect((await world.store.find(no))?.status).toBe("submitted");
  });

  it("merge a duplicate into the earlier case, linked both ways", async () => {
    const world = await createCaseWorld(provider);
    const first = await world.file(1001);
    const duplicate = await world.file(1001);

    await world.actions.act(duplicate, { type: "merge", intoTrackingNo: first }, clerk);

    const merged = await world.db.case.findUniqueOrThrow({
      where: { trackingNo: duplicate },
      include: { mergedInto: true },
    });
    expect(merged.status).toBe("merged");
    expect(merged.mergedInto?.trackingNo).toBe(first);
    const earlier = await world.db.case.findUniqueOrThrow({
      where: { trackingNo: first },
      include: { duplicates: true, timeline: true },
    });
    expect(earlier.duplicates.map((d) => d.trackingNo)).toEqual([duplicate]);
    expect(earlier.timeline.map((e) => e.kind)).toContain("merged_from");
  });

  it("send a report against an official only to the discipline body", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001, {
      category: "discipline",
      description: "村支书把低保名额给了自己亲戚，要求查处",
    });

    await expect(
      world.actions.act(no, { type: "route", unitId: "civil_affairs.fugou" }, clerk),
    ).rejects.toSatisfy((error) => isAppError(error, "case.illegal_transition"));
    const routed = await world.actions.act(
      no,
      { type: "route", unitId: "discipline.fugou" },
      clerk,
    );
    expect(routed).toMatchObject({
      status: "assigned",
      unitId: "discipline.fugou",
      caseClass: "report",
    });
  });
});
