/**
 * A unit's answer in the console may promise a day (承诺办结日期): the day is kept with the
 * answer and told to the citizen with it; a day in the past, one past the day before the
 * citizen's last day to ask for a review, or no real day is refused with a 400 that says so,
 * and nothing is answered.
 */
import { describe, expect, it } from "vitest";
import { startedAtUnit, useConsoleWorld } from "./console-world.ts";

const FUGOU = "urban_management.fugou";

const scene = useConsoleWorld({
  staff: [
    { username: "li", role: "clerk" },
    { username: "zhao", role: "handler", unitId: FUGOU },
  ],
});

/** A case filed on Saturday 28 November 2026 (the world's clock), routed to 扶沟 and started. */
const startedCase = (citizen: string) => startedAtUnit(scene, citizen, FUGOU);

const answer = (promisedBy: string) => ({
  action: { type: "answer", outcome: "support", text: "工资将于12月20日前发放。", promisedBy },
});

describe("an answer's promised day in the console", () => {
  it("is kept with the answer, shown on the case and told to the citizen", async () => {
    const { no, zhao } = await startedCase("promise-kept");

    const answered = await zhao.send("POST", `/api/cases/${no}/actions`, answer("2026-12-20"));

    expect(answered.status).toBe(200);
    expect(answered.json.case).toMatchObject({
      status: "answered",
      answerPromisedBy: "2026-12-20",
    });
    const notice = await scene.world.app.db.outboxMessage.findFirstOrThrow({
      where: { case: { trackingNo: no }, audience: "citizen", kind: "answered" },
    });
    expect(notice.payload).toMatchObject({ details: { promisedBy: "2026-12-20" } });
  });

  it("refuses a day in the past, one beyond the day before the review's last day, and no real day", async () => {
    const { no, zhao } = await startedCase("promise-refused");
    const act = (promisedBy: string) =>
      zhao.send("POST", `/api/cases/${no}/actions`, answer(promisedBy));

    // Answered on 28 November 2026: a review may be asked for until Monday 28 December.
    const yesterday = await act("2026-11-27");
    const reviewDay = await act("2026-12-28");
    const notADay = await act("2026-02-30");
    const words = await act("20号");

    for (const refused of [yesterday, reviewDay]) {
      expect(refused.status).toBe(400);
      expect(refused.json.error.message).toBe("承诺办结日期须在今天到申请复查期限的前一天之间。");
      expect(refused.json.error.detail).toContain("from 2026-11-28 to 2026-12-27");
    }
    for (const refused of [notADay, words]) {
      expect(refused.status).toBe(400);
      expect(refused.json.error.detail).toContain("promisedBy");
    }
    const stored = await scene.world.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(stored).toMatchObject({
      status: "in_progress",
      answerPromisedBy: null,
      answerText: null,
    });

    const lastDay = await act("2026-12-27");
    expect(lastDay.status).toBe(200);
    expect(lastDay.json.case.answerPromisedBy).toBe("2026-12-27");
  });

  it("is left out when the form leaves it empty: no promise, the follow-up a week after the answer", async () => {
    const { no, zhao } = await startedCase("promise-none");
    const answered = await zhao.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "answer", outcome: "explain", text: "已解释说明。" },
    });

    expect(answered.status).toBe(200);
    const { answeredAt, ...kept } = answered.json.case;
    expect(kept).toMatchObject({ answerPromisedBy: null });
    expect(Date.parse(kept.followUpAt) - Date.parse(answeredAt)).toBe(7 * 86_400_000);
  });
});
