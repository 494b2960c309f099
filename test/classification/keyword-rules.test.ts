import { describe, expect, it } from "vitest";
import { matchKeywordRule } from "../../src/classification/keyword-rules.ts";

const ruled = (text: string) => matchKeywordRule(text)?.rule.category ?? null;

describe("keyword rules", () => {
  it("takes rule 1's 'not a punishment' however it is said", () => {
    expect(ruled("俺不图谁挨处分，俺就想把俺哩低保恢复了")).toBe("civil_affairs");
    expect(ruled("我不是来举报谁的，就想让我家的低保批下来")).toBe("civil_affairs");
    expect(ruled("低保的事俺不指望了，就要他受处分，他滥用职权")).not.toBe("civil_affairs");
  });

  it("reads praise told as an act with its object as other, whatever office is thanked", () => {
    expect(ruled("交警同志帮我叫了救护车，特地打电话表扬这位交警")).toBe("other");
    expect(ruled("给县医院心内科的张大夫点个赞，守了我爸一夜")).toBe("other");
  });

  it("does not take a verdict or a complaint with thanks in it for praise", () => {
    expect(ruled("此件已核实为表扬，小区外面天天有人摆摊")).not.toBe("other");
    expect(ruled("谢谢你们，但是路灯还是没修好，请尽快处理")).not.toBe("other");
  });
});
