/**
 * Headless Chromium for the browser tests: Debian's (/usr/bin/chromium) or the one
 * CHROMIUM_PATH names, driven by playwright-core.
 */
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Launches it headless as the tests need it: no sandbox (containers), no GPU, and none of its
 * own network chatter (first-run, sync, component updates); `extraArgs` after those (a fake
 * microphone, say).
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}
