import { describe, expect, it } from "vitest";
import type { Notification } from "../../src/domain/lifecycle/notifications.ts";
import { formatCalendarDateAt } from "../../src/i18n/format.ts";
import { notificationsEn } from "../../src/notifications/messages-en.ts";
import { notificationsZh } from "../../src/notifications/messages-zh.ts";
import { OutboxPayloadSchema, outboxMessageFor } from "../../src/notifications/outbox-payload.ts";
import {
  notificationView,
  renderNotification,
  renderOutboxPayload,
} from "../../src/notifications/render.ts";
import { statusPageLink } from "../../src/notifications/status-link.ts";
import { payload } from "./helpers.ts";

/** A notice to unit u1's Telegram chat about case ZK-20261128-0042; no deadline unless given. */
function unitNotice(
  notice: Pick<Notification, "kind" | "status" | "nextStep" | "details"> &
    Partial<Pick<Notification, "dueAt" | "dueDate">>,
  locale: "zh" | "en" = "zh",
) {
  return outboxMessageFor(
    {
      to: { kind: "unit", unitId: "u1" },
      trackingNo: "ZK-20261128-0042",
      dueAt: null,
      dueDate: null,
      ...notice,
    },
    { caseId: "c1", channel: "telegram", recipient: "-1001", locale },
  );
}

const accepted: Notification = {
  to: { kind: "citizen" },
  kind: "accepted",
  trackingNo: "ZK-20261128-0042",
  status: "assigned",
  nextStep: "await_answer",
  dueAt: new Date("2027-01-27T15:59:59.999Z"),
  dueDate: "2027-01-27",
  details: {},
};

describe("the notices of a consultation (咨询)", () => {
  const citizenRow = (notice: Notification, locale: "zh" | "en") =>
    outboxMessageFor(notice, { caseId: "c1", channel: "telegram", recipient: "42", locale });

  it("speak of the citizen's question, and say its answer is not reviewed but may be filed as a complaint", () => {
    const answered: Notification = {
      ...accepted,
      kind: "answered",
      status: "answered",
      nextStep: "may_file_complaint",
      details: {
        consultation: true,
        outcome: "explain",
        answerText: "每人每年380元。",
        reviewStage: 0,
      },
    };
    const [zh] = renderNotification(citizenRow(answered, "zh").payload, "citizen");
    expect(zh?.text).toBe(
      "您的咨询（编号 ZK-20261128-0042）已有答复（对有关情况作了解释说明），具体内容见下一条消息。\n咨询的答复不申请复查。如果问题没有解决，可以把这件事作为一条反映提出。",
    );
    const [en] = renderNotification(citizenRow(answered, "en").payload, "citizen");
    expect(en?.text).toContain("Your question (no. ZK-20261128-0042)");
    expect(en?.text).toContain("you may file it as a complaint");
  });

  it("thank the citizen for the question when it is closed, and name no 反映 when it is merged", () => {
    const question = { ...accepted, details: { consultation: true as const } };
    const closed: Notification = {
      ...question,
      kind: "closed",
      status: "closed",
      nextStep: "none",
    };
    const merged: Notification = {
      ...question,
      kind: "merged",
      status: "merged",
      nextStep: "none",
      details: { consultation: true, mergedInto: "ZK-20261127-0007" },
    };
    const text = (notice: Notification, locale: "zh" | "en") =>
      renderNotification(citizenRow(notice, locale).payload, "citizen")[0]?.text;

    expect(text(closed, "zh")).toBe("您的咨询（编号 ZK-20261128-0042）已办结。感谢您的咨询。");
    expect(text(merged, "zh")).toBe(
      "您的咨询（编号 ZK-20261128-0042）和编号 ZK-20261127-0007 说的是同一件事，已合并办理。以后请看编号 ZK-20261127-0007 的进展。",
    );
    expect(text(closed, "en")).toBe(
      "Your question (no. ZK-20261128-0042) is closed. Thank you for telling us.",
    );
    expect(text(merged, "en")).toMatch(
      /^Your question \(no\. ZK-20261128-0042\) is about the same matter/u,
    );
  });
});

describe("renderNotification", () => {
  it("tells a citizen the number, the status, who handles it and by when, in plain words", () => {
    const row = outboxMessageFor(accepted, {
      caseId: "c1",
      channel: "telegram",
      recipient: "42",
      locale: "zh",
      unitName: "扶沟县城市管理局",
    });
    expect(row).toMatchObject({ audience: "citizen", kind: "accepted", recipient: "42" });
    expect(renderNotification(row.payload, row.audience)).toEqual([
      {
        text: "您反映的问题（编号 ZK-20261128-0042）已受理，正在转交扶沟县城市管理局办理，预计 2027年1月27日前答复。",
      },
    ]);
    const en = renderNotification({ ...row.payload, locale: "en" }, "citizen");
    expect(en[0]?.text).toBe(
      "Your report (no. ZK-20261128-0042) has been accepted and passed to 扶沟县城市管理局. You should get an answer by 27 January 2027.",
    );
  });

  it("tells a citizen which unit has the case now, once it changed hands, in both languages", () => {
    const row = outboxMessageFor(
      { ...accepted, kind: "transferred", details: { unitId: "u2" } },
      {
        caseId: "c1",
        channel: "telegram",
        recipient: "42",
        locale: "zh",
        unitName: "周口市生态环境局川汇分局",
      },
    );
    expect(renderNotification(row.payload, "citizen")[0]?.text).toBe(
      "您反映的问题（编号 ZK-20261128-0042）现在交由周口市生态环境局川汇分局办理，预计 2027年1月27日前答复。",
    );
    const en = { ...row.payload, locale: "en" as const, unitName: "Chuanhui Branch" };
    expect(renderNotification(en, "citizen")[0]?.text).toBe(
      "Your report (no. ZK-20261128-0042) is now with Chuanhui Branch. You should get an answer by 27 January 2027.",
    );
  });

  it("tells the citizen of an urgent case that the unit handles it first, by the latest day", () => {
    const urgent = { ...accepted, details: { urgent: true } };
    const target = {
      caseId: "c1",
      channel: "web",
      recipient: "s1",
      unitName: "川汇区城市管理局",
    } as const;
    const zh = outboxMessageFor(urgent, { ...target, locale: "zh" });
    expect(renderNotification(zh.payload, "citizen")[0]?.text).toBe(
      "您反映的问题（编号 ZK-20261128-0042）已受理。这件事有危险，已请川汇区城市管理局优先处理，最晚 2027年1月27日前答复。",
    );
    const en = outboxMessageFor(urgent, { ...target, locale: "en" });
    expect(renderNotification(en.payload, "citizen")[0]?.text).toBe(
      "Your report (no. ZK-20261128-0042) has been accepted. It tells of a danger, so 川汇区城市管理局 has been asked to handle it first. You will get an answer by 27 January 2027 at the latest.",
    );
  });

  it("marks an urgent case 【紧急】 in the unit's notice of a new assignment", () => {
    const assigned: Notification = {
      ...accepted,
      to: { kind: "unit", unitId: "urban_management.chuanhui" },
      kind: "assigned",
      nextStep: "handle_case",
      details: { urgent: true },
    };
    const target = { caseId: "c1", channel: "telegram", recipient: "7", unitName: null } as const;
    const zh = outboxMessageFor(assigned, { ...target, locale: "zh" });
    expect(renderNotification(zh.payload, "unit")[0]?.text).toBe(
      "【紧急】【新交办】事项 ZK-20261128-0042已交由本单位办理，请于 2027年1月27日前答复。\n群众反映的情况有紧急危险，请优先处理。",
    );
    const en = outboxMessageFor(assigned, { ...target, locale: "en" });
    expect(renderNotification(en.payload, "unit")[0]?.text).toMatch(
      /^\[Urgent\] \[New case\] .*\nThe citizen reports an immediate danger: please handle it first\.$/,
    );
  });

  it("tells the unit a clerk made the case urgent, or lifted the mark, in one short line", () => {
    const changed = (urgent: boolean, locale: "zh" | "en" = "zh") =>
      renderNotification(
        unitNotice(
          {
            kind: "urgency_changed",
            status: "in_progress",
            nextStep: "handle_case",
            dueAt: accepted.dueAt,
            dueDate: accepted.dueDate,
            details: { urgent },
          },
          locale,
        ).payload,
        "unit",
      )[0]?.text;
    expect(changed(true)).toBe(
      "【紧急】【改为紧急】事项 ZK-20261128-0042 经工作人员核实有紧急危险，已改为紧急件，请优先处理（办理期限 2027年1月27日）。",
    );
    expect(changed(false)).toBe(
      "【取消紧急】事项 ZK-20261128-0042 经工作人员核实没有紧急危险，已改为一般件，按期办理即可（办理期限 2027年1月27日）。",
    );
    expect(changed(true, "en")).toMatch(/^\[Urgent\] \[Made urgent\] .*handle it first \(due /);
    expect(changed(false, "en")).toMatch(/^\[No longer urgent\] .*by its deadline \(due /);
  });

  it("ends a citizen's notice with the link to the case's status page, number filled in", () => {
    const target = { caseId: "c1", channel: "wecom", recipient: "wm1", unitName: null } as const;
    const zh = outboxMessageFor(accepted, {
      ...target,
      locale: "zh",
      statusLink: statusPageLink("https://12345.zhoukou.gov.cn/", accepted.trackingNo, "zh"),
    });
    expect(renderNotification(zh.payload, "citizen")[0]?.text).toMatch(
      /\n查看进度、评价答复（需要查询码）：https:\/\/12345\.zhoukou\.gov\.cn\/status\?no=ZK-20261128-0042$/,
    );
    const en = outboxMessageFor(accepted, {
      ...target,
      locale: "en",
      statusLink: statusPageLink("https://12345.zhoukou.gov.cn/base", accepted.trackingNo, "en"),
    });
    expect(renderNotification(en.payload, "citizen")[0]?.text).toMatch(
      /\nProgress, answer and rating \(with your query code\): https:\/\/12345\.zhoukou\.gov\.cn\/base\/status\?no=ZK-20261128-0042&lang=en$/,
    );
    // Without a public address there is no link to give.
    expect(statusPageLink(undefined, accepted.trackingNo, "zh")).toBeNull();
    const none = outboxMessageFor(accepted, { ...target, locale: "zh", statusLink: null });
    expect(none.payload).not.toHaveProperty("statusLink");
  });

  it("writes dates as Beijing days, even when the instant is still the day before in UTC", () => {
    const p = payload({ dueDate: null, dueAt: "2026-12-03T16:30:00.000Z" });
    expect(notificationView(p, "citizen").due).toBe("2026年12月4日");
  });

  it("writes a calendar day (a due day, a promised day) as the chats and the status page do", () => {
    for (const day of ["2026-12-31", "2027-01-01", "2027-02-28"]) {
      for (const locale of ["zh", "en"] as const) {
        const view = notificationView(
          payload({ dueDate: day, locale, details: { promisedBy: day } }),
          "citizen",
        );
        expect(view.due).toBe(formatCalendarDateAt(locale, day, "day"));
        expect(view.promisedBy).toBe(view.due);
      }
    }
    expect(notificationView(payload({ dueDate: "2027-01-01" }), "citizen").due).toBe(
      "2027年1月1日",
    );
  });

  it("sends an answer in full after the notice, split at 4,096 characters", () => {
    const answer = Array.from(
      { length: 300 },
      (_, i) => `第${i + 1}条，经现场核查，情况属实，已责令整改。`,
    )
      .join("\n\n")
      .repeat(2);
    const messages = renderNotification(
      payload({
        kind: "answered",
        status: "answered",
        nextStep: "may_request_review",
        details: { outcome: "support", answerText: answer, reviewStage: 0 },
      }),
      "citizen",
    );
    expect(messages[0]?.text).toContain("ZK-20261128-0001");
    expect(messages[0]?.text).toContain("申请复查");
    expect(messages[1]?.text.startsWith("处理意见：\n第1条")).toBe(true);
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(4096);
    const sent = messages
      .slice(1)
      .map((m) => m.text)
      .join("")
      .replace(/\s+/g, "");
    expect(sent).toBe(`处理意见：${answer}`.replace(/\s+/g, ""));
  });

  it("tells a citizen a unit's progress with its note, in both languages", () => {
    const row = outboxMessageFor(
      {
        ...accepted,
        kind: "progress",
        status: "in_progress",
        details: { progressNote: "已派人现场查看，预计周五前修复" },
      },
      { caseId: "c1", channel: "telegram", recipient: "42", locale: "zh" },
    );
    expect(renderNotification(row.payload, "citizen")).toEqual([
      {
        text: "您反映的问题（编号 ZK-20261128-0042）有新的办理进展：已派人现场查看，预计周五前修复。\n预计 2027年1月27日前答复。",
      },
    ]);
    expect(renderNotification({ ...row.payload, locale: "en" }, "citizen")[0]?.text).toBe(
      "Your report (no. ZK-20261128-0042) has a progress update: 已派人现场查看，预计周五前修复.\nYou should get an answer by 27 January 2027.",
    );
  });

  it("never cuts a long progress note: it is split over several messages", () => {
    const note = "现场勘查情况如下：路面塌陷约两平方米，已设置围挡。".repeat(300);
    const messages = renderNotification(
      payload({ kind: "progress", status: "in_progress", details: { progressNote: note } }),
      "citizen",
    );
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(4096);
    expect(
      messages
        .map((m) => m.text)
        .join("")
        .replace(/\s+/g, ""),
    ).toContain(note);
  });

  it("gives a unit the case and its deadlines and nothing about the citizen", () => {
    const row = outboxMessageFor(
      {
        to: { kind: "unit", unitId: "u1" },
        kind: "assigned",
        trackingNo: "ZK-20261128-0042",
        status: "assigned",
        nextStep: "handle_case",
        dueAt: new Date("2027-01-27T15:59:59.999Z"),
        dueDate: "2027-01-27",
        details: { caseClass: "request", returnDueAt: new Date("2026-12-07T15:59:59.999Z") },
      },
      { caseId: "c1", channel: "telegram", recipient: "-1001", locale: "zh" },
    );
    expect(row.audience).toBe("unit");
    expect(renderNotification(row.payload, "unit")[0]?.text).toBe(
      "【新交办】事项 ZK-20261128-0042（申诉求决类）已交由本单位办理，请于 2027年1月27日前答复。\n如不属于本单位职责，请于 2026年12月7日前退回。",
    );
    // The payload cannot carry identity fields at all.
    expect(OutboxPayloadSchema.safeParse({ ...row.payload, contactName: "张三" }).success).toBe(
      false,
    );
    expect(
      OutboxPayloadSchema.safeParse({
        ...row.payload,
        details: { ...row.payload.details, contactPhone: "13800000000" },
      }).success,
    ).toBe(false);
  });

  it.each([
    ["assigned", "【撤回交办】事项 ZK-20261128-0042 已改由其他单位办理，本单位无需继续处理。"],
    ["withdrawn", "【反映人撤回】事项 ZK-20261128-0042 已由反映人撤回，本单位无需继续办理。"],
    ["merged", "【合并办理】事项 ZK-20261128-0042 已与其他事项合并办理，本单位无需继续处理。"],
  ] as const)(
    "tells a unit released from a case (now %s) why it need not go on",
    (status, text) => {
      const row = unitNotice({ kind: "unassigned", status, nextStep: "none", details: {} });
      expect(renderNotification(row.payload, "unit")[0]?.text).toBe(text);
    },
  );

  it("gives a unit the citizen's addition (补充) whole, under the case's deadline", () => {
    const addition = "井盖旁边还有个大坑，已经有人摔倒了。".repeat(200);
    const row = unitNotice({
      kind: "supplemented",
      status: "in_progress",
      nextStep: "handle_case",
      dueAt: new Date("2027-01-27T15:59:59.999Z"),
      dueDate: "2027-01-27",
      details: { supplementText: addition },
    });
    const messages = renderNotification(row.payload, "unit");
    expect(messages[0]?.text).toMatch(
      /^【群众补充】事项 ZK-20261128-0042 的反映人补充了情况，请一并办理（办理期限 2027年1月27日）。\n补充内容：井盖旁边/u,
    );
    expect(
      messages
        .map((m) => m.text)
        .join("")
        .replace(/\s+/g, ""),
    ).toContain(addition);
  });

  it.each([
    ["zh", "补充了照片 2 张（没有文字说明），请在工作台查看。"],
    ["en", "They added 2 photo(s) without words: open them in the console."],
  ] as const)(
    "tells a unit of photos added without words, in %s, with no empty words",
    (locale, line) => {
      const row = unitNotice(
        {
          kind: "supplemented",
          status: "in_progress",
          nextStep: "handle_case",
          details: { supplementPhotos: 2 },
        },
        locale,
      );
      const text = renderNotification(row.payload, "unit")[0]?.text ?? "";
      expect(text.split("\n")).toContain(line);
      expect(text).not.toMatch(/补充内容|They added:/u);
    },
  );

  it.each([
    ["zh", "补充的情况涉及更多群众，本件现为群体诉求：整栋楼，约 60 户以上。"],
    [
      "en",
      "The addition tells of more people affected: Group complaint: whole building, 60+ households.",
    ],
  ] as const)("tells a unit, in %s, of the larger group an addition told of", (locale, line) => {
    const row = unitNotice(
      {
        kind: "supplemented",
        status: "in_progress",
        nextStep: "handle_case",
        details: {
          supplementText: "我们整栋楼都停水了，六十多户",
          group: { count: { atLeast: 60, unit: "households" }, whole: "building" },
        },
      },
      locale,
    );
    const text = renderNotification(row.payload, "unit")[0]?.text ?? "";
    expect(text.split("\n")).toContain(line);
  });

  it("has a text for every kind and audience in both languages", () => {
    for (const catalog of [notificationsZh, notificationsEn]) {
      for (const kind of Object.keys(catalog) as (keyof typeof catalog)[]) {
        if (
          kind === "answerHeading" ||
          kind === "machineTranslationHeading" ||
          kind === "statusLink" ||
          kind === "unitPhotos"
        ) {
          continue;
        }
        for (const audience of ["citizen", "unit", "clerks"] as const) {
          const text = catalog[kind](notificationView(payload({ kind }), audience));
          expect(text).toContain("ZK-20261128-0001");
          expect(text).not.toMatch(/undefined|null|NaN/);
        }
      }
    }
  });

  it("rejects a payload of the wrong shape", () => {
    expect(() => renderOutboxPayload({ v: 1, kind: "received" }, "citizen")).toThrow(
      /outbox payload is invalid/,
    );
  });
});
