/**
 * A unit's answer of thousands of characters to a WeChat citizen: WeCom takes 2,048 bytes a text
 * and 5 messages after the citizen's latest one. The notice and the case's page (/status 编号)
 * alike go out as their beginning — the number first, the answer cut between sentences — and
 * end with where to read it all: the status page with PUBLIC_URL, else the office handling the
 * case, by name. Words come before pictures: the unit's photos get what the words leave, and
 * the last line says how many were left out.
 */
import { afterEach, describe, expect, it } from "vitest";
import { signedInStaff } from "../../console/console-world.ts";
import { HOUR } from "../../support/clock.ts";
import { waitUntil } from "../../support/wait.ts";
import { PNG_BYTES } from "../web/web-citizen.ts";
import {
  fileComplaint,
  sentText,
  startWeComCitizenWorld,
  type WeComCitizenWorld,
} from "./wecom-citizen.ts";

const CLERK = { kind: "clerk", id: "clerk-test" } as const;
const PUBLIC_URL = "https://12345.example.gov.cn";

/** 400 numbered sentences, over 6,000 characters. */
const LONG_ANSWER = Array.from(
  { length: 400 },
  (_, i) => `第${i + 1}项，经现场核实已处理完毕。`,
).join("");

describe("a long answer to a WeChat citizen", { timeout: 90_000 }, () => {
  let world: WeComCitizenWorld;
  afterEach(() => world.stop());

  const start = async (env: Record<string, string> = {}) => {
    world = await startWeComCitizenWorld(() => env);
  };
  const unit = () => world.service.app.directory.units[0]!;
  const answeredRow = async () =>
    world.service.app.db.outboxMessage.findFirst({
      where: { recipient: "wmCITIZEN1", kind: "answered" },
    });

  /**
   * Files the street-light complaint; the first unit answers it with `answer` (and `photos`
   * uploaded on the console) two days later, when the citizen's window has closed; the notice,
   * held, goes out when the citizen writes 你好. Returns the case's number and what was sent
   * after 你好.
   */
  async function answeredAfterSilence(
    answer: string,
    photos = 0,
  ): Promise<{ no: string; sent: string[]; images: number }> {
    const { service, citizen, clock, fake } = world;
    const no = await fileComplaint(citizen);
    await service.app.caseActions.act(no, { type: "route", unitId: unit().id }, CLERK);
    const handler = await signedInStaff(service.app.db, service.url, "zhao", unit().id);
    expect(
      (await handler.send("POST", `/api/cases/${no}/actions`, { action: { type: "start" } }))
        .status,
    ).toBe(200);
    const photoIds: string[] = [];
    for (let i = 0; i < photos; i++) {
      const body = new FormData();
      body.append("photo", new Blob([new Uint8Array(PNG_BYTES)], { type: "image/png" }), "a.png");
      const upload = await handler.send("POST", `/api/cases/${no}/unit-photos`, body);
      expect(upload.status).toBe(201);
      photoIds.push(upload.json.id);
    }
    // The notices of routing and starting go out first, inside the window the filing opened.
    await waitUntil(async () =>
      (await service.app.db.outboxMessage.findMany({ where: { recipient: "wmCITIZEN1" } })).every(
        (row) => row.status !== "pending",
      ),
    );
    clock.advance(49 * HOUR);
    await service.app.caseActions.act(
      no,
      { type: "answer", outcome: "support", text: answer, photoIds },
      { kind: "handler", id: "handler-test", unitId: unit().id },
    );
    await waitUntil(async () => (await answeredRow())?.status === "held");

    const before = fake.kfSent("wmCITIZEN1").length;
    await citizen.say("你好");
    await waitUntil(async () => (await answeredRow())?.status === "sent");
    const after = fake.kfSent("wmCITIZEN1").slice(before);
    expect(after.length).toBeLessThanOrEqual(5);
    expect(fake.calls.filter((c) => c.errcode === 95001)).toHaveLength(0);
    return {
      no,
      sent: after.filter((m) => m.body.msgtype !== "image").map(sentText),
      images: after.filter((m) => m.body.msgtype === "image").length,
    };
  }

  /** The citizen asks for the case's page; what came back, in order. */
  async function casePage(no: string): Promise<string[]> {
    await world.citizen.say(`/status ${no}`);
    expect(world.citizen.replies.length).toBeLessThanOrEqual(5);
    expect(world.fake.calls.filter((c) => c.errcode === 95001)).toHaveLength(0);
    return world.citizen.replies.map(sentText);
  }

  /** The answer's sentences shown in `texts` once `heading` and `note` are taken out. */
  function shownOf(texts: readonly string[], before: string, note: string): string {
    const joined = texts.join("");
    return joined.slice(joined.indexOf(before) + before.length, joined.indexOf(`\n${note}`));
  }

  describe("with PUBLIC_URL", () => {
    it("shows the case's page from its number on, the answer's beginning cut between sentences, ending with the status page's link", async () => {
      await start({ PUBLIC_URL });
      const { no } = await answeredAfterSilence(LONG_ANSWER);

      const page = await casePage(no);
      expect(page[0]!.startsWith(`编号：${no}\n`)).toBe(true);
      expect(page[0]).toContain("现在：已答复");
      const note = `（内容较长，微信里只能发到这里。完整内容请打开 ${PUBLIC_URL}/status?no=${no} 用查询码查看。）`;
      expect(page.at(-1)!.endsWith(`\n${note}`)).toBe(true);
      expect(page.every((text) => Buffer.byteLength(text, "utf8") <= 2048)).toBe(true);
      const shown = shownOf(page, "）：\n", note);
      expect(LONG_ANSWER.startsWith(shown)).toBe(true);
      expect(shown.endsWith("。")).toBe(true);
      expect(shown.length).toBeGreaterThan(2000);
    });

    it("sends a long answer with photos as words first: no photo goes out, and the last line says how many were left out", async () => {
      await start({ PUBLIC_URL });
      const { no, sent, images } = await answeredAfterSilence(LONG_ANSWER, 2);
      expect(images).toBe(0);
      const notice = sent.findIndex((text) => text.includes(`编号 ${no}`));
      expect(sent[notice + 1]!.startsWith("处理意见：\n第1项，")).toBe(true);
      const note = `（内容较长，微信里只能发到这里。另有 2 张照片没有发出。完整内容请打开 ${PUBLIC_URL}/status?no=${no} 用查询码查看。）`;
      expect(sent.at(-1)!.endsWith(`\n${note}`)).toBe(true);
      expect(LONG_ANSWER.startsWith(shownOf(sent.slice(notice + 1), "处理意见：\n", note))).toBe(
        true,
      );
    });

    it("sends a short answer with more photos than the window leaves whole, then the photos that fit, and says how many were left out", async () => {
      await start({ PUBLIC_URL });
      const answer = "路灯已于今日修复，感谢您的反映。";
      const { no, sent, images } = await answeredAfterSilence(answer, 3);
      // The reply to 你好, the notice, the answer, the photos' line and one photo: five.
      expect(images).toBe(1);
      expect(sent.join("\n")).toContain(answer);
      const last = sent.at(-1)!;
      expect(last.startsWith(`办理单位随附照片3张（编号 ${no}）\n`)).toBe(true);
      expect(last).toContain("另有 2 张照片没有发出。");
      expect(last).toContain(`${PUBLIC_URL}/status?no=${no}`);
    });
  });

  describe("without PUBLIC_URL", () => {
    it("ends the cut notice with the office handling the case, by name, and no link or query code", async () => {
      await start();
      const { no, sent } = await answeredAfterSilence(LONG_ANSWER);
      const note = `（内容较长，微信里只能发到这里。完整内容请凭编号 ${no} 向${unit().name}索取。）`;
      expect(sent.at(-1)!.endsWith(`\n${note}`)).toBe(true);
      const told = sent.join("\n");
      expect(told).not.toContain("http");
      expect(told).not.toContain("查询码");
      const notice = sent.findIndex((text) => text.includes(`编号 ${no}`));
      expect(sent[notice + 1]!.startsWith("处理意见：\n第1项，")).toBe(true);
    });

    it("ends the cut case's page with the office handling the case, by name", async () => {
      await start();
      const { no } = await answeredAfterSilence(LONG_ANSWER);
      const page = await casePage(no);
      expect(page[0]!.startsWith(`编号：${no}\n`)).toBe(true);
      const note = `（内容较长，微信里只能发到这里。完整内容请凭编号 ${no} 向${unit().name}索取。）`;
      expect(page.at(-1)!.endsWith(`\n${note}`)).toBe(true);
      expect(page.join("\n")).not.toContain("http");
      const shown = shownOf(page, "）：\n", note);
      expect(LONG_ANSWER.startsWith(shown)).toBe(true);
    });
  });
});
