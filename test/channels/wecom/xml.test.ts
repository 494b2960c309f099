import { describe, expect, it } from "vitest";
import { WeComCallbackError } from "../../../src/channels/wecom/errors.ts";
import {
  buildCallbackEnvelope,
  parseCallbackEnvelope,
  parseCallbackEvent,
} from "../../../src/channels/wecom/xml.ts";

function malformed(fn: () => unknown): WeComCallbackError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WeComCallbackError) return error;
    throw error;
  }
  throw new Error("expected a WeComCallbackError");
}

describe("WeCom callback XML", () => {
  it("reads the encrypted envelope", () => {
    const xml = buildCallbackEnvelope({ toUserName: "ww1", agentId: "1000002", encrypt: "abc+/=" });
    expect(parseCallbackEnvelope(xml)).toEqual({
      toUserName: "ww1",
      agentId: "1000002",
      encrypt: "abc+/=",
    });
  });

  it("reads kf_msg_or_event (the documented example)", () => {
    const xml = `<xml>
      <ToUserName><![CDATA[ww12345678910]]></ToUserName>
      <CreateTime>1348831860</CreateTime>
      <MsgType><![CDATA[event]]></MsgType>
      <Event><![CDATA[kf_msg_or_event]]></Event>
      <Token><![CDATA[ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR]]></Token>
      <OpenKfId><![CDATA[wkxxxxxxx]]></OpenKfId>
    </xml>`;
    expect(parseCallbackEvent(xml)).toEqual({
      type: "kf_msg_or_event",
      corpId: "ww12345678910",
      createTime: 1348831860,
      token: "ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR",
      openKfId: "wkxxxxxxx",
    });
  });

  it("reads template_card_event with selected items", () => {
    const xml = `<xml><ToUserName><![CDATA[toUser]]></ToUserName>
      <FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>123456789</CreateTime>
      <MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>
      <EventKey><![CDATA[accept]]></EventKey><TaskId><![CDATA[case-20260105-0001]]></TaskId>
      <CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[rc1]]></ResponseCode>
      <AgentID>1000002</AgentID>
      <SelectedItems><SelectedItem><QuestionKey><![CDATA[q1]]></QuestionKey>
      <OptionIds><OptionId><![CDATA[o1]]></OptionId></OptionIds></SelectedItem></SelectedItems></xml>`;
    expect(parseCallbackEvent(xml)).toEqual({
      type: "template_card_event",
      corpId: "toUser",
      fromUserName: "zhangsan",
      createTime: 123456789,
      eventKey: "accept",
      taskId: "case-20260105-0001",
      cardType: "button_interaction",
      responseCode: "rc1",
      agentId: "1000002",
      selectedItems: [{ questionKey: "q1", optionIds: ["o1"] }],
    });
  });

  it("keeps a 64-bit MsgId a string", () => {
    const xml = `<xml><ToUserName>ww1</ToUserName><FromUserName>lisi</FromUserName>
      <CreateTime>1348831860</CreateTime><MsgType>text</MsgType><Content>已处理</Content>
      <MsgId>1234567890123456789</MsgId><AgentID>1</AgentID></xml>`;
    const event = parseCallbackEvent(xml);
    expect(event).toMatchObject({ type: "text", msgId: "1234567890123456789", content: "已处理" });
  });

  it("reads a photo sent to the app with its MediaId", () => {
    const xml = `<xml><ToUserName>ww1</ToUserName><FromUserName>lisi</FromUserName>
      <CreateTime>1348831860</CreateTime><MsgType>image</MsgType>
      <PicUrl>https://wework.qpic.cn/m1</PicUrl><MediaId>m1</MediaId>
      <MsgId>1234567890123456789</MsgId><AgentID>1</AgentID></xml>`;
    expect(parseCallbackEvent(xml)).toMatchObject({
      type: "image",
      fromUserName: "lisi",
      mediaId: "m1",
      msgId: "1234567890123456789",
    });
  });

  it("passes unknown callbacks through as 'other'", () => {
    const xml = `<xml><ToUserName>ww1</ToUserName><FromUserName>u</FromUserName>
      <CreateTime>1408091189</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event>
      <EventKey></EventKey><AgentID>1</AgentID></xml>`;
    expect(parseCallbackEvent(xml)).toEqual({
      type: "other",
      msgType: "event",
      event: "enter_agent",
      fromUserName: "u",
      agentId: "1",
    });
  });

  it.each([
    ["not XML", "hello"],
    ["unclosed tag", "<xml><Encrypt>abc</xml>"],
    ["no Encrypt", "<xml><ToUserName>ww1</ToUserName></xml>"],
    ["empty", ""],
    ["entity expansion", '<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Encrypt>&a;</Encrypt></xml>'],
  ])("refuses a malformed envelope (%s) with a typed error", (_name, xml) => {
    expect(malformed(() => parseCallbackEnvelope(xml)).refusal).toBe("malformed");
  });

  it("refuses a kf_msg_or_event without Token", () => {
    const xml =
      "<xml><ToUserName>ww1</ToUserName><CreateTime>1</CreateTime><MsgType>event</MsgType>" +
      "<Event>kf_msg_or_event</Event><OpenKfId>wk1</OpenKfId></xml>";
    const error = malformed(() => parseCallbackEvent(xml));
    expect(error.message).toContain("Token");
  });
});
