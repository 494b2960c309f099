/**
 * A question about a public matter is a consultation (咨询): the citizen wants an answer from the
 * competent unit, not a wrong put right. Asked as citizens ask — the elderly, in dialect words
 * (俺/咋/啥), in English. A complaint phrased as a question stays a complaint, and a question
 * about the service or the citizen's own case is none of this reader's.
 */
import { describe, expect, it } from "vitest";
import { asksForConsultation } from "../../../src/domain/intake/consultation-words.ts";

describe("a question about a public matter is a consultation", () => {
  it.each([
    "请问今年新农合一年交多少钱，在哪交",
    "孩子上小学要准备什么材料",
    "办居住证需要啥手续",
    "俺想问问新农合咋交",
    "俺家孙子明年上幼儿园，得准备些啥材料？",
    "请问身份证丢了在哪里补办",
    "老年卡怎么办理？俺今年七十了",
    "请问高龄补贴一个月发多少",
    "俺闺女在外地上班，户口能不能迁回来",
    "请问外地人可以在这里办居住证吗",
    "低保需要什么条件",
    "医保报销需要带哪些证件",
    "想咨询一下公租房怎么申请",
    "今年城乡居民医保什么时候开始交",
    "营业执照在哪办",
    "How do I apply for a residence permit?",
    "Where can I pay the rural health insurance?",
    "What documents do I need to register my child for primary school?",
    "Am I eligible for the elderly allowance?",
  ])("%s", (text) => {
    expect(asksForConsultation(text)).toBe(true);
  });
});

describe("a complaint phrased as a question is a complaint", () => {
  it.each([
    "为什么路灯一直不修？",
    "凭什么不给我发工资？",
    "低保为啥被取消了？",
    "俺的低保咋还没发下来",
    "楼道灯坏了能不能来修一下",
    "小区物业乱收费，一个月收多少钱都不说",
    "医保报销了三个月还没到账，凭啥拖这么久",
    "邻居家狗天天叫怎么办",
    "Why is the street light still not fixed?",
    "How do I complain about the noise from the building site?",
  ])("%s", (text) => {
    expect(asksForConsultation(text)).toBe(false);
  });
});

describe("words that are not a question about a public matter", () => {
  it.each([
    // Questions about the service or the citizen's own case: read before, answered there.
    "我反映的事办得怎么样了",
    "我的事什么时候能办好",
    // A matter told, no question asked.
    "村东头的路坏了好几个月了",
    "工地晚上施工太吵",
    // A question about nothing public.
    "请问你是谁",
    "在吗",
  ])("%s", (text) => {
    expect(asksForConsultation(text)).toBe(false);
  });
});
