/**
 * A notice held outside a citizen's reply window goes out once they write again — even when
 * they write at the worst moment: after the sender found the window spent, before the row is
 * held, so that the digest their message triggers finds nothing held yet. The test writes the
 * citizen's message at exactly that point (a hook on the outbox store's hold), on SQLite and
 * PostgreSQL, with the real stores and kf client against the fake WeCom server.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createWeComClient } from "../../../src/channels/wecom/api-client.ts";
import {
  createWeComCitizenDelivery,
  type WeComCitizenDelivery,
} from "../../../src/channels/wecom/wecom-sender.ts";
import { createOutboxStore, type OutboxStore } from "../../../src/notifications/outbox-store.ts";
import { createOutboxWorker, type OutboxWorker } from "../../../src/notifications/outbox-worker.ts";
import { plainNotices } from "../../../src/notifications/render.ts";
import type { KfReplyWindow } from "../../../src/notifications/reply-window.ts";
import type { Db } from "../../../src/storage/database.ts";
import { createInboxStore } from "../../../src/storage/inbox-store.ts";
import { createWeComKfStore } from "../../../src/storage/wecom-kf-store.ts";
import { freshDatabase, PROVIDERS } from "../../support/databases.ts";
import { startFakeWeCom, type FakeWeCom } from "../../support/fake-wecom.ts";
import { notice, quietLogger, testClock, type TestClock } from "../../notifications/helpers.ts";
import { sentText } from "./wecom-citizen.ts";
import { prismaStatements } from "../../../src/storage/plain-sql.ts";

const OPEN_KFID = "wkHELD";
const CITIZEN = "wmHELD";
const HOUR = 3_600_000;

describe.each(PROVIDERS)("held WeCom notices (%s)", { timeout: 30_000 }, (provider) => {
  let db: Db;
  let fake: FakeWeCom;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });

  let clock: TestClock;
  let outbox: OutboxStore;
  /** Runs once, just before the next row is held (then the hold itself). */
  let beforeNextHold: (() => Promise<void>) | undefined;
  let messages = 0;

  beforeEach(async () => {
    await db.outboxMessage.deleteMany();
    await db.inboxUpdate.deleteMany();
    await db.channelCursor.deleteMany();
    clock = testClock();
    fake = await startFakeWeCom({ clock: () => clock.now().getTime() });
    beforeNextHold = undefined;
    const store = createOutboxStore(db, clock);
    outbox = {
      ...store,
      async hold(...args) {
        const step = beforeNextHold;
        beforeNextHold = undefined;
        await step?.();
        return store.hold(...args);
      },
    };
  });
  afterEach(() => fake.close());

  function delivery(replyWindow: KfReplyWindow): WeComCitizenDelivery {
    return createWeComCitizenDelivery({
      client: createWeComClient({
        apiRoot: fake.apiRoot,
        corpId: fake.corpId,
        secret: fake.kfSecret,
        logger: quietLogger(),
        clock: () => clock.now().getTime(),
      }),
      store: createWeComKfStore(db),
      outbox,
      openKfId: OPEN_KFID,
      replyWindow,
      clock,
      logger: quietLogger(),
    });
  }

  function worker(citizens: WeComCitizenDelivery): OutboxWorker {
    return createOutboxWorker({
      store: outbox,
      channels: { wecom: { sender: citizens.sender, renderer: plainNotices } },
      clock,
      logger: quietLogger(),
    });
  }

  /**
   * A second later, the citizen writes, and the channel does what it does with the message:
   * stores it in the inbox, then sends the digest of what is held for them.
   */
  async function citizenWrites(citizens: WeComCitizenDelivery): Promise<void> {
    clock.advance(1000);
    const wire = fake.kfUser(OPEN_KFID, CITIZEN).sendText(`消息${++messages}`);
    await createInboxStore(db).store("wecom", [
      {
        updateId: wire.msgid,
        chatId: CITIZEN,
        sequence: BigInt(wire.send_time) * 1_000_000n + BigInt(messages),
        payload: {
          msgid: wire.msgid,
          openKfId: OPEN_KFID,
          externalUserId: CITIZEN,
          sendTime: wire.send_time,
          content: { type: "text", text: `消息${messages}` },
        },
      },
    ]);
    await citizens.deliverHeld(CITIZEN);
  }

  const enqueue = (...trackingNos: string[]) =>
    db.$transaction((tx) =>
      outbox.enqueue(
        prismaStatements(tx),
        trackingNos.map((no) => ({ ...notice(CITIZEN, no), channel: "wecom" as const })),
      ),
    );
  const statuses = async () =>
    (await db.outboxMessage.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(
      (r) => r.status,
    );
  const sentTexts = () => fake.kfSent(CITIZEN).map(sentText).join("\n");

  it("delivers a notice whose citizen wrote after the window check, before the hold", async () => {
    const citizens = delivery({ hours: 48, messages: 5 });
    await citizenWrites(citizens);
    clock.advance(49 * HOUR);
    await enqueue("ZK-20261128-0001");
    let digestFoundNothing = false;
    beforeNextHold = async () => {
      await citizenWrites(citizens);
      digestFoundNothing = fake.kfSent(CITIZEN).length === 0;
    };

    await worker(citizens).drain();

    expect(digestFoundNothing).toBe(true);
    expect(await statuses()).toEqual(["sent"]);
    expect(sentTexts()).toContain("ZK-20261128-0001");
  });

  it("delivers the rest of a digest whose citizen wrote again while it was being held", async () => {
    // One message per citizen message: a digest of two notices sends the newest, holds the other.
    const citizens = delivery({ hours: 48, messages: 1 });
    await citizenWrites(citizens);
    clock.advance(49 * HOUR);
    await enqueue("ZK-20261128-0001", "ZK-20261128-0002");
    await worker(citizens).drain();
    expect(await statuses()).toEqual(["held", "held"]);

    let secondDigestFoundNothing = false;
    beforeNextHold = async () => {
      const before = fake.kfSent(CITIZEN).length;
      await citizenWrites(citizens);
      secondDigestFoundNothing = fake.kfSent(CITIZEN).length === before;
    };
    await citizenWrites(citizens);

    expect(secondDigestFoundNothing).toBe(true);
    expect(await statuses()).toEqual(["sent", "sent"]);
    const texts = fake.kfSent(CITIZEN).map(sentText);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain("ZK-20261128-0002");
    expect(texts[1]).toContain("ZK-20261128-0001");
  });
});
