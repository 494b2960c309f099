/**
 * A contact number that is a relative's or a neighbour's, in either language: kept with whose it
 * is, shown so to the citizen (the summary, their case), and dropped with the number when they
 * change it before sending.
 */
import { describe, expect, it } from "vitest";
import { citizenCase, Conversation, createWorld } from "./fakes.ts";

/** A citizen at the contact question of a draft, in English. */
async function atTheContactQuestionInEnglish(): Promise<Conversation> {
  const c = new Conversation(await createWorld());
  await c.command("new");
  await c.say("楼下饭店卖过期食品");
  await c.command("lang", "en");
  await c.tap("Yes, that's right");
  await c.say("Renmin Road 5, near the bus station");
  await c.tap("Chuanhui District");
  await c.tap("I don't remember");
  await c.tap("No photos");
  expect(c.state.step).toBe("contact");
  return c;
}

/** A citizen at the contact question of a draft about a street light. */
async function atTheContactQuestion(): Promise<Conversation> {
  const c = new Conversation(await createWorld());
  await c.command("new");
  await c.say("路灯坏了好几天了，川汇区人民路");
  await c.tap("对，就是这个");
  await c.tap("没有照片");
  expect(c.state.step).toBe("contact");
  return c;
}

describe("a relative's or a neighbour's number said in English", () => {
  it("keeps the son's number with his name, asks the citizen's own, and shows whose it is", async () => {
    const c = await atTheContactQuestionInEnglish();
    await c.say("call my son 13838281234, his name is Li Qiang");
    expect(c.state.step).toBe("contact_name");
    expect(c.state.draft?.contact).toEqual({
      kind: "named",
      phone: "13838281234",
      name: null,
      holder: { relation: "son", name: "Li Qiang" },
    });
    await c.say("Tom");
    expect(c.text).toContain("Tom, 13838281234 (your son Li Qiang's number)");
    await c.tap("Send");
    expect(c.text).toContain("3. Staff may call your son Li Qiang's number for details");
  });

  it.each([
    ["my daughter's number is 13838281234", "daughter"],
    ["13838281234, this is my neighbour's phone", "neighbour"],
    ["My son-in-law: 13838281234", "son_in_law"],
  ])("keeps whose the number is in %j", async (said, relation) => {
    const c = await atTheContactQuestionInEnglish();
    await c.say(said);
    expect(c.state.draft?.contact).toEqual({
      kind: "named",
      phone: "13838281234",
      name: null,
      holder: { relation, name: null },
    });
  });

  it("takes a number said beside a relative's trouble as the citizen's own", async () => {
    const c = await atTheContactQuestionInEnglish();
    await c.say("My son is ill, I'm Tom, call me on 13838281234");
    expect(c.state.draft?.contact).not.toHaveProperty("holder");
  });
});

describe("a relative's number said in Chinese with a particle", () => {
  it("keeps the daughter's number said as '打俺闺女的吧', and the name said before it", async () => {
    const c = await atTheContactQuestion();
    await c.say("俺叫张桂兰，没手机，打俺闺女的吧 15803941234");
    expect(c.state.draft?.contact).toEqual({
      kind: "named",
      phone: "15803941234",
      name: "张桂兰",
      holder: { relation: "daughter", name: null },
    });
    expect(c.text).toContain("【联系方式】张桂兰，15803941234（您女儿的电话）");

    await c.tap("提交");
    expect(c.text).toContain("3. 工作人员可能会打您女儿的电话了解情况，请跟女儿说一声，留意来电。");
  });

  it("takes a number said beside '我老伴吧' as the citizen's own", async () => {
    const c = await atTheContactQuestion();
    await c.say("俺姓刘，我老伴吧身体不好，打这个 13838281234");
    expect(c.state.draft?.contact).not.toHaveProperty("holder");
  });
});

describe("whose the number is, as the citizen reads it", () => {
  it("is gone from the summary when the citizen changes the number there", async () => {
    const c = await atTheContactQuestion();
    await c.say("打俺儿子电话13838281234，他叫李强");
    await c.say("俺姓王");
    expect(c.text).toContain("【联系方式】王，13838281234（您儿子李强的电话）");
    await c.say("电话改成13912345678");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("【联系方式】王，13912345678\n");
    expect(c.text).not.toContain("儿子");
  });

  it("is the daughter's when the citizen changes the number there to hers, the name kept", async () => {
    const c = await atTheContactQuestion();
    await c.say("王秀兰 13838281234");
    expect(c.state.step).toBe("summary");
    await c.say("电话写错了，打我女儿的吧 15837461234");
    expect(c.state.step).toBe("summary");
    expect(c.text).toContain("【联系方式】王秀兰，15837461234（您女儿的电话）");
  });

  it("reads a draft stored before the relation codes, with the word said (儿子), as the son's", async () => {
    const c = await atTheContactQuestion();
    await c.say("打俺儿子电话13838281234，他叫李强");
    const stored = JSON.parse(JSON.stringify(c.state));
    stored.draft.contact.holder.relation = "儿子";
    c.state = stored;
    expect(c.state.draft?.contact).toMatchObject({ holder: { relation: "son", name: "李强" } });
    await c.say("俺姓王");
    expect(c.text).toContain("【联系方式】王，13838281234（您儿子李强的电话）");
  });

  it("is shown in the citizen's case, the number masked, in Chinese and English", async () => {
    const c = new Conversation(await createWorld());
    const contact = { phone: "13838281234", holder: { relation: "son" as const, name: "李强" } };
    c.world.cases.add("telegram:1001", citizenCase("ZK-20261120-0007", { contact }));
    c.world.cases.add(
      "telegram:1001",
      citizenCase("ZK-20261120-0008", { contact: { ...contact, holder: null } }),
    );
    await c.command("status", "ZK-20261120-0007");
    expect(c.text).toContain("联系电话：138****1234（您儿子李强的电话）");
    expect(c.text).not.toContain("13838281234");
    await c.command("status", "ZK-20261120-0008");
    expect(c.text).toContain("联系电话：138****1234\n");
    await c.command("lang", "en");
    await c.command("status", "ZK-20261120-0007");
    expect(c.text).toContain("Contact phone: 138****1234 (your son 李强's number)");
  });
});
