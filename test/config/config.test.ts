import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/config.ts";

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration from the environment", () => {
  it("gives a working embedded service with no variable set", () => {
    const config = loadConfig({});

    expect(config.database.provider).toBe("sqlite");
    expect(config.database.sqliteFile).toMatch(/data\/petitions\.db$/);
    expect(config.http).toEqual({
      host: "127.0.0.1",
      port: 3000,
      server: {
        trustProxy: false,
        idleTimeoutMs: 60_000,
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
      },
    });
    expect(config.shutdownTimeoutMs).toBe(10_000);
    expect(config.inboxLeaseMs).toBe(30_000);
    expect(config.inboxKeepMs).toBe(30 * 86_400_000);
    expect(config.chatKeepMs).toBe(30 * 86_400_000);
    expect(config.guessing).toEqual({ queryCodeMaxFailures: 10, signInFreeFailures: 5 });
    expect(config.logLevel).toBe("info");
    expect(config.telegram).toBeUndefined();
    expect(config.llm).toBeUndefined();
    expect(config.directoryFile).toBeUndefined();
  });

  it("sends the hot-spot digest on Mondays at 09:00 Beijing time unless told otherwise or off", () => {
    expect(loadConfig({}).hotSpotDigestAt).toEqual({ weekday: 1, hour: 9, minute: 0 });
    expect(loadConfig({ HOT_SPOT_DIGEST_AT: "Fri 17:30" }).hotSpotDigestAt).toEqual({
      weekday: 5,
      hour: 17,
      minute: 30,
    });
    expect(loadConfig({ HOT_SPOT_DIGEST_AT: "off" }).hotSpotDigestAt).toBeNull();
    expect(configError({ HOT_SPOT_DIGEST_AT: "monday 9am" })).toContain("HOT_SPOT_DIGEST_AT");
  });

  it("tells no hotline unless SERVICE_PHONE gives a number a citizen can dial", () => {
    expect(loadConfig({}).servicePhone).toBeNull();
    for (const phone of ["12345", "0394-8123456", "+86-394-8123456", "400-123-4567"]) {
      expect(loadConfig({ SERVICE_PHONE: phone }).servicePhone).toBe(phone);
    }
    expect(loadConfig({ SERVICE_PHONE: " 12345 " }).servicePhone).toBe("12345");
    for (const phone of [
      "12",
      "12345转1",
      "tel:12345",
      "0394 8123456",
      "0394--8123456",
      "12345-",
    ]) {
      expect(configError({ SERVICE_PHONE: phone })).toBe(
        `Invalid SERVICE_PHONE: expected a phone number a citizen can dial: 3 to 20 digits, an optional leading + and hyphens (12345, 0394-8123456) (got "${phone}")`,
      );
    }
  });

  it("treats an empty variable as not set", () => {
    expect(loadConfig({ PORT: "", TELEGRAM_BOT_TOKEN: " " }).http.port).toBe(3000);
  });

  it("chooses PostgreSQL for a postgres:// or postgresql:// URL", () => {
    for (const url of ["postgres://u@db:5432/petitions", "postgresql://u:p@10.0.0.1/petitions"]) {
      expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ provider: "postgres", url });
    }
  });

  it("refuses a malformed DATABASE_URL, naming the variable and what is expected", () => {
    expect(configError({ DATABASE_URL: "mysql://localhost/x" })).toBe(
      'Invalid DATABASE_URL: expected file:<path> for SQLite or postgresql://user@host:port/db for PostgreSQL (got "mysql://localhost/x")',
    );
  });

  it("refuses an unknown LOG_LEVEL", () => {
    expect(configError({ LOG_LEVEL: "verbose" })).toBe(
      'Invalid LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    );
  });

  it("refuses a PORT that is not a port number", () => {
    expect(configError({ PORT: "http" })).toMatch(/^Invalid PORT: expected a port number/);
    expect(configError({ PORT: "70000" })).toMatch(/^Invalid PORT:/);
  });

  describe("Telegram", () => {
    const token = "123456:ABCdefGHIjklMNOpqr";

    it("starts only when a bot token is given, with Telegram's API by default", () => {
      const config = loadConfig({ TELEGRAM_BOT_TOKEN: token, STAFF_TELEGRAM_IDS: "11, 22" });

      expect(config.telegram).toEqual({
        token,
        apiRoot: "https://api.telegram.org",
        staffTelegramIds: ["11", "22"],
      });
    });

    it("uses a self-hosted Bot API server given by TELEGRAM_API_ROOT, without a trailing slash", () => {
      const config = loadConfig({
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      });

      expect(config.telegram?.apiRoot).toBe("http://127.0.0.1:8081");
    });

    it("runs in webhook mode when TELEGRAM_WEBHOOK_URL is set, which then needs a secret", () => {
      expect(
        configError({
          TELEGRAM_BOT_TOKEN: token,
          TELEGRAM_WEBHOOK_URL: "https://bot.example.gov.cn/tg",
        }),
      ).toMatch(/^Invalid TELEGRAM_WEBHOOK_SECRET: expected a secret/);
      const config = loadConfig({
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_WEBHOOK_URL: "https://bot.example.gov.cn/tg",
        TELEGRAM_WEBHOOK_SECRET: "s3cret-s3cret-s3cret",
      });
      expect(config.telegram?.webhook).toEqual({
        url: "https://bot.example.gov.cn/tg",
        secret: "s3cret-s3cret-s3cret",
      });
    });

    it("refuses a malformed token and non-numeric staff ids", () => {
      expect(configError({ TELEGRAM_BOT_TOKEN: "not-a-token" })).toMatch(
        /^Invalid TELEGRAM_BOT_TOKEN:/,
      );
      expect(configError({ STAFF_TELEGRAM_IDS: "alice,bob" })).toMatch(
        /^Invalid STAFF_TELEGRAM_IDS:/,
      );
      expect(configError({ STAFF_CHAT_ID: "clerks" })).toMatch(/^Invalid STAFF_CHAT_ID:/);
    });
  });

  describe("LLM classifier", () => {
    it("is used only when base URL, key and model are all given", () => {
      expect(configError({ LLM_BASE_URL: "http://127.0.0.1:11434/v1" })).toBe(
        "Invalid LLM_API_KEY: expected a value when any of LLM_BASE_URL, LLM_API_KEY, LLM_MODEL is set (missing)",
      );
      expect(configError({ LLM_MODEL: "qwen2.5" })).toMatch(/^Invalid LLM_BASE_URL:/);
      const config = loadConfig({
        LLM_BASE_URL: "http://127.0.0.1:11434/v1",
        LLM_API_KEY: "k",
        LLM_MODEL: "qwen2.5",
        LLM_RESPONSE_FORMAT: "json_object",
      });
      expect(config.llm).toEqual({
        baseUrl: "http://127.0.0.1:11434/v1",
        apiKey: "k",
        model: "qwen2.5",
        responseFormat: "json_object",
        timeoutMs: 15000,
        maxRetries: 1,
      });
    });
  });

  describe("answer translation", () => {
    const LLM = { LLM_BASE_URL: "http://127.0.0.1:11434/v1", LLM_API_KEY: "k", LLM_MODEL: "m" };

    it("is on by default when an LLM is configured, off without one, and may be turned off", () => {
      expect(loadConfig(LLM).translateAnswers).toBe(true);
      expect(loadConfig({}).translateAnswers).toBe(false);
      expect(loadConfig({ ...LLM, ANSWER_TRANSLATION: "off" }).translateAnswers).toBe(false);
    });

    it("refuses llm without an LLM, and any other value", () => {
      expect(configError({ ANSWER_TRANSLATION: "llm" })).toBe(
        "Invalid ANSWER_TRANSLATION: llm needs an LLM (LLM_BASE_URL, LLM_API_KEY and LLM_MODEL)",
      );
      expect(configError({ ...LLM, ANSWER_TRANSLATION: "deepl" })).toBe(
        'Invalid ANSWER_TRANSLATION: expected off or llm (got "deepl")',
      );
    });
  });

  describe("offline classifier", () => {
    it("is unsure below 0.6, retrains only on demand, and caches beside the database", () => {
      const config = loadConfig({ DATABASE_URL: "file:/srv/petitions/p.db" });
      expect(config.classifier).toEqual({
        unsureBelow: 0.6,
        retrainHours: 0,
        cacheDir: "/srv/petitions/classifier",
      });
      const tuned = loadConfig({
        CLASSIFIER_UNSURE_BELOW: "0.45",
        CLASSIFIER_RETRAIN_HOURS: "24",
        CLASSIFIER_CACHE_DIR: "/var/cache/petitions",
      });
      expect(tuned.classifier).toEqual({
        unsureBelow: 0.45,
        retrainHours: 24,
        cacheDir: "/var/cache/petitions",
      });
    });

    it.each([
      ["CLASSIFIER_UNSURE_BELOW", "1.5", "a number from 0 to 1"],
      ["CLASSIFIER_UNSURE_BELOW", "half", "a number from 0 to 1"],
      ["CLASSIFIER_RETRAIN_HOURS", "-1", "a whole number of hours from 0 (off) to 720"],
      ["CLASSIFIER_RETRAIN_HOURS", "721", "a whole number of hours from 0 (off) to 720"],
    ])("refuses %s=%s", (name, value, expected) => {
      expect(configError({ [name]: value })).toBe(
        `Invalid ${name}: expected ${expected} (got "${value}")`,
      );
    });
  });

  describe("WeCom (微信客服)", () => {
    const aesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    const wecom = {
      WECOM_CORP_ID: "ww1234567890abcdef",
      WECOM_KF_SECRET: "kf-secret-value",
      WECOM_TOKEN: "CallbackToken42",
      WECOM_ENCODING_AES_KEY: aesKey,
      WECOM_OPEN_KFID: "wkCITY12345",
    };

    it("is off without WECOM_CORP_ID", () => {
      expect(loadConfig({ WECOM_KF_SECRET: "x" }).wecom).toBeUndefined();
    });

    it("starts with the citizen-side settings and WeCom's API and /wecom/callback by default", () => {
      expect(loadConfig(wecom).wecom).toEqual({
        corpId: "ww1234567890abcdef",
        kfSecret: "kf-secret-value",
        token: "CallbackToken42",
        encodingAesKey: aesKey,
        openKfId: "wkCITY12345",
        apiRoot: "https://qyapi.weixin.qq.com",
        callbackPath: "/wecom/callback",
        replyWindow: { hours: 48, messages: 5 },
      });
      const custom = loadConfig({
        ...wecom,
        WECOM_API_ROOT: "http://127.0.0.1:9000/",
        WECOM_CALLBACK_PATH: "/wx/kf",
        WECOM_AGENT_ID: "1000002",
        WECOM_AGENT_SECRET: "agent-secret",
      }).wecom;
      expect(custom).toMatchObject({
        apiRoot: "http://127.0.0.1:9000",
        callbackPath: "/wx/kf",
        agent: { agentId: 1000002, secret: "agent-secret" },
      });
    });

    it.each(["WECOM_KF_SECRET", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY", "WECOM_OPEN_KFID"])(
      "names a missing %s in one line",
      (name) => {
        const message = configError({ ...wecom, [name]: "" });
        expect(message).toMatch(
          new RegExp(`^Invalid ${name}: expected .* when WECOM_CORP_ID is set \\(missing\\)$`),
        );
      },
    );

    it("refuses a malformed EncodingAESKey or Token without printing it", () => {
      const badKey = configError({ ...wecom, WECOM_ENCODING_AES_KEY: "too-short-secret" });
      expect(badKey).toMatch(/^Invalid WECOM_ENCODING_AES_KEY: expected 43 characters/);
      expect(badKey).not.toContain("too-short-secret");
      const badToken = configError({ ...wecom, WECOM_TOKEN: "has spaces and!" });
      expect(badToken).toMatch(/^Invalid WECOM_TOKEN:/);
      expect(badToken).not.toContain("has spaces");
    });

    it("refuses malformed ids and paths, and half of the app settings", () => {
      expect(configError({ ...wecom, WECOM_CORP_ID: "ww-bad id" })).toMatch(
        /^Invalid WECOM_CORP_ID:/,
      );
      expect(configError({ ...wecom, WECOM_AGENT_ID: "app" })).toMatch(/^Invalid WECOM_AGENT_ID:/);
      expect(configError({ ...wecom, WECOM_CALLBACK_PATH: "wecom" })).toMatch(
        /^Invalid WECOM_CALLBACK_PATH: expected a URL path starting with \//,
      );
      expect(configError({ ...wecom, WECOM_API_ROOT: "ftp://x" })).toMatch(
        /^Invalid WECOM_API_ROOT:/,
      );
      expect(configError({ ...wecom, WECOM_AGENT_ID: "1000002" })).toBe(
        "Invalid WECOM_AGENT_SECRET: expected a value when the other of WECOM_AGENT_ID, WECOM_AGENT_SECRET is set (missing)",
      );
    });

    it("keeps a reply window up to WeCom's 48 hours and 5 messages", () => {
      const config = loadConfig({
        ...wecom,
        WECOM_KF_WINDOW_HOURS: "24",
        WECOM_KF_MESSAGE_LIMIT: " 2 ",
      });
      expect(config.wecom?.replyWindow).toEqual({ hours: 24, messages: 2 });
      const widest = loadConfig({
        ...wecom,
        WECOM_KF_WINDOW_HOURS: "48",
        WECOM_KF_MESSAGE_LIMIT: "5",
      });
      expect(widest.wecom?.replyWindow).toEqual({ hours: 48, messages: 5 });
      const narrowest = loadConfig({
        ...wecom,
        WECOM_KF_WINDOW_HOURS: "1",
        WECOM_KF_MESSAGE_LIMIT: "1",
      });
      expect(narrowest.wecom?.replyWindow).toEqual({ hours: 1, messages: 1 });
    });

    it.each(["0", "49", "72", "-1", "1.5", "two days", "0x10", "1e1"])(
      "refuses WECOM_KF_WINDOW_HOURS=%s in one line naming the variable",
      (value) => {
        expect(configError({ ...wecom, WECOM_KF_WINDOW_HOURS: value })).toBe(
          `Invalid WECOM_KF_WINDOW_HOURS: expected a whole number of hours from 1 to 48 (got "${value}")`,
        );
      },
    );

    it.each(["0", "6", "10", "2.5", "five"])(
      "refuses WECOM_KF_MESSAGE_LIMIT=%s in one line naming the variable",
      (value) => {
        expect(configError({ ...wecom, WECOM_KF_MESSAGE_LIMIT: value })).toBe(
          `Invalid WECOM_KF_MESSAGE_LIMIT: expected a whole number of messages from 1 to 5 (got "${value}")`,
        );
      },
    );
  });

  describe("hardening", () => {
    it("trusts a proxy by hop count or by its addresses, and none by default", () => {
      expect(loadConfig({}).http.server.trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: "1" }).http.server.trustProxy).toBe(1);
      expect(
        loadConfig({ TRUST_PROXY: "10.0.0.1, 192.168.0.0/16,::1" }).http.server.trustProxy,
      ).toEqual(["10.0.0.1", "192.168.0.0/16", "::1"]);
    });

    it.each(["true", "0", "11", "10.0.0.1/33", "proxy.example.gov.cn", "10.0.0.300"])(
      "refuses TRUST_PROXY=%s in one line",
      (value) => {
        expect(configError({ TRUST_PROXY: value })).toBe(
          `Invalid TRUST_PROXY: expected the number of proxies in front of the service (1–10), or their comma-separated addresses or CIDR ranges (got "${value}")`,
        );
      },
    );

    it("takes the HTTP timeouts, the shutdown bound, the inbox's lease and keeping time, the chats' keeping time and the guessing limits", () => {
      const config = loadConfig({
        HTTP_IDLE_TIMEOUT_MS: "20000",
        HTTP_HEADERS_TIMEOUT_MS: "5000",
        HTTP_REQUEST_TIMEOUT_MS: "15000",
        SHUTDOWN_TIMEOUT_MS: "3000",
        INBOX_LEASE_SECONDS: "5",
        INBOX_KEEP_DAYS: "7",
        CHAT_KEEP_DAYS: "60",
        QUERY_CODE_MAX_FAILURES: "5",
        SIGN_IN_FREE_FAILURES: "3",
      });
      expect(config.http.server).toMatchObject({
        idleTimeoutMs: 20_000,
        headersTimeoutMs: 5000,
        requestTimeoutMs: 15_000,
      });
      expect(config.shutdownTimeoutMs).toBe(3000);
      expect(config.inboxLeaseMs).toBe(5000);
      expect(config.inboxKeepMs).toBe(7 * 86_400_000);
      expect(config.chatKeepMs).toBe(60 * 86_400_000);
      expect(config.guessing).toEqual({ queryCodeMaxFailures: 5, signInFreeFailures: 3 });
    });

    it.each([
      ["HTTP_IDLE_TIMEOUT_MS", "50", "milliseconds from 100 to 3600000"],
      ["HTTP_HEADERS_TIMEOUT_MS", "1e4", "milliseconds from 100 to 600000"],
      ["HTTP_REQUEST_TIMEOUT_MS", "-1", "milliseconds from 100 to 3600000"],
      ["SHUTDOWN_TIMEOUT_MS", "500", "milliseconds from 1000 to 120000"],
      ["INBOX_LEASE_SECONDS", "0", "a whole number of seconds from 1 to 600"],
      ["INBOX_KEEP_DAYS", "1", "a whole number of days from 2 to 3650"],
      ["CHAT_KEEP_DAYS", "3651", "a whole number of days from 2 to 3650"],
      ["QUERY_CODE_MAX_FAILURES", "2", "a whole number from 3 to 100"],
      ["SIGN_IN_FREE_FAILURES", "many", "a whole number from 1 to 100"],
    ])("refuses %s=%s in one line naming the variable", (name, value, expected) => {
      expect(configError({ [name]: value })).toBe(
        `Invalid ${name}: expected ${expected} (got "${value}")`,
      );
    });
  });

  describe("the console map", () => {
    it("draws the region outlines without a tile server, and takes a tile URL with its credit", () => {
      expect(loadConfig({}).map).toEqual({});
      const url =
        "https://t0.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=key";
      expect(loadConfig({ MAP_TILE_URL: url, MAP_TILE_ATTRIBUTION: "© 天地图" }).map).toEqual({
        tiles: { url, attribution: "© 天地图" },
      });
      expect(loadConfig({ MAP_TILE_URL: "http://10.1.2.3/{z}/{x}/{-y}.png" }).map).toEqual({
        tiles: { url: "http://10.1.2.3/{z}/{x}/{-y}.png", attribution: "" },
      });
    });

    it.each([
      ["tiles.example.cn/{z}/{x}/{y}.png"],
      ["ftp://tiles.example.cn/{z}/{x}/{y}.png"],
      ["https://tiles.example.cn/{z}/{x}.png"],
      ["https://{s}.tiles.example.cn/{z}/{x}/{y}.png"],
      ["https://tiles.example.cn/{z}/{x}/{y}.png?key={key}"],
    ])("refuses MAP_TILE_URL=%s, saying what a tile URL looks like", (value) => {
      expect(configError({ MAP_TILE_URL: value })).toMatch(
        /^Invalid MAP_TILE_URL: expected an http\(s\) tile URL with \{z\}, \{x\} and \{y\}/,
      );
    });
  });
});
