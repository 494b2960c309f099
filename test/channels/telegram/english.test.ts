/**
 * /lang en switches the conversation to English for good: the questions, the
 * buttons, the summary card and the receipt; the case is stored as usual, and the
 * notices and the case's history name the office in charge by its English name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";
import { deliver, since } from "../../support/telegram-staff.ts";

const clerk = { kind: "clerk", id: "clerk-li" } as const;

describe("English", { timeout: 30_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  it("files a complaint in English after /lang en", async () => {
    const citizen = service.citizen();
    await citizen.command("/lang en");
    expect(citizen.text).toContain("OK, I'll write in English");
    expect(citizen.buttons).toEqual(["Report a problem", "My reports", "Help"]);
    await citizen.tap("Report a problem");
    expect(citizen.text).toContain("Please tell me in words what happened");
    await citizen.say("楼下饭店卖过期食品");
    expect(citizen.text).toContain("“Food safety and consumer rights”");
    await citizen.tap("Yes, that's right");
    expect(citizen.text).toContain("Where did it happen?");
    expect(service.telegram.replyKeyboard(citizen.id)?.keyboard.flat()).toEqual([
      { text: "📍 Send my location", request_location: true },
    ]);
    await citizen.say("Renmin Road 5, near the bus station");
    await citizen.tap("Chuanhui District");
    await citizen.say("3 days ago");
    await citizen.tap("No photos");
    await citizen.say("Li Ming 13812345678");
    expect(citizen.text).toContain("Topic: Food safety and consumer rights");
    expect(citizen.text).toContain("Where: Chuanhui District, Renmin Road 5, near the bus station");
    expect(citizen.text).toContain("When: 25 November 2026");
    await citizen.tap("Send");
    expect(citizen.text).toMatch(/Your tracking number: ZK-20261128-\d{4}/);
    expect(citizen.text).toContain("Within 15 days");

    const [stored] = await citizen.cases();
    expect(stored).toMatchObject({
      description: "楼下饭店卖过期食品",
      categoryCode: "market",
      regionCode: "chuanhui",
      address: "Renmin Road 5, near the bus station",
      occurredText: "3 days ago",
      contactPhone: "13812345678",
    });
    const citizenRow = await service.db.citizen.findUniqueOrThrow({
      where: { id: stored!.citizenId },
    });
    expect(citizenRow.locale).toBe("en");

    // A clerk routes it: the notice and the case's history name the office in English.
    const no = stored!.trackingNo;
    const seen = service.telegram.sentMessages(citizen.id).length;
    const unitId = "market_regulation.chuanhui";
    await service.app.app.caseActions.act(no, { type: "route", unitId }, clerk);
    await deliver(service.app);
    const office = "Chuanhui District Administration for Market Regulation";
    expect(since(service.telegram, citizen.id, seen).map((m) => m.text)).toEqual([
      expect.stringContaining(`Your report (no. ${no}) has been accepted and passed to ${office}.`),
    ]);
    await citizen.command(`/status ${no}`);
    expect(citizen.text).toContain(office);
    expect(citizen.text).not.toContain("川汇区市场监督管理局");
  });

  it("switches mid-draft and asks the current question again in English", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("楼下饭店卖过期食品");
    const draft = (await citizen.dialogue())?.draft;
    await citizen.command("/lang en");
    expect(citizen.text).toContain("“Food safety and consumer rights”");
    expect(citizen.buttons).toContain("Yes, that's right");
    const after = await citizen.dialogue();
    expect(after?.locale).toBe("en");
    expect(after?.draft).toEqual(draft);

    await citizen.command("/lang zh");
    expect(citizen.text).toContain("【市场监管】");
  });

  it("keeps a town named in pinyin and asks for the road within it", async () => {
    const citizen = service.citizen();
    await citizen.command("/lang en");
    await citizen.tap("Report a problem");
    await citizen.say(
      "I live in Dongxiating town, Xihua county. The street light on our road is broken, it is very dark at night.",
    );
    await citizen.tap("Yes, that's right");
    expect(citizen.text).toContain("in Dongxiating Town (东夏亭镇), Xihua County is it near?");
    await citizen.tap("Skip");
    await citizen.tap("I don't remember");
    await citizen.tap("No photos");
    await citizen.tap("Stay anonymous");
    await citizen.tap("Send");
    const [stored] = await citizen.cases();
    expect(stored).toMatchObject({ regionCode: "xihua", address: "东夏亭镇" });
  });
});
