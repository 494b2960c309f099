/**
 * Adding to a running case in 微信客服 (补充), against the fake WeCom server: the question and
 * the case's page come as WeChat's click menus, the words typed after "补充一下：" go to the case
 * the citizen already has on their yes, through the case's supplement action as in every
 * channel, and the case's page shows them back as "您补充了：…". An image sent after the words
 * goes with them, one of the case's photos on the yes; an image sent alone is added without
 * words on 就补充照片.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/test-app.ts";
import {
  fileComplaint,
  startWeComCitizenWorld,
  type WeComCitizen,
  type WeComCitizenWorld,
} from "./wecom-citizen.ts";

const ADDITION = "井盖旁边还有个大坑，已经有人摔倒了";

describe("adding to a running case on WeCom", { timeout: 60_000 }, () => {
  let service: TestApp;
  let citizen: WeComCitizen;
  let world: WeComCitizenWorld;

  beforeEach(async () => {
    world = await startWeComCitizenWorld();
    ({ service, citizen } = world);
  });
  afterEach(() => world.stop());

  const additions = (no: string) =>
    service.app.db.timelineEntry.findMany({
      where: { case: { trackingNo: no }, kind: "supplemented" },
      orderBy: { at: "asc" },
    });

  it("adds 补充一下：… to the citizen's case after their yes, and shows it on its page", async () => {
    const no = await fileComplaint(citizen);
    const cases = await service.app.db.case.count();

    await citizen.say(`补充一下：${ADDITION}`);
    expect(citizen.text).toContain(`要把这段话补充到编号 ${no}（市政市容）吗？`);
    expect(await additions(no)).toEqual([]);

    await citizen.click("补充进去");
    expect(citizen.text).toContain(`已补充到编号 ${no}，办理的工作人员会看到。`);
    expect((await additions(no)).map((entry) => entry.data)).toEqual([{ text: ADDITION }]);
    expect(await service.app.db.case.count()).toBe(cases);

    await citizen.click("查看我反映过的事");
    await citizen.click(`查看 ${no}`);
    expect(citizen.text).toContain(`您补充了：${ADDITION}`);
  });

  it("shows a case with long additions from its number on, its buttons too, in the messages WeCom allows", async () => {
    const no = await fileComplaint(citizen);
    const long = (thing: string) =>
      `补充一下：${thing}也坏了。`.padEnd(1900, "水一直往外冒，晚上看不清。");
    for (const thing of ["井盖", "电线", "路面"]) {
      await citizen.say(long(thing));
      await citizen.click("补充进去");
    }

    await citizen.click("查看我反映过的事");
    await citizen.click(`查看 ${no}`);

    expect(citizen.text).toContain(`编号：${no}`);
    expect(citizen.text).toContain("现在：已收到，等待受理");
    expect(citizen.text).toContain(`您补充了：${long("路面").slice(5, 60)}`);
    expect(citizen.text).toContain("补充到这件事");
  });

  it("quotes a 1,900-character addition back cut short, the question and its buttons in one menu", async () => {
    const no = await fileComplaint(citizen);
    const words = "井盖旁边的坑越来越大，".repeat(190);

    await citizen.say(`补充一下：${words}`);

    expect(citizen.replies).toHaveLength(1);
    expect(citizen.text).toContain(`要把这段话补充到编号 ${no}（市政市容）吗？`);
    expect(citizen.text).toContain(`“${words.slice(0, 300)}…”`);
    await citizen.click("补充进去");
    expect((await additions(no)).map((entry) => entry.data)).toEqual([{ text: words }]);
  });

  it("asks for the words from the case's page, and takes the next message", async () => {
    const no = await fileComplaint(citizen);
    await citizen.click("查看我反映过的事");
    await citizen.click(`查看 ${no}`);
    await citizen.click("补充到这件事");
    expect(citizen.text).toContain(`请说要补充的内容（补充到编号 ${no}）。`);
    await citizen.say(ADDITION);
    await citizen.say("是的");
    expect((await additions(no)).map((entry) => entry.data)).toEqual([{ text: ADDITION }]);
  });

  it("keeps an image sent after the words with the addition, as one of the case's photos", async () => {
    const no = await fileComplaint(citizen);
    await citizen.say("补充一下，井盖旁边的坑我拍了照片");
    await citizen.sendImage();
    expect(citizen.text).toContain(`要把这段话和 1 张照片补充到编号 ${no}（市政市容）吗？`);
    const photos = () =>
      service.app.db.attachment.findMany({ where: { case: { trackingNo: no }, channel: "wecom" } });
    const before = (await photos()).length;

    await citizen.click("补充进去");
    const [entry] = await additions(no);
    const photoIds = (entry?.data as { photoIds?: string[] }).photoIds;
    expect(photoIds).toHaveLength(1);
    const attached = (await photos()).filter((photo) => photo.fileId === photoIds![0]);
    expect(attached).toEqual([expect.objectContaining({ ratingStage: null })]);
    expect(await photos()).toHaveLength(before + 1);
  });

  it("adds an image sent alone without words on 就补充照片, and its page says so", async () => {
    const no = await fileComplaint(citizen);
    await citizen.sendImage();
    expect(citizen.text).toContain("收到照片。是补充您正在办理的事吗？");
    await citizen.click("就补充照片");
    expect(citizen.text).toContain(`已把 1 张照片补充到编号 ${no}（没有文字说明）`);
    const [entry] = await additions(no);
    expect(entry?.data).toEqual({ text: null, photoIds: [expect.any(String)] });
    await citizen.say(`查询 ${no}`);
    expect(citizen.text).toContain("您补充了：照片 1 张（没有文字）");
  });
});
