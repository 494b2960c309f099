import type { Update } from "grammy/types";
import { DialogueStateSchema, type DialogueState } from "../../src/domain/intake/state.ts";
import type { Db } from "../../src/storage/database.ts";
import { fileOwner } from "../../src/storage/kept-files.ts";
import type { FakeTelegram, FakeUser, SentMessage } from "./fake-telegram.ts";

/**
 * A citizen in a private chat with the bot, through the fake Bot API server:
 * each action waits until the service has handled it, then `replies` holds
 * what the bot answered to it. Each action returns the update it sent (to
 * redeliver it, say).
 */
export class TelegramCitizen {
  readonly user: FakeUser;
  private seen = 0;
  replies: SentMessage[] = [];

  /** How long an action may wait for the service (longer across a restart). */
  handledTimeoutMs = 15_000;

  constructor(
    private readonly telegram: FakeTelegram,
    private readonly db: () => Db,
    readonly id: number,
    firstName = "张秀英",
  ) {
    this.user = telegram.user(id, { firstName, languageCode: "zh-hans" });
  }

  /** All the text the bot sent in answer to the last action. */
  get text(): string {
    return this.replies.map((m) => m.text ?? "").join("\n");
  }

  /** The labels of the inline buttons of the last answer. */
  get buttons(): string[] {
    return this.replies.flatMap((m) => inlineButtons(m).map((b) => b.text));
  }

  say(text: string): Promise<Update> {
    return this.act(this.user.sendText(text));
  }

  command(command: string): Promise<Update> {
    return this.act(this.user.sendCommand(command));
  }

  /** Presses the newest button whose label contains `label`. */
  tap(label: string): Promise<Update> {
    const messages = this.telegram.sentMessages(this.id).reverse();
    for (const message of messages) {
      const button = inlineButtons(message).find((b) => b.text.includes(label));
      if (button) return this.act(this.user.pressButton(message.message_id, button.callback_data));
    }
    throw new Error(`no button "${label}" in the chat; the bot last said:\n${this.text}`);
  }

  /** Presses a button of an earlier message, as a citizen who scrolls up does. */
  tapIn(message: SentMessage, label: string): Promise<Update> {
    const button = inlineButtons(message).find((b) => b.text.includes(label));
    if (!button) throw new Error(`no button "${label}" in message ${message.message_id}`);
    return this.act(this.user.pressButton(message.message_id, button.callback_data));
  }

  shareLocation(latitude: number, longitude: number): Promise<Update> {
    return this.act(this.user.shareLocation(latitude, longitude));
  }

  shareVenue(latitude: number, longitude: number, title: string, address: string): Promise<Update> {
    return this.act(this.user.shareVenue(latitude, longitude, title, address));
  }

  shareContact(phone: string): Promise<Update> {
    return this.act(this.user.shareContact(phone, "秀英"));
  }

  /** Another person's card from the address book (not this user's own number). */
  shareContactOf(phone: string, name: string): Promise<Update> {
    return this.act(this.user.shareContact(phone, name, { own: false }));
  }

  /** A photo, with `caption` the words typed under it in the same message. */
  sendPhoto(fileId: string, caption?: string): Promise<Update> {
    return this.act(this.user.sendPhoto(fileId, caption));
  }

  /** A file sent as a document (a phone's "send as file", which keeps a picture's quality). */
  sendDocument(
    fileName: string,
    mimeType: string,
    bytes: Buffer,
    caption?: string,
  ): Promise<Update> {
    return this.act(this.user.sendDocument(fileName, mimeType, bytes, caption));
  }

  /** A short video, with `caption` the words typed under it. */
  sendVideo(caption?: string): Promise<Update> {
    return this.act(this.user.sendVideo(caption));
  }

  sendSticker(): Promise<Update> {
    return this.act(this.user.sendSticker());
  }

  /** Edits the citizen's own earlier message (`said`: the update that sent it). */
  editText(said: Update, text: string): Promise<Update> {
    return this.act(this.user.editText(said.message!.message_id, text));
  }

  /** Edits the caption of the citizen's own earlier photo (`sent`: the update that sent it). */
  editCaption(sent: Update, caption: string): Promise<Update> {
    return this.act(this.user.editCaption(sent.message!.message_id, caption));
  }

  /** Puts another picture in the citizen's own earlier photo (`sent`), its caption kept. */
  replacePhoto(sent: Update, fileId: string): Promise<Update> {
    return this.act(this.user.replacePhoto(sent.message!.message_id, fileId));
  }

  sendVoice(bytes?: Buffer): Promise<Update> {
    return this.act(this.user.sendVoice(bytes));
  }

  sendAudio(bytes: Buffer, mimeType: string): Promise<Update> {
    return this.act(this.user.sendAudio(bytes, mimeType));
  }

  /**
   * A second filing of the same problem at the same place is first shown the open case
   * (附议): "不是，继续登记" files anew, as the tests of filing expect.
   */
  async fileAnywayIfOffered(): Promise<void> {
    if (this.buttons.includes("不是，继续登记")) await this.tap("不是，继续登记");
  }

  /**
   * From /new to the photo question ("没有照片" is answered with two messages); resolves to the
   * update of the description's message.
   */
  async reachPhotoQuestion(): Promise<Update> {
    await this.command("/new");
    const described = await this.say("项城市光明路的路灯坏了很久");
    await this.tap("对，就是这个");
    await this.fileAnywayIfOffered();
    await this.tap("不记得了");
    if (!this.text.includes("有照片吗")) {
      throw new Error(`expected the photo question, the bot said: ${this.text}`);
    }
    return described;
  }

  /** The conversation's state as stored for this chat; null before the first message. */
  async dialogue(): Promise<DialogueState | null> {
    const row = await this.db().dialogueState.findUnique({
      where: { channel_chatId: { channel: "telegram", chatId: String(this.id) } },
    });
    return row ? DialogueStateSchema.parse(row.state) : null;
  }

  /** The ids of the photos the service keeps for this citizen (downloaded from Telegram). */
  async keptPhotos(): Promise<string[]> {
    const kept = await this.db().webUpload.findMany({
      where: { sessionId: fileOwner("telegram", String(this.id)) },
      orderBy: { createdAt: "asc" },
    });
    return kept.map((photo) => photo.id);
  }

  /** The cases this citizen filed on Telegram, oldest first. */
  cases() {
    return this.db().case.findMany({
      where: { identity: { channel: "telegram", externalId: String(this.id) } },
      orderBy: { trackingNo: "asc" },
    });
  }

  /** Waits until the service has handled `update` (it is marked processed in the inbox). */
  async act(update: Update): Promise<Update> {
    await handled(this.db(), update.update_id, this.handledTimeoutMs);
    const all = this.telegram.sentMessages(this.id);
    this.replies = all.slice(this.seen);
    this.seen = all.length;
    return update;
  }
}

export async function handled(db: Db, updateId: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.inboxUpdate.findUnique({
      where: { channel_updateId: { channel: "telegram", updateId: String(updateId) } },
      select: { processedAt: true },
    });
    if (row?.processedAt) return;
    if (Date.now() > deadline) throw new Error(`update ${updateId} was not handled in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function inlineButtons(message: SentMessage): { text: string; callback_data: string }[] {
  const markup = message.reply_markup as
    { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? [])
    .flat()
    .filter((b): b is { text: string; callback_data: string } => Boolean(b.callback_data));
}
