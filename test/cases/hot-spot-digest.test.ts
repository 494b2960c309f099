/**
 * The clerks' weekly hot-spot digest, on both databases, through the real outbox to a fake
 * Bot API (the clerks' Telegram group) and a fake WeCom server (a clerk in the self-built
 * app): due at HOT_SPOT_DIGEST_AT (Monday 09:00 Beijing time), the hot spots of the week
 * with their case counts and links to the console map zoomed to each; once per week however
 * many instances check, and again the next week.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram.ts";
import { startFakeWeCom, type FakeWeCom } from "../support/fake-wecom.ts";
import { HOUR, MINUTE, MovableClock } from "../support/clock.ts";
import { PROVIDERS } from "../support/databases.ts";
import {
  deliver,
  fileDirectly,
  openStaffChats,
  STAFF_CHAT,
  STAFF_ENV,
  STAFF_OVERRIDES,
} from "../support/telegram-staff.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { weComSetup } from "../channels/wecom/wecom-citizen.ts";
import { createHotSpotDigest, type HotSpotDigest } from "../../src/cases/hot-spot-digest.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { createOutboxStore } from "../../src/notifications/outbox-store.ts";
import { createAddressBook } from "../../src/storage/address-book.ts";
import { createLeaseStore } from "../../src/storage/leases.ts";
import { createPeriodMarks } from "../../src/storage/period-marks.ts";

const PUBLIC_URL = "https://petitions.example.gov.cn";
const DIGEST_TITLE = "【热点问题周报】";

describe.each(PROVIDERS)("the weekly hot-spot digest on %s", { timeout: 120_000 }, (provider) => {
  let telegram: FakeTelegram;
  let wecom: FakeWeCom;
  let service: TestApp;
  let clock: MovableClock;

  beforeEach(async () => {
    // A Thursday: the covers are reported, then Monday comes.
    clock = new MovableClock("2026-11-26T10:00:00+08:00");
    telegram = await startFakeTelegram();
    openStaffChats(telegram);
    wecom = await startFakeWeCom({ clock: () => clock.now().getTime() });
    service = await startTestApp({
      provider,
      telegram,
      wecom: weComSetup(wecom, clock).wecom,
      clock,
      env: {
        ...STAFF_ENV,
        WECOM_AGENT_ID: String(wecom.agentId),
        WECOM_AGENT_SECRET: wecom.agentSecret,
        PUBLIC_URL,
        HOT_SPOT_DIGEST_AT: "mon 09:00",
      },
      overrides: STAFF_OVERRIDES,
    });
    // The test checks by hand; the check the start ran is over.
    await service.app.hotSpotDigest!.stop();
    await service.app.db.staffMember.create({
      data: { username: "zhangsan", displayName: "张三", role: "clerk", wecomUserId: "zhangsan" },
    });
  });
  afterEach(async () => {
    await service?.stop();
    await telegram?.close();
    await wecom?.close();
  });

  const digestsInGroup = () =>
    telegram.sentMessages(STAFF_CHAT).filter((m) => m.text?.startsWith(DIGEST_TITLE));
  const digestsOnWeCom = () =>
    wecom
      .appSent()
      .filter((m) => m.body.msgtype === "text" && m.body.touser.split("|").includes("zhangsan"))
      .map((m) => (m.body.text as { content: string }).content)
      .filter((text) => text.startsWith(DIGEST_TITLE));

  async function reportCovers(): Promise<string[]> {
    const numbers: string[] = [];
    for (const dLat of [0, 0.001, 0.002]) {
      numbers.push(
        await fileDirectly(service, 7000 + numbers.length, {
          description: "路上井盖没了很危险",
          location: { latitude: 33.6301 + dLat, longitude: 114.6502 },
        }),
      );
      clock.advance(HOUR);
    }
    return numbers;
  }

  it("goes at Monday 09:00 to the clerks' group and to clerks on WeCom, with links to the map", async () => {
    await reportCovers();
    clock.set("2026-11-30T08:59:00+08:00");
    expect(await service.app.hotSpotDigest!.runOnce()).toBe("not_due");

    clock.set("2026-11-30T09:03:00+08:00");
    expect(await service.app.hotSpotDigest!.runOnce()).toBe("sent");
    await deliver(service);

    const [digest, ...more] = digestsInGroup();
    expect(more).toEqual([]);
    const text = digest!.text!;
    expect(text).toContain("同类问题聚集（1 处）");
    expect(text).toContain("· 市政市容 3 件，距中心");
    expect(text).toContain(
      `${PUBLIC_URL}/console/map?from=2026-11-26&to=2026-11-26&category=municipal&bounds=33.63010%2C114.65020%2C33.63210%2C114.65020`,
    );
    expect(text).toContain(`全部热点：${PUBLIC_URL}/console/hot-spots?days=7`);
    expect(text).not.toContain("王大爷");
    expect(text).not.toContain("13812345678");
    expect(digestsOnWeCom()).toEqual([text]);
  });

  /** The digest job of a second instance on the same database (as after a restart). */
  function secondInstance(): HotSpotDigest {
    const { db, directory, queries } = service.app;
    return createHotSpotDigest({
      hotSpots: queries.hotSpots,
      addresses: createAddressBook(db, { staffChatId: String(STAFF_CHAT), wecomStaff: true }),
      marks: createPeriodMarks(db, createOutboxStore(db, clock)),
      leases: createLeaseStore(db),
      directory,
      schedule: { weekday: 1, hour: 9, minute: 0 },
      publicUrl: PUBLIC_URL,
      clock,
      logger: createLogger("silent", false),
    });
  }

  it("goes once a week, whatever the instances and restarts, and again the next week", async () => {
    await reportCovers();
    const second = secondInstance();
    clock.set("2026-11-30T09:00:00+08:00");
    const outcomes = await Promise.all([service.app.hotSpotDigest!.runOnce(), second.runOnce()]);
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(1);
    clock.advance(10 * MINUTE);
    expect(await second.runOnce()).toBe("sent_already");
    expect(await service.app.hotSpotDigest!.runOnce()).toBe("sent_already");
    await deliver(service);
    expect(digestsInGroup()).toHaveLength(1);
    expect(digestsOnWeCom()).toHaveLength(1);

    clock.set("2026-12-07T09:10:00+08:00");
    expect(await second.runOnce()).toBe("sent");
    expect(await service.app.hotSpotDigest!.runOnce()).toBe("sent_already");
    await deliver(service);
    const digests = digestsInGroup();
    expect(digests).toHaveLength(2);
    // The covers were last week's: this week's digest says so.
    expect(digests[1]!.text).toContain("本期未发现热点问题。");
  });

  it("is skipped, not sent late, when no instance ran on the day", async () => {
    clock.set("2026-12-01T09:30:00+08:00");
    expect(await service.app.hotSpotDigest!.runOnce()).toBe("not_due");
  });
});
