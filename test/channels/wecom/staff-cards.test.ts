/**
 * Staff work in the WeCom self-built app. Clerks decide new cases from template cards: the
 * likely units in a drop-down with the suggested one picked (confirming is one tap), or not
 * accepted with a usual or a typed reason; a citizen's request for a review (复查) comes as a card
 * with the organ proposed for it picked, so sending the review there is one tap as well. Units get their cases as cards without the
 * citizen's identity, and start, report progress on, answer, extend or return them from the
 * card; what needs words (an answer, a progress note, a reason) is asked for in the app chat
 * and typed back. Every press and
 * reply acts through the case actions as the staff member whose wecomUserId sent it; anyone
 * else is refused; the card then shows who decided, or what is left to do. A card lists the
 * case's history as Telegram's do: a clerk's urgency mark with its reason on the clerks' card,
 * without it on the unit's; corrections of the category and region by name.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CardShape, FakeWeCom } from "../../support/fake-wecom.ts";
import type { TestApp } from "../../support/test-app.ts";
import { startWeComStaffWorld, type WeComStaffWorld } from "./wecom-staff.ts";
import { sleep, waitUntil } from "../../support/wait.ts";
import { fileDirectly } from "../../support/telegram-staff.ts";
import { UNSURE_FILING, UNSURE_UNITS } from "../../support/unsure-classification.ts";

type Card = CardShape;

const HANDLER = "unit-handler-1";

/**
 * One world for the tests of a describe (a start is most of a test's time): clerks 张三 and
 * 李四. Each test files its own cases as its own citizen and finds its cards and texts by its
 * case's number or by what came after it acted, so none depends on another's.
 */
function useStaffWorld(): () => WeComStaffWorld {
  let world: WeComStaffWorld | undefined;
  beforeAll(async () => {
    world = await startWeComStaffWorld(HANDLER);
    await world.service.app.db.staffMember.create({
      data: { username: "lisi", displayName: "李四", role: "clerk", wecomUserId: "lisi" },
    });
  });
  afterAll(() => world?.stop());
  return () => {
    if (!world) throw new Error("the world starts in the describe's beforeAll");
    return world;
  };
}

describe("WeCom staff cards", { timeout: 60_000 }, () => {
  let world: WeComStaffWorld;
  let fake: FakeWeCom;
  let service: TestApp;
  const shared = useStaffWorld();
  beforeEach(() => {
    world = shared();
    ({ fake, service } = world);
  });

  const cardsAbout = (userId: string, no: string): Card[] => world.cardsAbout(userId, no);
  const status = (no: string) => world.status(no);
  const press = (xml: string) => world.post(xml);
  /** From now on: the texts the app sends `userId` after this call. */
  const textsFromNowTo = (userId: string): (() => string[]) => {
    const seen = world.textsTo(userId).length;
    return () => world.textsTo(userId).slice(seen);
  };
  const caseRow = (no: string) =>
    service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
  const write = async (userId: string, text: string) => press(fake.appText(userId, text).xml);
  const greyed = (card: Card) => fake.currentCard(card.task_id)?.greyed;
  /** The card as the staff member sees it now (after updates). */
  const shown = (card: Card) => fake.currentCard(card.task_id)!.card;

  /** A clerk of the world (张三 `zhangsan`, 李四 `lisi`) as the case actions take one. */
  const clerk = async (username: string) => {
    const { id } = await service.app.db.staffMember.findUniqueOrThrow({ where: { username } });
    return { kind: "clerk", id } as const;
  };

  let directCitizen = 5000;
  /**
   * A new case of 张秀英, a citizen of its own, and its card to 张三: filed straight through the
   * service's submitter, as the clerks' tests are not about filing (the units' tests file
   * through WeChat, where their citizens read the answers).
   */
  const newCaseCard = async (): Promise<{ no: string; card: Card }> => {
    const contact = { kind: "named", name: "张秀英", phone: "13812345678" } as const;
    const no = await fileDirectly(service, ++directCitizen, { contact }, { wecomStaff: true });
    await waitUntil(() => cardsAbout("zhangsan", no).length > 0);
    return { no, card: cardsAbout("zhangsan", no)[0]! };
  };

  describe("clerks", () => {
    it("get a new case as a card: the likely units in a drop-down, the suggested one picked", async () => {
      const { no, card } = await newCaseCard();
      const suggestion = await service.app.db.routingSuggestion.findFirstOrThrow({
        where: { case: { trackingNo: no }, chosen: true },
      });
      expect(card.main_title?.title).toContain(no);
      expect(card.main_title?.desc).toContain("张秀英"); // clerks see who wrote
      expect(card.button_selection?.selected_id).toBe(suggestion.unitId);
      expect(card.button_selection?.option_list[0]?.id).toBe(suggestion.unitId);
      expect(card.button_selection?.option_list.length).toBeGreaterThan(1);
      expect(card.button_selection?.option_list.length).toBeLessThanOrEqual(10);
      expect(card.button_list.map((b) => b.key)).toEqual([`ok|${no}`, `na|${no}`]);
    });

    it("see a consultation marked 【咨询】 on the clerks' card and on the unit's", async () => {
      const no = await fileDirectly(
        service,
        ++directCitizen,
        { description: "请问今年新农合一年交多少钱，在哪交", requestKind: "consultation" },
        { wecomStaff: true },
      );
      await waitUntil(() => cardsAbout("zhangsan", no).length > 0);
      const card = cardsAbout("zhangsan", no)[0]!;
      expect(card.main_title?.title).toMatch(new RegExp(`^【咨询】【新反映】${no}`));

      await press(fake.pressCardButton("zhangsan", card.task_id, `ok|${no}`).xml);
      await waitUntil(() => cardsAbout(HANDLER, no).length > 0);

      expect(cardsAbout(HANDLER, no)[0]!.main_title?.title).toMatch(
        new RegExp(`^【咨询】【交办】 ${no}`),
      );
    });

    it("confirm the suggested unit with one tap; the unit gets the case without the citizen's identity", async () => {
      const { no, card } = await newCaseCard();
      await press(fake.pressCardButton("zhangsan", card.task_id, `ok|${no}`).xml);
      await waitUntil(async () => (await status(no)) !== "submitted");
      expect(await status(no)).toBe("assigned");
      expect((await caseRow(no)).unitId).toBe(card.button_selection?.selected_id);
      const decision = await service.app.db.timelineEntry.findFirst({
        where: { case: { trackingNo: no }, actorKind: "clerk" },
      });
      const clerk = await service.app.db.staffMember.findUniqueOrThrow({
        where: { username: "zhangsan" },
      });
      expect(decision?.actorId).toBe(clerk.id);
      await waitUntil(() => greyed(card) !== undefined);
      expect(greyed(card)).toBe("已由 张三 确认");

      await waitUntil(() => cardsAbout(HANDLER, no).length > 0);
      const toUnit = JSON.stringify(
        fake
          .appSent()
          .filter((m) => m.body.touser.split("|").includes(HANDLER))
          .filter((m) => JSON.stringify(m.body).includes(no)),
      );
      expect(toUnit).toContain(no);
      expect(toUnit).not.toContain("张秀英");
      expect(toUnit).not.toContain("13812345678");
    });

    it("choose another unit in the drop-down and the case goes there", async () => {
      const { no, card } = await newCaseCard();
      const other = card.button_selection!.option_list[1]!;
      await press(fake.pressCardButton("zhangsan", card.task_id, `ok|${no}`, other.id).xml);
      await waitUntil(async () => (await status(no)) === "assigned");
      expect((await caseRow(no)).unitId).toBe(other.id);
    });

    it("get an unsure case with no unit picked, the units of its top 3 first, and are asked to pick one", async () => {
      const no = await fileDirectly(service, 1001, UNSURE_FILING, { wecomStaff: true });
      await waitUntil(() => cardsAbout("zhangsan", no).length > 0);
      const card = cardsAbout("zhangsan", no)[0]!;
      expect(card.main_title?.desc).toContain("分类不确定（最高把握 41%）");
      expect(card.button_selection?.title).toBe("分类不确定，请选择承办单位");
      expect(card.button_selection?.selected_id).toBeUndefined();
      const options = card.button_selection!.option_list.map((o) => o.id);
      expect(options.slice(1, 4)).toEqual([...UNSURE_UNITS]);

      // WeCom picks the first option when none is named: "(请选择)", never a unit.
      const toZhangsan = textsFromNowTo("zhangsan");
      await press(fake.pressCardButton("zhangsan", card.task_id, `ok|${no}`).xml);
      await waitUntil(() => toZhangsan().some((t) => t.includes("请先在卡片上选择承办单位")));
      expect(await status(no)).toBe("submitted");

      await press(fake.pressCardButton("zhangsan", card.task_id, `ok|${no}`, UNSURE_UNITS[1]).xml);
      await waitUntil(async () => (await status(no)) === "assigned");
      expect((await caseRow(no)).unitId).toBe(UNSURE_UNITS[1]);
    });

    /** Presses 不予受理… and waits for the card to show the reasons. */
    async function toReasons(no: string, card: Card): Promise<Card> {
      await press(fake.pressCardButton("zhangsan", card.task_id, `na|${no}`).xml);
      await waitUntil(() => shown(card).button_list.some((b) => b.key === `nt|${no}`));
      return shown(card);
    }

    it("do not accept a case for a usual reason, picked on the same card", async () => {
      const { no, card } = await newCaseCard();
      const reasons = await toReasons(no, card);
      expect(reasons.button_selection?.option_list.map((o) => o.id)).toContain("litigation");
      await press(fake.pressCardButton("zhangsan", card.task_id, `nt|${no}`, "litigation").xml);
      await waitUntil(async () => (await status(no)) === "not_accepted");
      expect((await caseRow(no)).notAcceptedReason).toContain("诉讼");
      await waitUntil(() => greyed(card) !== undefined);
      expect(greyed(card)).toBe("已由 张三 不予受理");
      expect(cardsAbout("zhangsan", no)).toHaveLength(1);
    });

    it("do not accept a case for a reason they type in the app", async () => {
      const { no, card } = await newCaseCard();
      await toReasons(no, card);
      const toZhangsan = textsFromNowTo("zhangsan");
      await press(fake.pressCardButton("zhangsan", card.task_id, `nx|${no}`).xml);
      await waitUntil(() => toZhangsan().some((t) => t.includes(`请回复 ${no}`)));
      await write("zhangsan", "该路段属于高速公路管理范围，请拨打高速公路服务热线");
      await waitUntil(async () => (await status(no)) === "not_accepted");
      expect((await caseRow(no)).notAcceptedReason).toContain("高速公路");
      await waitUntil(() => toZhangsan().includes(`已处理：${no}`));
      // The card is updated on its own path: it may come after the text.
      await waitUntil(() => greyed(card) !== undefined);
      expect(greyed(card)).toBe("已由 张三 不予受理");
    });

    it("go back from the reasons to the units and route the case after all", async () => {
      const { no, card } = await newCaseCard();
      await toReasons(no, card);
      await press(fake.pressCardButton("zhangsan", card.task_id, `bk|${no}`).xml);
      await waitUntil(() => shown(card).button_list.some((b) => b.key === `ok|${no}`));
      expect(shown(card).button_selection?.selected_id).toBe(card.button_selection?.selected_id);
      await press(fake.pressCardButton("zhangsan", card.task_id, `ok|${no}`).xml);
      await waitUntil(async () => (await status(no)) === "assigned");
    });

    it("see on the card, back from the reasons, what another clerk corrected: the urgency with its reason, the category and the region by name", async () => {
      const { no, card } = await newCaseCard();
      await toReasons(no, card);
      const lisi = await clerk("lisi");
      const reason = "电话核实：井口冒出燃气味";
      await service.app.caseActions.act(no, { type: "set_urgency", urgent: true, reason }, lisi);
      await service.app.caseActions.act(
        no,
        { type: "recategorize", categoryCode: "environment" },
        lisi,
      );
      await service.app.caseActions.act(no, { type: "set_region", regionCode: "xihua" }, lisi);

      await press(fake.pressCardButton("zhangsan", card.task_id, `bk|${no}`).xml);

      await waitUntil(() => shown(card).button_list.some((b) => b.key === `ok|${no}`));
      expect(shown(card).main_title?.desc).toMatch(
        /李四 🚨 标为紧急：电话核实：井口冒出燃气味\n.*李四 🏷 调整类别：市政市容 → 生态环境\n.*李四 📍 更正地区：川汇区 → 西华县$/,
      );
    });

    it("see who decided when they press after another clerk, on a card WeCom did not let the service update", async () => {
      const { no, card } = await newCaseCard();
      await waitUntil(() => cardsAbout("lisi", no).length > 0);
      const lisiCard = cardsAbout("lisi", no)[0]!;
      // Neither 张三's card nor 李四's (staff-card-refresh.test.ts) can be updated this time.
      const refused = () =>
        fake.callsOf("message/update_template_card").filter((c) => c.injected).length;
      const refusedBefore = refused();
      fake.failNext("message/update_template_card", 2, { errcode: 40058 });
      await press(fake.pressCardButton("zhangsan", card.task_id, `ok|${no}`).xml);
      await waitUntil(() => refused() === refusedBefore + 2);
      expect(await status(no)).toBe("assigned");
      const toLisi = textsFromNowTo("lisi");
      await press(fake.pressCardButton("lisi", lisiCard.task_id, `ok|${no}`).xml);
      await waitUntil(() => greyed(lisiCard) !== undefined);
      expect(greyed(lisiCard)).toBe("已由 张三 处理");
      await waitUntil(() => toLisi().length > 0);
      expect(toLisi()).toContain("已由 张三 处理");
      expect(await status(no)).toBe("assigned");
    });
  });

  describe("clerks, when a citizen asks for a review", () => {
    /**
     * A case routed on the card, answered by its unit and disputed by the citizen (复查); the
     * clerks' review card, and the units that answered and that are proposed to review.
     */
    async function reviewRequested(): Promise<{
      no: string;
      card: Card;
      answered: string;
      proposed: string;
    }> {
      const citizen = world.newCitizen();
      const { no, card: newCase } = await world.newCaseCard(citizen);
      await press(fake.pressCardButton("zhangsan", newCase.task_id, `ok|${no}`).xml);
      await waitUntil(async () => (await status(no)) === "assigned");
      const answered = (await caseRow(no)).unitId!;
      const handler = await service.app.db.staffMember.create({
        data: { username: `handler-${no}`, displayName: "王五", role: "handler", unitId: answered },
      });
      const actions = service.app.caseActions;
      const asHandler = { kind: "handler", id: handler.id, unitId: answered } as const;
      await actions.act(no, { type: "start" }, asHandler);
      await actions.act(
        no,
        { type: "answer", outcome: "explain", text: "路灯属供电公司维护，已转告。" },
        asHandler,
      );
      await actions.act(
        no,
        { type: "request_review" },
        { kind: "citizen", id: `wecom:${citizen.id}` },
      );
      await waitUntil(() => cardsAbout("zhangsan", no).length > 1);
      const requested = await service.app.db.timelineEntry.findFirstOrThrow({
        where: { case: { trackingNo: no }, kind: "review_requested" },
      });
      const proposed = (requested.data as { proposedUnitId: string }).proposedUnitId;
      return { no, card: cardsAbout("zhangsan", no)[1]!, answered, proposed };
    }

    it("get the request as a card with the proposed organ picked, never the unit that answered, and send it there in one tap", async () => {
      const { no, card, answered, proposed } = await reviewRequested();
      expect(proposed).toBe("urban_management.city");
      expect(answered).not.toBe(proposed);
      expect(card.main_title?.title).toBe(`【复查申请】${no}`);
      expect(card.main_title?.desc).toContain(`事项 ${no} 申请复查`);
      expect(card.main_title?.desc).toContain(
        "建议复查机关：周口市城市管理局（作出答复单位的上一级机关）",
      );
      const options = card.button_selection!.option_list.map((o) => o.id);
      expect(card.button_selection?.title).toBe("复查机关");
      expect(card.button_selection?.selected_id).toBe(proposed);
      expect(options[0]).toBe(proposed);
      expect(options).not.toContain(answered);
      expect(options.length).toBeGreaterThan(1);
      expect(card.button_list.map((b) => [b.key, b.text])).toEqual([[`rx|${no}`, "交办复查"]]);

      await press(fake.pressCardButton("zhangsan", card.task_id, `rx|${no}`).xml);
      await waitUntil(async () => (await caseRow(no)).unitId === proposed);
      expect(await status(no)).toBe("under_review");
      const reassigned = await service.app.db.timelineEntry.findFirstOrThrow({
        where: { case: { trackingNo: no }, kind: "reassigned" },
      });
      const clerk = await service.app.db.staffMember.findUniqueOrThrow({
        where: { username: "zhangsan" },
      });
      expect(reassigned).toMatchObject({ actorKind: "clerk", actorId: clerk.id });
      await waitUntil(() => greyed(card) !== undefined);
      expect(greyed(card)).toBe("已由 张三 交办");
    });

    it("send the review to another unit chosen in the drop-down", async () => {
      const { no, card, proposed } = await reviewRequested();
      const other = card.button_selection!.option_list.find((o) => o.id !== proposed)!;
      await press(fake.pressCardButton("zhangsan", card.task_id, `rx|${no}`, other.id).xml);
      await waitUntil(async () => (await caseRow(no)).unitId === other.id);
      expect(await status(no)).toBe("under_review");
    });

    it("see who sent it when they press after another clerk", async () => {
      const { no, card, proposed } = await reviewRequested();
      await waitUntil(() => cardsAbout("lisi", no).length > 1);
      const lisiCard = cardsAbout("lisi", no)[1]!;
      await press(fake.pressCardButton("zhangsan", card.task_id, `rx|${no}`).xml);
      await waitUntil(async () => (await caseRow(no)).unitId === proposed);
      const toLisi = textsFromNowTo("lisi");
      await press(fake.pressCardButton("lisi", lisiCard.task_id, `rx|${no}`).xml);
      await waitUntil(() => greyed(lisiCard) !== undefined);
      expect(greyed(lisiCard)).toBe("已由 张三 处理");
      await waitUntil(() => toLisi().length > 0);
      expect(toLisi()).toContain("已由 张三 处理");
      const moves = await service.app.db.timelineEntry.count({
        where: { case: { trackingNo: no }, kind: "reassigned" },
      });
      expect(moves).toBe(1);
    });

    it("choose the unit themselves when the directory has no organ to propose", async () => {
      // A report against officials answered by the city's discipline body: above it only the
      // petition bureau, which may not take a report.
      const no = await fileDirectly(
        service,
        1002,
        { category: "discipline", description: "川汇区某村支书把低保名额给了自己亲戚，要求查处" },
        { wecomStaff: true },
      );
      await waitUntil(() => cardsAbout("zhangsan", no).length > 0);
      const clerk = await service.app.db.staffMember.findUniqueOrThrow({
        where: { username: "zhangsan" },
      });
      const actions = service.app.caseActions;
      await actions.act(
        no,
        { type: "route", unitId: "discipline.city" },
        {
          kind: "clerk",
          id: clerk.id,
        },
      );
      const handler = await service.app.db.staffMember.create({
        data: {
          username: `handler-${no}`,
          displayName: "王五",
          role: "handler",
          unitId: "discipline.city",
        },
      });
      const asHandler = { kind: "handler", id: handler.id, unitId: "discipline.city" } as const;
      await actions.act(no, { type: "start" }, asHandler);
      await actions.act(
        no,
        { type: "answer", outcome: "reject", text: "经核查，反映的问题不属实。" },
        asHandler,
      );
      await actions.act(no, { type: "request_review" }, { kind: "citizen", id: "telegram:1002" });
      await waitUntil(() => cardsAbout("zhangsan", no).length > 1);
      const card = cardsAbout("zhangsan", no)[1]!;

      expect(card.main_title?.desc).toContain("建议复查机关：无");
      expect(card.button_selection?.selected_id).toBeUndefined();
      const options = card.button_selection!.option_list.map((o) => o.id);
      expect(options[0]).toBe("none");
      expect(options).toContain("discipline.chuanhui");
      expect(options).not.toContain("discipline.city");
      expect(options).not.toContain("petition_bureau.city");

      const toZhangsan = textsFromNowTo("zhangsan");
      await press(fake.pressCardButton("zhangsan", card.task_id, `rx|${no}`).xml);
      await waitUntil(() =>
        toZhangsan().some((t) => t.startsWith("名录中没有作出答复单位的上一级机关")),
      );
      expect((await caseRow(no)).unitId).toBe("discipline.city");
      await press(
        fake.pressCardButton("zhangsan", card.task_id, `rx|${no}`, "discipline.chuanhui").xml,
      );
      await waitUntil(async () => (await caseRow(no)).unitId === "discipline.chuanhui");
    });
  });

  describe("units", () => {
    /** A case of a citizen of its own, routed to its unit: the unit's card and the citizen. */
    async function assignedCase() {
      const citizen = world.newCitizen();
      return { ...(await world.assignedCase(citizen)), citizen };
    }

    it("start, then answer from the card; the citizen gets the answer in WeChat", async () => {
      const { no, card, citizen } = await assignedCase();
      expect(card.button_list.map((b) => b.key)).toEqual([
        `st|${no}`,
        `pg|${no}`,
        `ex|${no}`,
        `rt|${no}`,
      ]);
      await press(fake.pressCardButton(HANDLER, card.task_id, `st|${no}`).xml);
      await waitUntil(async () => (await status(no)) === "in_progress");
      await waitUntil(
        () => fake.currentCard(card.task_id)!.card.button_list[0]?.key === `an|${no}`,
      );
      const outcomes = fake.currentCard(card.task_id)!.card.button_selection;
      expect(outcomes?.option_list.map((o) => o.id)).toEqual(["support", "explain", "reject"]);

      const toHandler = textsFromNowTo(HANDLER);
      await press(fake.pressCardButton(HANDLER, card.task_id, `an|${no}`, "support").xml);
      await waitUntil(() => toHandler().some((t) => t.includes(`请回复 ${no}`)));
      await citizen.say("请问处理得怎么样了"); // the citizen's window is open
      await write(HANDLER, "路灯已于今日修复，感谢您的反映。");
      await waitUntil(() => toHandler().some((t) => t.includes(`${no} 承诺哪天办好？`)));
      await write(HANDLER, "不需要"); // no promised day (staff-answer-promise.test.ts)
      await waitUntil(async () => (await status(no)) === "answered");
      const row = await caseRow(no);
      expect(row.answerOutcome).toBe("support");
      expect(row.answerText).toBe("路灯已于今日修复，感谢您的反映。");
      await waitUntil(() => greyed(card) !== undefined);
      expect(greyed(card)).toBe("已由 王五 答复");
      await waitUntil(() =>
        fake.kfSent(citizen.id).some((m) => JSON.stringify(m.body).includes("路灯已于今日修复")),
      );
    });

    it("report progress typed in the app; the citizen reads it in WeChat and the card still offers 答复", async () => {
      const { no, card, citizen } = await assignedCase();
      const toHandler = textsFromNowTo(HANDLER);
      await press(fake.pressCardButton(HANDLER, card.task_id, `pg|${no}`).xml);
      await waitUntil(() => toHandler().some((t) => t.includes(`${no} 的办理进展`)));
      await citizen.say("请问处理得怎么样了"); // the citizen's window is open
      await write(HANDLER, "已派人现场查看，预计周五前修复");

      await waitUntil(async () => (await status(no)) === "in_progress");
      await waitUntil(() =>
        fake
          .kfSent(citizen.id)
          .some((m) =>
            JSON.stringify(m.body).includes("有新的办理进展：已派人现场查看，预计周五前修复。"),
          ),
      );
      // Reporting progress started the case: the citizen is told once, not twice.
      expect(
        fake.kfSent(citizen.id).some((m) => JSON.stringify(m.body).includes("已经开始办理")),
      ).toBe(false);
      await waitUntil(
        () => fake.currentCard(card.task_id)?.card.button_list[0]?.key === `an|${no}`,
      );
      expect(greyed(card)).toBeUndefined();
      expect(fake.currentCard(card.task_id)!.card.button_list.map((b) => b.key)).toEqual([
        `an|${no}`,
        `pg|${no}`,
        `ex|${no}`,
        `rt|${no}`,
      ]);
      const progress = await service.app.db.timelineEntry.findFirstOrThrow({
        where: { case: { trackingNo: no }, kind: "progress" },
      });
      expect(progress).toMatchObject({
        actorKind: "handler",
        note: "已派人现场查看，预计周五前修复",
      });
    });

    it("see on their card that a clerk marked the case urgent, never the clerk's reason", async () => {
      const { no, card } = await assignedCase();
      await service.app.caseActions.act(
        no,
        { type: "set_urgency", urgent: true, reason: "电话核实：灯杆漏电，有人被电到" },
        await clerk("zhangsan"),
      );

      await press(fake.pressCardButton(HANDLER, card.task_id, `st|${no}`).xml);

      await waitUntil(() => shown(card).button_list[0]?.key === `an|${no}`);
      const desc = shown(card).main_title?.desc;
      expect(desc).toMatch(/张三 📤 交办：.+\n.*张三 🚨 标为紧急\n.*王五 ▶ 开始办理$/);
      expect(desc).not.toContain("漏电");
    });

    it("return a case outside the unit's duties, with the reason typed; a blank reply is asked again", async () => {
      const { no, card } = await assignedCase();
      const toHandler = textsFromNowTo(HANDLER);
      await press(fake.pressCardButton(HANDLER, card.task_id, `rt|${no}`).xml);
      await waitUntil(() => toHandler().some((t) => t.includes("退回的原因")));
      await write(HANDLER, "   ");
      await waitUntil(() => toHandler().some((t) => t.startsWith("退回须说明理由")));
      expect(await status(no)).toBe("assigned");
      await write(HANDLER, "该路灯属于供电公司资产，不属于本单位管理");
      await waitUntil(async () => (await status(no)) === "returned");
      await waitUntil(() => greyed(card) !== undefined);
      expect(greyed(card)).toBe("已由 王五 退回");
    });

    it("ask for an extension as days and a reason; a reply without days or without a reason is asked again", async () => {
      const { no, card } = await assignedCase();
      const toHandler = textsFromNowTo(HANDLER);
      await press(fake.pressCardButton(HANDLER, card.task_id, `ex|${no}`).xml);
      await waitUntil(() => toHandler().some((t) => t.includes("延期的天数")));
      await write(HANDLER, "需要多一些时间");
      await waitUntil(() => toHandler().some((t) => t.startsWith("格式不对")));
      await write(HANDLER, "15");
      await waitUntil(() => toHandler().some((t) => t.startsWith("延期须说明理由")));
      expect(toHandler()).toContain("延期须说明理由。请回复延期 15 天的理由，例如：需要现场勘查");
      expect((await caseRow(no)).extensionDays).toBeNull();
      // The days are kept: the next message is the reason.
      await write(HANDLER, "需要协调供电公司");
      await waitUntil(async () => (await caseRow(no)).extensionDays === 15);
      expect((await caseRow(no)).extensionReason).toBe("需要协调供电公司");
      // The card stays usable, without 延期: the one extension is used.
      await waitUntil(() => fake.cardUpdates(card.task_id).length > 0);
      expect(greyed(card)).toBeUndefined();
      expect(fake.currentCard(card.task_id)!.card.button_list.map((b) => b.key)).toEqual([
        `st|${no}`,
        `pg|${no}`,
        `rt|${no}`,
      ]);
    });

    describe("in a world of their own (the test moves its clock, or its directory is wrong)", () => {
      const own = useStaffWorld();
      beforeEach(() => {
        world = own();
        ({ fake, service } = world);
      });

      it("no longer offer 退回 once the 5 working days to return the case are over", async () => {
        const { no, card } = await assignedCase();
        const { returnDueAt } = await caseRow(no);
        service.clock.set(new Date(returnDueAt!.getTime() + 60_000));
        await press(fake.pressCardButton(HANDLER, card.task_id, `st|${no}`).xml);
        await waitUntil(
          () => fake.currentCard(card.task_id)?.card.button_list[0]?.key === `an|${no}`,
        );
        expect(fake.currentCard(card.task_id)!.card.button_list.map((b) => b.key)).toEqual([
          `an|${no}`,
          `pg|${no}`,
          `ex|${no}`,
        ]);
      });

      it("refuse a handler of another unit, even one the card reached", async () => {
        // A misconfigured directory sends the unit's cards to a handler of another unit too.
        await service.app.db.unit.updateMany({
          data: { wecomUserIds: `${HANDLER},other-handler` },
        });
        const { no, unitId } = await assignedCase();
        await world.handlerOfAnotherUnit(unitId, "other-handler");
        await waitUntil(() => cardsAbout("other-handler", no).length > 0);
        const card = cardsAbout("other-handler", no)[0]!;
        const toOther = textsFromNowTo("other-handler");
        await press(fake.pressCardButton("other-handler", card.task_id, `st|${no}`).xml);
        await waitUntil(() => toOther().some((t) => t.includes("无权操作")));
        expect(toOther()).toContain("这个事项不在本单位，您无权操作。");
        expect(await status(no)).toBe("assigned");
      });
    });
  });

  it("refuses a press from a userid that is no staff member", async () => {
    const { no, card } = await newCaseCard();
    const { xml } = fake.pressCardButton("zhangsan", card.task_id, `ok|${no}`);
    await press(xml.replace("<![CDATA[zhangsan]]>", "<![CDATA[intruder]]>"));
    await sleep(500);
    expect(await status(no)).toBe("submitted");
    expect(fake.cardUpdates(card.task_id)).toHaveLength(0);
  });

  it("tells a stranger writing to the app that only registered staff may act", async () => {
    expect(await world.answerTo("stranger", fake.appText("stranger", "你好").xml)).toContain(
      "无权操作",
    );
  });

  it("tells staff who write without a question to use the cards", async () => {
    const answer = await world.answerTo(
      "zhangsan",
      fake.appText("zhangsan", "ZK-20260101-0001 怎么样了").xml,
    );
    expect(answer).toContain("卡片");
  });
});
