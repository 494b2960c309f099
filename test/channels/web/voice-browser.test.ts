/**
 * Hold-to-talk in headless Chromium: the fake audio device plays a sentence espeak-ng spoke
 * (Chromium's --use-file-for-fake-audio-capture), the citizen holds the microphone button,
 * releases it, and the page shows the recording and the words the (fake) transcription
 * endpoint heard, for confirmation.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { CHROMIUM, launchChromium } from "../../support/browser.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startFakeTranscription,
  type FakeTranscription,
} from "../../support/fake-transcription.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { SPOKEN } from "../../voice/recordings.ts";

describe.skipIf(!existsSync(CHROMIUM))("hold-to-talk in a browser", { timeout: 90_000 }, () => {
  let service: TestApp;
  let asr: FakeTranscription;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "hold-to-talk-"));
    const speech = path.join(dir, "speech.wav");
    await promisify(execFile)("espeak-ng", ["-v", "cmn", "-s", "150", "-w", speech, SPOKEN]);
    asr = await startFakeTranscription();
    [service, browser] = await Promise.all([
      startTestApp({
        env: { ASR_BASE_URL: asr.baseUrl, ASR_API_KEY: "asr-key", ASR_MODEL: "whisper-1" },
      }),
      launchChromium([
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        `--use-file-for-fake-audio-capture=${speech}`,
      ]),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await asr?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("records while the button is held and shows the words back on release", async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
    });
    await context.grantPermissions(["microphone"], { origin: service.url });
    const page = await context.newPage();
    page.on("pageerror", (error) => {
      throw error;
    });
    await page.goto(service.url);
    await page.getByRole("button", { name: "我要反映问题" }).click();
    await expect.poll(() => page.locator(".msg-citizen").count()).toBe(1);
    asr.script({ text: SPOKEN });

    const microphone = page.getByRole("button", { name: "按住说话" });
    await microphone.waitFor();
    const box = (await microphone.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    // Held until the page has recorded two seconds.
    await expect
      .poll(() => page.locator("#status-line").textContent(), { timeout: 15_000 })
      .toContain("（2 秒）");
    await page.mouse.up();

    await page.getByText(`我听到的是：“${SPOKEN}”`).waitFor({ timeout: 30_000 });
    await expect(page.locator(".msg-citizen audio").count()).resolves.toBe(1);
    expect(asr.heard.at(-1)?.wav?.seconds).toBeGreaterThan(1);
    await page.getByRole("button", { name: "对", exact: true }).click();
    await page.getByText("我理解您反映的是【市政市容】").waitFor();
  });
});
