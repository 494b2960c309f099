import type { Page } from "playwright-core";

/** Signs `username` in to the console at `baseUrl` and waits for the workspace. */
export async function signIn(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/console`);
  await page.getByLabel(/用户名/).fill(username);
  await page.getByLabel(/密码/).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.locator(".sidebar").waitFor();
}

/**
 * As a signed-in handler: opens case `trackingNo`, starts it and answers 支持 with `text`,
 * promising the day `promisedBy` (YYYY-MM-DD) when given.
 */
export async function startAndAnswer(
  page: Page,
  trackingNo: string,
  text: string,
  promisedBy?: string,
): Promise<void> {
  await page.getByRole("link", { name: trackingNo }).click();
  await page.getByRole("button", { name: "开始办理" }).click();
  await page.getByRole("button", { name: "答复" }).click();
  await page.getByRole("radio", { name: "支持", exact: true }).check({ force: true });
  await page.getByLabel("答复内容").fill(text);
  if (promisedBy !== undefined) await page.getByLabel(/承诺办结日期/).fill(promisedBy);
  await page.getByRole("button", { name: "提交" }).click();
  await page.locator(".card-answer").waitFor();
}
