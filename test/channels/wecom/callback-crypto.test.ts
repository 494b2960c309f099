import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { createWeComCallbackCrypto } from "../../../src/channels/wecom/callback-crypto.ts";
import { WeComCallbackError } from "../../../src/channels/wecom/errors.ts";
import { isAppError } from "../../../src/errors.ts";
import { randomEncodingAesKey } from "../../support/fake-wecom.ts";
import { manualClock } from "./helpers.ts";

const corpId = "ww1234567890abcdef";
const token = "callbackToken";

function setup(overrides: { replayWindowSeconds?: number } = {}) {
  const clock = manualClock();
  const encodingAesKey = randomEncodingAesKey();
  const crypto = createWeComCallbackCrypto({
    token,
    encodingAesKey,
    corpId,
    clock: clock.now,
    ...overrides,
  });
  return { clock, encodingAesKey, crypto };
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof WeComCallbackError) return error.refusal;
    throw error;
  }
  throw new Error("expected a WeComCallbackError");
}

describe("WeCom callback crypto", () => {
  it("answers URL verification with the decrypted echostr only", () => {
    const { crypto } = setup();
    const sealed = crypto.seal("1616140317555161061");
    const echo = crypto.verifyUrl({
      msg_signature: sealed.msgSignature,
      timestamp: sealed.timestamp,
      nonce: sealed.nonce,
      echostr: sealed.encrypt,
    });
    expect(echo).toBe("1616140317555161061");
  });

  it("accepts an echostr whose '+' a query parser turned into a space", () => {
    const { crypto } = setup();
    let sealed = crypto.seal("echo");
    for (let i = 0; !sealed.encrypt.includes("+") && i < 200; i++) sealed = crypto.seal(`echo${i}`);
    expect(sealed.encrypt).toContain("+");
    expect(() =>
      crypto.verifyUrl({
        msg_signature: sealed.msgSignature,
        timestamp: sealed.timestamp,
        nonce: sealed.nonce,
        echostr: sealed.encrypt.replace(/\+/g, " "),
      }),
    ).not.toThrow();
  });

  it("signs as WeCom does: sha1 of the sorted token, timestamp, nonce and ciphertext", () => {
    const { crypto } = setup();
    const expected = createHash("sha1")
      .update(["callbackToken", "1409659589", "263014780", "abc"].sort().join(""))
      .digest("hex");
    expect(crypto.signature("1409659589", "263014780", "abc")).toBe(expected);
  });

  it("opens a sealed callback and round-trips Chinese text", () => {
    const { crypto } = setup();
    const xml = "<xml><Content><![CDATA[路灯坏了，请尽快修理]]></Content></xml>";
    const sealed = crypto.seal(xml);
    const query = {
      msg_signature: sealed.msgSignature,
      timestamp: sealed.timestamp,
      nonce: sealed.nonce,
    };
    expect(crypto.open(query, sealed.encrypt)).toBe(xml);
  });

  it("refuses a forged signature", () => {
    const { crypto } = setup();
    const sealed = crypto.seal("<xml/>");
    const forged = sealed.msgSignature.replace(/^./, (c) => (c === "a" ? "b" : "a"));
    const error = (() => {
      try {
        crypto.open(
          { msg_signature: forged, timestamp: sealed.timestamp, nonce: sealed.nonce },
          sealed.encrypt,
        );
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(WeComCallbackError);
    expect(isAppError(error, "auth.forbidden")).toBe(true);
    expect((error as WeComCallbackError).refusal).toBe("signature");
  });

  it("refuses a payload encrypted with another key even when the signature matches", () => {
    const { crypto, clock } = setup();
    const other = createWeComCallbackCrypto({
      token,
      encodingAesKey: randomEncodingAesKey(),
      corpId,
      clock: clock.now,
    });
    const sealed = other.seal("<xml><A>1</A></xml>");
    const query = {
      msg_signature: sealed.msgSignature,
      timestamp: sealed.timestamp,
      nonce: sealed.nonce,
    };
    expect(["decrypt", "receive_id"]).toContain(refusal(() => crypto.open(query, sealed.encrypt)));
  });

  it("refuses a payload addressed to another CorpID", () => {
    const { crypto, clock, encodingAesKey } = setup();
    const other = createWeComCallbackCrypto({
      token,
      encodingAesKey,
      corpId: "wwOTHER",
      clock: clock.now,
    });
    const sealed = other.seal("<xml/>");
    const query = {
      msg_signature: sealed.msgSignature,
      timestamp: sealed.timestamp,
      nonce: sealed.nonce,
    };
    expect(refusal(() => crypto.open(query, sealed.encrypt))).toBe("receive_id");
  });

  it("refuses a timestamp outside the replay window", () => {
    const { crypto, clock } = setup({ replayWindowSeconds: 300 });
    const sealed = crypto.seal("<xml/>");
    const query = {
      msg_signature: sealed.msgSignature,
      timestamp: sealed.timestamp,
      nonce: sealed.nonce,
    };
    clock.advance(299_000);
    expect(() => crypto.open(query, sealed.encrypt)).not.toThrow();
    clock.advance(2_000);
    expect(refusal(() => crypto.open(query, sealed.encrypt))).toBe("timestamp");
  });

  it("accepts a (msg_signature, nonce) pair once and forgets it after the window", () => {
    const { crypto, clock } = setup({ replayWindowSeconds: 60 });
    const sealed = crypto.seal("<xml/>");
    const query = {
      msg_signature: sealed.msgSignature,
      timestamp: sealed.timestamp,
      nonce: sealed.nonce,
    };
    crypto.acceptOnce(query);
    expect(refusal(() => crypto.acceptOnce(query))).toBe("replay");
    clock.advance(61_000);
    // By now open() refuses the timestamp, so forgetting the pair opens no door.
    expect(refusal(() => crypto.open(query, sealed.encrypt))).toBe("timestamp");
  });

  it("rejects a malformed EncodingAESKey at construction", () => {
    expect(() => createWeComCallbackCrypto({ token, encodingAesKey: "short", corpId })).toThrow(
      /EncodingAESKey/,
    );
  });
});
