/**
 * The staff side of the Telegram tests: a service with a clerks' group and
 * a unit group, clerks and a handler played by fake group members, and
 * helpers that wait until the service has handled what they did.
 */
import { loadDuplicateScorer } from "../../src/classification/duplicate-scorer.ts";
import { randomUUID } from "node:crypto";
import type { Update } from "grammy/types";
import { loadCalendar } from "../../src/calendar/load-calendar.ts";
import type { ComplaintSubmission } from "../../src/domain/intake/ports.ts";
import { createOutboxStore } from "../../src/notifications/outbox-store.ts";
import { createAddressBook, type AddressBookSettings } from "../../src/storage/address-book.ts";
import { createComplaintSubmitter } from "../../src/storage/complaint-submitter.ts";
import type { Db } from "../../src/storage/database.ts";
import { createIdentityStore } from "../../src/storage/identity-store.ts";
import {
  startFakeTelegram,
  type CallbackAnswer,
  type FakeTelegram,
  type FakeUser,
  type SentMessage,
} from "./fake-telegram.ts";
import { handled, TelegramCitizen } from "./telegram-citizen.ts";
import { startTestApp, type TestApp } from "./test-app.ts";

import { deliver } from "./outbox.ts";

/** The Telegram tests read what the chats received after the outbox delivered it. */
export { deliver };

export const STAFF_CHAT = -100500;
export const UNIT_CHAT = -100600;
export const UNIT_ID = "urban_management.chuanhui";
export const CLERK_LI = 9001;
export const CLERK_WANG = 9002;
export const HANDLER_ZHAO = 9101;

/** Env for startTestApp: the clerks' group and the two clerks. */
export const STAFF_ENV = {
  STAFF_CHAT_ID: String(STAFF_CHAT),
  STAFF_TELEGRAM_IDS: `${CLERK_LI},${CLERK_WANG}`,
};

/** App overrides for the staff tests: no 3-second spacing between messages to a group. */
export const STAFF_OVERRIDES = {
  telegramRateLimits: { perChatIntervalMs: 0, groupChatIntervalMs: 0 },
};

/** Gives the unit a chat and a handler (what an administrator does in the database). */
export async function registerUnitHandler(db: Db): Promise<void> {
  await db.unit.update({ where: { id: UNIT_ID }, data: { telegramChatId: String(UNIT_CHAT) } });
  await db.staffMember.create({
    data: {
      username: "zhao",
      displayName: "赵科长",
      role: "handler",
      unitId: UNIT_ID,
      telegramUserId: String(HANDLER_ZHAO),
    },
  });
}

/** Waits until the update was handled; for a button press, returns the bot's answer to it. */
export async function done(
  service: () => TestApp,
  telegram: FakeTelegram,
  update: Update,
): Promise<CallbackAnswer | undefined> {
  await handled(service().app.db, update.update_id);
  const id = update.callback_query?.id;
  return id === undefined ? undefined : telegram.callbackAnswer(id);
}

/** The callback data of every inline button of a message. */
export function buttonData(message: SentMessage | undefined): string[] {
  const markup = message?.reply_markup as
    { inline_keyboard?: { callback_data?: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().flatMap((b) => b.callback_data ?? []);
}

/** Presses a button of a message and waits until the service handled it. */
export function press(
  service: () => TestApp,
  telegram: FakeTelegram,
  user: FakeUser,
  message: SentMessage,
  data: string,
): Promise<CallbackAnswer | undefined> {
  return done(service, telegram, user.pressButton(message.message_id, data));
}

const STREET_LIGHT = "我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便";

/** The street-light complaint of the filing test told up to its contact question. */
export async function reachStreetLightContact(
  citizen: TelegramCitizen,
  description = STREET_LIGHT,
): Promise<void> {
  await citizen.command("/start");
  await citizen.tap("我要反映问题");
  await citizen.say(description);
  await citizen.tap("对，就是这个");
  await citizen.say("川汇区七一路和八一路交叉口东边");
  await citizen.fileAnywayIfOffered();
  await citizen.say("前天下午");
  await citizen.tap("没有照片");
}

/** Files the street-light complaint of the filing test; resolves with its tracking number. */
export async function fileStreetLight(
  citizen: TelegramCitizen,
  description = STREET_LIGHT,
): Promise<string> {
  await reachStreetLightContact(citizen, description);
  await citizen.shareContact("+86 138 1234 5678");
  await citizen.tap("提交");
  const no = /ZK-\d{8}-\d{4}/.exec(citizen.text)?.[0];
  if (!no) throw new Error(`no tracking number in:\n${citizen.text}`);
  return no;
}

/** The messages a chat received after the first `seen`. */
export function since(telegram: FakeTelegram, chatId: number, seen: number): SentMessage[] {
  return telegram.sentMessages(chatId).slice(seen);
}

/**
 * Files a complaint straight through the service's submitter (no dialogue),
 * as Telegram citizen `userId` in Chuanhui; resolves with its tracking number.
 * The clerks are told in the Telegram group, unless `addresses` says otherwise.
 */
export async function fileDirectly(
  service: TestApp,
  userId: number,
  overrides: Partial<ComplaintSubmission> = {},
  addresses: AddressBookSettings = { staffChatId: String(STAFF_CHAT) },
): Promise<string> {
  const { db, directory } = service.app;
  const clock = service.clock;
  const calendar = await loadCalendar();
  const submitter = createComplaintSubmitter({
    db,
    directory,
    calendar: () => calendar,
    scorer: await loadDuplicateScorer(directory),
    notifications: {
      outbox: createOutboxStore(db, clock),
      directory,
      addresses: createAddressBook(db, addresses),
    },
  });
  await createIdentityStore(db).touch("telegram", String(userId), String(userId), clock.now());
  const receipt = await submitter.submit({
    idempotencyKey: `telegram:${userId}#${randomUUID()}`,
    citizenRef: `telegram:${userId}`,
    locale: "zh",
    description: "川汇区七一路上的井盖丢了，晚上很危险",
    category: "municipal",
    classification: null,
    region: "chuanhui",
    regionSource: "text",
    address: "七一路",
    location: null,
    occurredAt: null,
    photos: [],
    contact: { kind: "named", name: "王大爷", phone: "13812345678" },
    isEmergency: false,
    startedAt: clock.now(),
    submittedAt: clock.now(),
    ...overrides,
  });
  return receipt.trackingNo;
}

/** Makes the clerks' and the unit's groups known to the fake (as when the bot was added to them). */
export function openStaffChats(telegram: FakeTelegram): void {
  telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
  telegram.groupUser(UNIT_CHAT, HANDLER_ZHAO, { firstName: "赵强" });
}

/** The service with the staff's settings, and the fake Bot API it talks to. */
export interface StaffService {
  readonly telegram: FakeTelegram;
  readonly service: TestApp;
  /** Stops the service, then the fake. */
  stop(): Promise<void>;
}

/**
 * Starts the fake Bot API with the clerks' and the unit's chats open, and the service with the
 * staff's settings (STAFF_ENV, STAFF_OVERRIDES); with `unitHandler` (default) the unit has its
 * chat and its handler 赵科长 (registerUnitHandler).
 */
export async function startStaffService({
  unitHandler = true,
  env = {},
  logLines,
}: {
  unitHandler?: boolean;
  env?: Record<string, string>;
  /** Collects the service's log lines (JSON), every level. */
  logLines?: string[];
} = {}): Promise<StaffService> {
  const telegram = await startFakeTelegram();
  openStaffChats(telegram);
  const service = await startTestApp({
    telegram,
    env: { ...STAFF_ENV, ...env },
    overrides: STAFF_OVERRIDES,
    ...(logLines && { logLines }),
  });
  if (unitHandler) await registerUnitHandler(service.app.db);
  return {
    telegram,
    service,
    async stop() {
      await service.stop();
      await telegram.close();
    },
  };
}

/**
 * A citizen's street-light case routed by the clerk 李娜 to the unit: its citizen, the unit's
 * handler 赵强, its number and its card in the unit's chat (where handlers' specifications start).
 */
export async function routeStreetLightToUnit({ telegram, service }: StaffService) {
  const app = () => service;
  const citizen = new TelegramCitizen(telegram, () => service.app.db, 1001);
  const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
  const handler = telegram.groupUser(UNIT_CHAT, HANDLER_ZHAO, { firstName: "赵强" });
  const no = await fileStreetLight(citizen);
  await deliver(service);
  await press(app, telegram, clerk, telegram.sentMessages(STAFF_CHAT)[0]!, `k:ok:${no}`);
  await deliver(service);
  return { citizen, handler, no, card: () => telegram.sentMessages(UNIT_CHAT)[1]! };
}
