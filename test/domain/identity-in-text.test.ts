/**
 * A unit reads the complaint but never learns who wrote it: what identifies the writer in
 * their own words is masked (src/domain/identity-in-text.ts).
 */
import { describe, expect, it } from "vitest";
import { maskIdentity } from "../../src/domain/identity-in-text.ts";

const CONTACT = { name: "张建国", phone: "13912345678" };

describe("the writer's identity in the complaint's words", () => {
  it("masks the phone numbers and the name the citizen wrote into the complaint", () => {
    expect(
      maskIdentity("红绿灯坏了三天了，我叫张建国，电话13912345678，座机0394-8123456", CONTACT),
    ).toBe("红绿灯坏了三天了，我叫***，电话***********，座机****-*******");
  });

  it("masks a name the writer introduces, also when they left another one or none", () => {
    const text = "俺是王庄村的，俺叫李桂兰，电话13903941234，变压器老冒火花";
    const masked = "俺是王庄村的，俺叫***，电话***********，变压器老冒火花";
    expect(maskIdentity(text, { name: "李大娘", phone: "13903941234" })).toBe(masked);
    expect(maskIdentity(text, null)).toBe(masked);
    expect(maskIdentity("我是业主，电梯坏了，我叫了好几次都没人管", null)).toBe(
      "我是业主，电梯坏了，我叫了好几次都没人管",
    );
  });

  it("masks the name of whose the number is when it is a relative's: it points to the writer too", () => {
    const son = {
      name: "王",
      phone: "13838281234",
      holder: { relation: "son" as const, name: "李强" },
    };
    expect(maskIdentity("楼下饭店油烟太大，俺儿子李强说打这个电话找他", son)).toBe(
      "楼下饭店油烟太大，俺儿子**说打这个电话找他",
    );
  });

  it("masks the names and numbers the case kept before its contact changed, a number also in a shape no phone is written in", () => {
    const changed = {
      name: "张建国",
      phone: "137 1234 5678",
      former: [
        { name: "张建国", phone: "139 1234 5678" },
        {
          name: "张建国",
          phone: "158 1234 5678",
          holder: { relation: "son" as const, name: "张强" },
        },
      ],
    };
    expect(
      maskIdentity(
        "井盖没了，我儿子张强守着，打他 158.1234.5678 或我的１３９/１２３４/５６７８",
        changed,
      ),
    ).toBe("井盖没了，我儿子**守着，打他 ***.****.**** 或我的***/****/****");
    expect(maskIdentity("版本158.1234.5679，门牌1.2.3号", changed)).toBe(
      "版本158.1234.5679，门牌1.2.3号",
    );
  });

  it("masks a kept landline written without its area code, in any shape, and no other number of seven digits", () => {
    const landline = { name: "张建国", phone: "0394-8123456" };
    expect(maskIdentity("路灯不亮，打俺家座机812.3456或8123456 9点后都在", landline)).toBe(
      "路灯不亮，打俺家座机***.****或******* 9点后都在",
    );
    expect(maskIdentity("俺家座机８１２/３４５６，快递单号812.3457", landline)).toBe(
      "俺家座机***/****，快递单号812.3457",
    );
    expect(maskIdentity("座机812.3456", { name: null, phone: "13912345678" })).toBe("座机812.3456");
  });

  it("masks the name a writer calls themselves by: 老王, 老李, 张大爷", () => {
    expect(maskIdentity("我是东关的老王，路灯坏了半个月了，老王我天天摸黑走", null)).toBe(
      "我是东关的**，路灯坏了半个月了，**我天天摸黑走",
    );
    expect(maskIdentity("俺是老李", null)).toBe("俺是**");
    expect(maskIdentity("我是王家庄的张大爷，电话13912345678", null)).toBe(
      "我是王家庄的***，电话***********",
    );
  });

  it("masks a full name said after 我是 (我是张建国)", () => {
    expect(maskIdentity("我是张建国，东关的，俺家门口井盖没了，张建国我天天绕着走", null)).toBe(
      "我是***，东关的，俺家门口井盖没了，***我天天绕着走",
    );
  });

  it.each([
    "我是这个小区的业主",
    "我是周口人",
    "我是学生",
    "我是张庄的",
    "我是环卫工人",
    "我是外地来打工的，工资没发",
    "我是残疾人",
  ])("masks nothing of %s: no name is said", (text) => {
    expect(maskIdentity(text, null)).toBe(text);
  });

  it("masks a mobile written in groups or in full-width digits", () => {
    expect(maskIdentity("打我手机 139 1234 5678 就行", null)).toBe("打我手机 *** **** **** 就行");
    expect(maskIdentity("电话１３９１２３４５６７８", null)).toBe("电话***********");
  });

  it("masks a phone number said digit by digit, as voice input writes it", () => {
    expect(maskIdentity("俺姓刘，电话一三九八七六五四三二一，桥栏杆断了", null)).toBe(
      "俺姓刘，电话***********，桥栏杆断了",
    );
    expect(maskIdentity("打幺三九 幺二三四 五六七八", null)).toBe("打*** **** ****");
  });

  it("masks an ID card number", () => {
    expect(maskIdentity("身份证号41160219800101123X，低保被停了", null)).toBe(
      "身份证号******************，低保被停了",
    );
  });

  it("keeps the numbers that say what the matter is: money, dates, house numbers, case numbers", () => {
    const text =
      "2026年3月起欠我工资12500元，5号楼2单元，上次的编号ZK-20261204-0002，人数300人，三三两两地来";
    expect(maskIdentity(text, CONTACT)).toBe(text);
  });

  it("masks no one-letter name: it would hide every such letter of the text", () => {
    expect(maskIdentity("王庄村的路坏了", { name: "王", phone: null })).toBe("王庄村的路坏了");
  });
});
