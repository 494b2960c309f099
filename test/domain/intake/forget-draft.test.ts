/**
 * A citizen with a case, silent for CHAT_KEEP_DAYS with a draft they never sent: the draft is
 * forgotten (its words, place, time, photos and contact), while what the conversation needs to
 * go on correctly stays — the count of drafts that names each submission, the last one filed,
 * the language they chose. Coming back, they start afresh.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { forgetDraft } from "../../../src/domain/intake/forget-draft.ts";
import { Conversation, createWorld, finishAnonymously, type World } from "./fakes.ts";

/** Files one complaint, then leaves a second draft at its summary, with a photo and a phone. */
async function filedOneAndLeftAnother(c: Conversation): Promise<string> {
  await c.command("lang", "en");
  await c.command("lang", "zh");
  await c.command("new");
  await c.say("项城市人民路的下水道堵了，污水漫到路上");
  await c.tap("对，就是这个");
  await finishAnonymously(c);
  await c.command("new");
  await c.say("项城市光明路的路灯坏了很久");
  await c.tap("对，就是这个");
  await c.tap("不记得了");
  await c.send({ type: "photo", fileId: "photo-of-the-lamp" });
  await c.tap("照片发完了");
  await c.say("李女士 13912345678");
  expect(c.state.step).toBe("summary");
  return c.buttonId("提交");
}

describe("forgetting the unfinished draft of a silent citizen who has a case", () => {
  let world: World;
  let c: Conversation;
  let oldSubmit: string;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world);
    oldSubmit = await filedOneAndLeftAnother(c);
    c.state = forgetDraft(JSON.parse(JSON.stringify(c.state)))!;
  });

  it("forgets the draft's words, place, photos, name and phone", () => {
    const kept = JSON.stringify(c.state);
    for (const words of ["光明路", "路灯", "photo-of-the-lamp", "李女士", "13912345678"]) {
      expect(kept).not.toContain(words);
    }
    expect(c.state).toMatchObject({ step: "idle", draft: null, pending: null, lastPlace: null });
  });

  it("keeps the count of drafts, the last submission and the language chosen", () => {
    expect(c.state).toMatchObject({
      citizenRef: "telegram:1001",
      draftCount: 2,
      lastSubmitted: { draftNo: 1, trackingNo: "ZK-20261128-0001" },
      locale: "zh",
      localeChosen: true,
    });
  });

  it("starts a fresh draft when the citizen comes back, its own number naming its submission", async () => {
    await c.say("项城市交通路的路灯不亮了");
    await c.tap("是，开始反映");
    expect(c.state.draft).toMatchObject({ no: 3 });
    await c.tap("对，就是这个");
    const { card, submission } = await finishAnonymously(c);
    expect(card).not.toContain("光明路");
    expect(submission).toMatchObject({ idempotencyKey: "telegram:1001#3" });
    expect(world.submitter.submissions).toHaveLength(2);
  });

  it("answers a tap on the forgotten draft's old submit button as a stale button, filing nothing", async () => {
    await c.send({ type: "choice", id: oldSubmit });
    expect(c.text).toContain("这个按钮是之前消息里的");
    expect(world.submitter.submissions).toHaveLength(1);
  });

  it("leaves a state it cannot read (a newer version's) as it is: its count of drafts would be lost", () => {
    expect(forgetDraft({ ...c.state, schema: 999 })).toBeNull();
  });
});
