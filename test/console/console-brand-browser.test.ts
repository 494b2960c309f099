/**
 * The console is the city's whose directory is in service: its header names that city in both
 * languages — on the sign-in page too, before anyone is signed in — as the page the server
 * renders carries the directory's names (an operator of another city replaces the directory,
 * not the console's words).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ANOTHER_CITY, anotherCityDirectoryFile } from "../support/another-city.ts";
import { PASSWORD, useConsoleAndBrowser } from "./console-world.ts";

let directoryFile: string;
beforeAll(async () => {
  directoryFile = await anotherCityDirectoryFile();
});
const scene = useConsoleAndBrowser({
  env: () => ({ DIRECTORY_FILE: directoryFile }),
  staff: [{ username: "li", role: "clerk" }],
});

describe("the console's header with another city's directory", { timeout: 60_000 }, () => {
  it("carries the directory's city in the page the server renders", async () => {
    const shell = await (await fetch(`${scene.world.url}/console/queue`)).text();
    expect(shell).toContain('<meta name="city" content="漯河市">');
    expect(shell).toContain('<meta name="city-en" content="Luohe">');
    expect(shell).not.toContain("周口");
  });

  it("names the city on the sign-in page and in the sidebar, in Chinese and English", async () => {
    const page = await (await scene.browser.newContext()).newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${scene.world.url}/console`);
    const signInBrand = page.locator(".signin-brand p");
    await expect.poll(() => signInBrand.textContent()).toBe(`${ANOTHER_CITY.city} · 12345 / 信访`);
    await page.getByRole("button", { name: "English" }).click();
    await expect
      .poll(() => signInBrand.textContent())
      .toBe(`${ANOTHER_CITY.cityEn} · 12345 / Petitions`);

    await page.getByLabel(/Username/).fill("li");
    await page.getByLabel(/Password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    const sidebarBrand = page.locator(".sidebar .brand-text small");
    await expect
      .poll(() => sidebarBrand.textContent())
      .toBe(`${ANOTHER_CITY.cityEn} · 12345 / Petitions`);
    await page.getByRole("button", { name: "中文" }).click();
    await expect.poll(() => sidebarBrand.textContent()).toBe(`${ANOTHER_CITY.city} · 12345 / 信访`);
    expect(errors).toEqual([]);
  });
});
