/**
 * The WeCom staff cards follow the case wherever it is decided, as Telegram's do: a clerk in
 * the web console, a direct call of the case actions, another clerk's card. Each card is
 * updated through WeCom's message/update_template_card with the response_code WeCom gave it
 * (when sent, or at its latest press), used once: the clerks' card shows the history while the
 * case is still to be routed and is greyed with who decided once it is not; a unit's card shows
 * what is left to do, with the history for the unit (never a clerk's reason for an urgency).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../../src/console/passwords.ts";
import { createConsoleStaffStore } from "../../../src/storage/staff-store.ts";
import type { CardShape } from "../../support/fake-wecom.ts";
import { fileDirectly } from "../../support/telegram-staff.ts";
import { waitUntil } from "../../support/wait.ts";
import { ConsoleClient, PASSWORD } from "../../console/console-world.ts";
import { startWeComStaffWorld, type WeComStaffWorld } from "./wecom-staff.ts";

const HANDLER = "unit-handler-1";

describe(
  "WeCom staff cards kept up to date after decisions taken elsewhere",
  { timeout: 60_000 },
  () => {
    let world: WeComStaffWorld;
    let console: ConsoleClient;
    beforeAll(async () => {
      world = await startWeComStaffWorld(HANDLER);
      await world.service.app.db.staffMember.create({
        data: { username: "lisi", displayName: "李四", role: "clerk", wecomUserId: "lisi" },
      });
      await createConsoleStaffStore(world.service.app.db).add({
        username: "liu",
        displayName: "刘芳",
        role: "clerk",
        unitId: null,
        passwordHash: await hashPassword(PASSWORD),
      });
      console = new ConsoleClient(world.service.url);
      expect((await console.signIn("liu")).status).toBe(200);
    });
    afterAll(() => world.stop());

    let citizen = 7000;
    /** A new case and its card to each clerk, 张三 and 李四. */
    async function newCaseCards(): Promise<{ no: string; zhangsan: CardShape; lisi: CardShape }> {
      const contact = { kind: "named", name: "张秀英", phone: "13812345678" } as const;
      const no = await fileDirectly(world.service, ++citizen, { contact }, { wecomStaff: true });
      await waitUntil(
        () =>
          world.cardsAbout("zhangsan", no).length > 0 && world.cardsAbout("lisi", no).length > 0,
      );
      return {
        no,
        zhangsan: world.cardsAbout("zhangsan", no)[0]!,
        lisi: world.cardsAbout("lisi", no)[0]!,
      };
    }
    const shown = (card: CardShape) => world.fake.currentCard(card.task_id)!;
    const act = (no: string, action: Record<string, unknown>, expectedStatus?: string) =>
      console.send("POST", `/api/cases/${no}/actions`, {
        action,
        ...(expectedStatus && { expectedStatus }),
      });

    it("greys every clerk's card with who decided when a clerk routes the case in the web console", async () => {
      const { no, zhangsan, lisi } = await newCaseCards();
      const unitId = zhangsan.button_selection!.selected_id!;

      expect((await act(no, { type: "route", unitId }, "submitted")).status).toBe(200);

      await waitUntil(
        () => shown(zhangsan).greyed !== undefined && shown(lisi).greyed !== undefined,
      );
      expect(shown(zhangsan).greyed).toBe("已由 刘芳 处理");
      expect(shown(lisi).greyed).toBe("已由 刘芳 处理");
      // Each update spent the code WeCom gave the card when it was sent, for that member only.
      const updates = world.fake.cardUpdates(zhangsan.task_id);
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({ userids: ["zhangsan"], agentid: world.fake.agentId });
    });

    it("shows the clerks the urgency marked in the web console, with its reason, the card still to route", async () => {
      const { no, zhangsan } = await newCaseCards();

      const reason = "电话核实：井口冒出燃气味";
      expect((await act(no, { type: "set_urgency", urgent: true, reason })).status).toBe(200);

      await waitUntil(() => world.fake.cardUpdates(zhangsan.task_id).length > 0);
      const { card, greyed } = shown(zhangsan);
      expect(greyed).toBeUndefined();
      expect(card.main_title?.desc).toMatch(/刘芳 🚨 标为紧急：电话核实：井口冒出燃气味$/);
      expect(card.button_list.map((b) => b.key)).toEqual([`ok|${no}`, `na|${no}`]);
      // The card is still the clerk's to route from, with the press's own code.
      await world.post(world.fake.pressCardButton("zhangsan", zhangsan.task_id, `ok|${no}`).xml);
      await waitUntil(async () => (await world.status(no)) === "assigned");
      await waitUntil(() => shown(zhangsan).greyed !== undefined);
      expect(shown(zhangsan).greyed).toBe("已由 张三 确认");
    });

    it("shortens a long description, not the history, to fit WeCom's 1,000 characters, and says where to read it in full", async () => {
      const description = "小区门口的路灯坏了一个多月，晚上一片漆黑，老人孩子出门很不方便。".repeat(
        40,
      );
      const contact = { kind: "named", name: "张秀英", phone: "13812345678" } as const;
      const no = await fileDirectly(
        world.service,
        ++citizen,
        { contact, description },
        { wecomStaff: true },
      );
      await waitUntil(() => world.cardsAbout("zhangsan", no).length > 0);
      const card = world.cardsAbout("zhangsan", no)[0]!;
      const reason = "电话核实：路口有人摔伤";

      expect((await act(no, { type: "set_urgency", urgent: true, reason })).status).toBe(200);

      await waitUntil(() => world.fake.cardUpdates(card.task_id).length > 0);
      const desc = shown(card).card.main_title!.desc!;
      expect(desc.length).toBeLessThanOrEqual(1000);
      expect(desc).toMatch(/…（内容较长，全文见工作台.*）\n/);
      expect(desc).toMatch(/刘芳 🚨 标为紧急：电话核实：路口有人摔伤$/);
    });

    it("greys the other clerk's card when one routes it on the card; the pressed card says who confirmed", async () => {
      const { no, zhangsan, lisi } = await newCaseCards();
      const pressed = world.fake.pressCardButton("zhangsan", zhangsan.task_id, `ok|${no}`);

      await world.post(pressed.xml);

      await waitUntil(
        () => shown(zhangsan).greyed !== undefined && shown(lisi).greyed !== undefined,
      );
      expect(shown(zhangsan).greyed).toBe("已由 张三 确认");
      expect(shown(lisi).greyed).toBe("已由 张三 处理");
      // The pressed card is the desk's, with the press's code: the refresh leaves it be.
      expect(world.fake.cardUpdates(zhangsan.task_id)).toEqual([
        expect.objectContaining({ response_code: pressed.responseCode }),
      ]);
    });

    it("shows the unit the urgency marked in the web console, without the clerk's reason, and what it can still do", async () => {
      const { no, card } = await world.assignedCase(world.newCitizen());
      const reason = "电话核实：井口冒出燃气味";

      expect((await act(no, { type: "set_urgency", urgent: true, reason })).status).toBe(200);

      await waitUntil(() => world.fake.cardUpdates(card.task_id).length > 0);
      const now = shown(card);
      expect(now.greyed).toBeUndefined();
      expect(now.card.main_title?.desc).toMatch(/刘芳 🚨 标为紧急$/m);
      expect(now.card.main_title?.desc).not.toContain("燃气味");
      expect(now.card.main_title?.desc).not.toContain("13812345678");
      expect(now.card.button_list.map((b) => b.key)).toEqual(card.button_list.map((b) => b.key));
    });

    it("greys the unit's card when the case is sent to another unit in the web console", async () => {
      const { no, card, unitId } = await world.assignedCase(world.newCitizen());
      const other = await world.service.app.db.unit.findFirstOrThrow({
        where: { id: { not: unitId } },
      });

      const moved = await act(no, { type: "reassign", unitId: other.id });

      expect(moved.status).toBe(200);
      await waitUntil(() => shown(card).greyed !== undefined);
      expect(shown(card).greyed).toBe("已由 刘芳 处理");
    });
  },
);
