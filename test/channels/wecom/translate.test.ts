import { describe, expect, it } from "vitest";
import {
  numberedOptions,
  planKfMessages,
  textChunks,
  toCitizenEvent,
  typedChoice,
} from "../../../src/channels/wecom/translate.ts";
import type { OutgoingMessage } from "../../../src/domain/intake/replies.ts";

const question: OutgoingMessage = {
  text: "这件事发生在哪里？",
  choices: [[{ id: "d1:place:unknown", label: "说不清具体地址" }]],
  request: "location",
  requestLabel: "发送位置",
};
const many: OutgoingMessage = {
  text: "请选择类别：",
  choices: Array.from({ length: 12 }, (_, i) => [{ id: `d1:cat:c${i}`, label: `类别${i + 1}` }]),
};

describe("WeCom translation", () => {
  it("maps a menu click, a typed number and an exact label to the choice id", () => {
    const options = numberedOptions([question]);
    expect(toCitizenEvent({ type: "text", text: "说不清", menuId: "d1:x" }, options)).toEqual({
      type: "choice",
      id: "d1:x",
    });
    expect(typedChoice("1", options)).toBe("d1:place:unknown");
    expect(typedChoice(" １、", options)).toBe("d1:place:unknown");
    expect(typedChoice("说不清具体地址", options)).toBe("d1:place:unknown");
    expect(typedChoice("2", options)).toBeUndefined();
    expect(toCitizenEvent({ type: "text", text: "12号楼" }, options)).toEqual({
      type: "text",
      text: "12号楼",
    });
    expect(toCitizenEvent({ type: "image", mediaId: "m1" }, [])).toEqual({
      type: "photo",
      fileId: "m1",
    });
  });

  it("merges a turn into one menu message when the texts fit its head", () => {
    const plan = planKfMessages([{ text: "收到。" }, question], 5, "zh");
    expect(plan).toEqual({
      trimmed: false,
      messages: [
        {
          msgtype: "msgmenu",
          msgmenu: {
            head_content: "收到。\n\n这件事发生在哪里？",
            list: [
              { type: "click", click: { id: "d1:place:unknown", content: "1. 说不清具体地址" } },
            ],
            tail_content: "点击选项，或回复序号。",
          },
        },
      ],
    });
  });

  it("sends a long text and then the menu, or one numbered text when only one message is left", () => {
    const long = { text: "长".repeat(400) };
    expect(planKfMessages([long, question], 5, "zh").messages.map((m) => m.msgtype)).toEqual([
      "text",
      "msgmenu",
    ]);
    const one = planKfMessages([long, question], 1, "en");
    expect(one.trimmed).toBe(false);
    expect(one.messages).toHaveLength(1);
    expect(one.messages[0]).toMatchObject({ msgtype: "text" });
    expect(JSON.stringify(one.messages[0])).toContain("1. 说不清具体地址");
    expect(JSON.stringify(one.messages[0])).toContain("reply with its number");
  });

  it("lists more than 10 options as numbered lines", () => {
    const plan = planKfMessages([many], 5, "zh");
    expect(plan.messages).toHaveLength(1);
    expect(plan.messages[0]).toMatchObject({ msgtype: "text" });
    expect(JSON.stringify(plan.messages[0])).toContain("12. 类别12");
  });

  it("never plans more messages than the budget; keeps the end of the turn", () => {
    const huge = { text: Array.from({ length: 30 }, () => "长".repeat(200)).join("\n") };
    expect(planKfMessages([huge, question], 5, "zh").messages.length).toBeLessThanOrEqual(5);
    const trimmed = planKfMessages([huge, question], 2, "zh");
    expect(trimmed.trimmed).toBe(true);
    expect(trimmed.messages).toHaveLength(2);
    expect(JSON.stringify(trimmed.messages[1])).toContain("说不清具体地址");
    expect(planKfMessages([question], 0, "zh")).toEqual({ messages: [], trimmed: true });
  });

  it("cuts a case's page too long for the budget to its beginning and where to read it all, the options and the question after it kept", () => {
    const sentences = Array.from({ length: 400 }, (_, i) => `第${i + 1}项已处理完毕。`).join("");
    const page: OutgoingMessage = {
      text: `编号：ZK-20261128-0001\n\n答复：\n${sentences}`,
      choices: [[{ id: "g:supplement:ZK-20261128-0001", label: "补充内容" }]],
      casePage: { trackingNo: "ZK-20261128-0001", unitName: "川汇区城市管理局" },
    };
    const plan = planKfMessages([page, question], 5, "zh", (p) => `（请向${p.unitName}索取。）`);
    expect(plan.trimmed).toBe(false);
    expect(plan.messages).toHaveLength(5);
    const texts = plan.messages
      .slice(0, -1)
      .map((m) => (m.msgtype === "text" ? m.text.content : ""));
    expect(texts[0]!.startsWith("编号：ZK-20261128-0001\n")).toBe(true);
    expect(texts.at(-1)!.endsWith("。\n（请向川汇区城市管理局索取。）")).toBe(true);
    expect(texts.every((t) => Buffer.byteLength(t) <= 2048)).toBe(true);
    // The options of the page and of the question after it, numbered as the turn numbers them.
    expect(plan.messages.at(-1)).toMatchObject({
      msgtype: "msgmenu",
      msgmenu: {
        head_content: "这件事发生在哪里？",
        list: [
          { click: { id: "g:supplement:ZK-20261128-0001", content: "1. 补充内容" } },
          { click: { id: "d1:place:unknown", content: "2. 说不清具体地址" } },
        ],
      },
    });
  });

  it("splits text at WeCom's 2048-byte limit without breaking characters", () => {
    const chunks = textChunks(`${"长".repeat(1000)}\n短`);
    expect(chunks.every((c) => Buffer.byteLength(c) <= 2048)).toBe(true);
    expect(chunks.join("")).toBe(`${"长".repeat(1000)}\n短`);
  });
});
