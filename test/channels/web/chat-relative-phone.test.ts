/**
 * A relative's number left in the web chat ("打俺儿子电话13838281234，他叫李强"), from the chat to
 * what the clerks read: the case keeps whose the number is, and the clerks see it beside the
 * phone on the case page, in the export and on their card — so that whoever calls asks for 李强
 * and then for the citizen, 王.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { staffZh } from "../../../src/notifications/staff-messages-zh.ts";
import { startConsoleWorld, type ConsoleWorld } from "../../console/console-world.ts";
import { caseCards } from "../../support/clerk-card-text.ts";
import { reachContactQuestion, receiptOf, WebCitizen } from "./web-citizen.ts";

describe("a relative's phone left in the web chat", { timeout: 30_000 }, () => {
  let world: ConsoleWorld;
  let trackingNo: string;

  beforeAll(async () => {
    world = await startConsoleWorld();
    await world.addStaff("li", "clerk");
  });

  it("is filed with whose it is, after the citizen's own name is asked", async () => {
    const citizen = new WebCitizen(world.url);
    await reachContactQuestion(citizen);
    await citizen.say("打俺儿子电话13838281234，他叫李强");
    await citizen.say("俺姓王");
    expect(citizen.text).toContain("【联系方式】王，13838281234（您儿子李强的电话）");
    await citizen.tap("提交");
    ({ trackingNo } = receiptOf(citizen));

    expect(await world.app.db.case.findUniqueOrThrow({ where: { trackingNo } })).toMatchObject({
      contactName: "王",
      contactPhone: "13838281234",
      contactHolderRelation: "son",
      contactHolderName: "李强",
    });
  });

  it("shows the clerks whose the phone is on the case page, in the export and on their card", async () => {
    const clerk = world.client();
    expect((await clerk.signIn("li")).status).toBe(200);

    const detail = (await clerk.get(`/api/cases/${trackingNo}`)).json;
    expect(detail.contact.phone + detail.contactHolder.zh).toBe("13838281234（儿子李强的电话）");
    const [header, ...rows] = (await clerk.get("/api/export.csv")).text.split("\r\n");
    const row = rows.find((r) => r.startsWith(trackingNo))!.split(",");
    expect(row[header!.split(",").indexOf("电话机主")]).toBe("儿子李强");
    const card = staffZh.clerkCard((await caseCards(world.app).clerkCard(trackingNo))!);
    expect(card).toContain(
      "反映人：王（只留了姓）  电话：13838281234（儿子李强的电话）（仅限登记人员可见）",
    );
  });
});
