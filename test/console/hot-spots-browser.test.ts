/**
 * In the browser: an administrator issues an Open311 key on the admin page (shown
 * once); another system files three reports of missing covers within 500 m with it,
 * and two of one dark lamp 22 m apart; a clerk opens 热点问题 and sees the covers as one
 * cluster, each case a link, opens the map zoomed to it, and in the queue the two lamp reports flagged as possible
 * duplicates of each other, with why; a street named by 21 cases shows its count, its newest 20
 * and a link to the case list searched for it; of more places named again than a page lists,
 * the page shows the first 50 and their total, and "more" lists the rest.
 */
import { describe, expect, it } from "vitest";
import { LISTED_CASES, LISTED_FINDINGS } from "../../src/domain/places/hot-spots.ts";
import { useConsoleAndBrowser } from "./console-world.ts";

const scene = useConsoleAndBrowser({
  staff: [
    { username: "root", role: "admin", displayName: "王管理" },
    { username: "li", role: "clerk", displayName: "李登记" },
  ],
});

describe("hot spots and Open311 keys in the console", { timeout: 90_000 }, () => {
  it("issues a key, and shows the cluster its reports make", async () => {
    const { page, errors } = await scene.signedInPage("root");
    await page.getByRole("link", { name: "系统管理" }).click();
    const card = page.locator(".api-keys");
    await card.locator("input[name=name]").fill("城管通 App");
    await card.getByRole("button", { name: "发放密钥" }).click();
    const key = await page.locator(".api-key-issued code").innerText();
    expect(await page.locator(".api-keys tbody tr").innerText()).toContain("城管通 App");

    const file = async (latitude: number, description: string) => {
      const response = await fetch(`${scene.world.url}/open311/v2/requests.json`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          api_key: key,
          service_code: "municipal",
          lat: String(latitude),
          long: "114.6502",
          description,
        }).toString(),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { service_request_id: string }[])[0]!.service_request_id;
    };
    const numbers: string[] = [];
    for (const dLat of [0, 0.001, 0.002]) numbers.push(await file(33.6301 + dLat, "井盖没了"));
    // Two reports of one dark lamp 22 m apart, 2 km north: possible duplicates, no cluster.
    const lamp = await file(33.65, "路灯不亮了，晚上一片黑");
    const lampAgain = await file(33.6502, "这里的路灯坏了不亮");

    const { page: clerk } = await scene.signedInPage("li", { errors });
    await clerk.getByRole("link", { name: "热点问题" }).click();
    const clusters = clerk.locator(".hot-clusters");
    await clusters.waitFor();
    expect(await clusters.locator("h2").innerText()).toContain("(1)");
    expect(await clusters.locator("li").innerText()).toContain("市政市容：3 件");
    // Filed at the same instant on the test clock: the order among them is not defined.
    expect((await clusters.locator("li a.chip").allInnerTexts()).sort()).toEqual(numbers.sort());

    // The finding on the map: zoomed to its box (drawn), its three dots shown one by one.
    await clusters.getByRole("link", { name: "在地图上查看" }).click();
    await clerk.waitForURL(/\/console\/map\?/);
    const url = new URL(clerk.url());
    expect(url.searchParams.get("category")).toBe("municipal");
    expect(url.searchParams.get("bounds")).toBe("33.63010,114.65020,33.63210,114.65020");
    await clerk.locator(".case-map path.map-focus").waitFor();
    for (const no of numbers) {
      await clerk.locator(`.case-map .leaflet-marker-icon[title="${no}"]`).waitFor();
    }
    await clerk.waitForTimeout(300);
    await clerk.screenshot({ path: "/tmp/hot-spot-on-map.png" });
    await clerk.goBack();
    await clusters.waitFor();

    await clerk.getByRole("link", { name: "分办队列" }).click();
    // Each of the two lamp cases lists the other.
    const chip = clerk.locator(".qcard .chip-warn", { hasText: `${lamp} ·` });
    await chip.waitFor();
    expect(await chip.innerText()).toMatch(
      new RegExp(`^${lamp} · 位置相近 22 米 · 同一问题 · .*相隔 0 天$`),
    );
    expect(await clerk.locator(".qcard .chip-warn", { hasText: `${lampAgain} ·` }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it("counts every case naming a busy street and lists its newest 20, with a link to them all", async () => {
    const numbers: string[] = [];
    for (let i = 0; i < LISTED_CASES + 1; i++) {
      numbers.push(
        await scene.world.file(`busy-${i}`, {
          description: "七一路路面坏了一个大坑，车过去很颠",
          address: "七一路",
          region: "chuanhui",
        }),
      );
    }
    const { page: clerk } = await scene.signedInPage("li");
    await clerk.getByRole("link", { name: "热点问题" }).click();
    const street = clerk.locator(".hot-places li", { hasText: "七一路" });
    await street.waitFor();

    expect(await street.innerText()).toContain(
      `${LISTED_CASES + 1} 件，列出最新 ${LISTED_CASES} 件`,
    );
    // Filed at the same instant on the test clock: the newest are the highest tracking numbers.
    expect(await street.locator("a.chip").allInnerTexts()).toEqual(
      [...numbers].sort().reverse().slice(0, LISTED_CASES),
    );
    const list = new URL(
      (await street.getByRole("link", { name: "查看这些案件" }).getAttribute("href"))!,
      scene.world.url,
    );
    expect(list.pathname).toBe("/console/cases");
    expect(list.searchParams.get("q")).toBe("七一路");
    expect(list.searchParams.get("region")).toBe("chuanhui");
  });

  it("lists the first 50 places named again of their total, and the rest on demand", async () => {
    // Roads named by three cases each; filed at the same instant on the test clock, places named
    // as often are listed by name.
    const trees = [..."松柏桦槐杨柳梅兰竹菊"];
    const roads = Array.from(
      { length: LISTED_FINDINGS + 2 },
      (_, i) => `${trees[i % 10]}${trees[Math.floor(i / 10)]}路`,
    );
    for (const [i, road] of roads.entries()) {
      for (let n = 0; n < 3; n++) {
        await scene.world.file(`road-${i}-${n}`, {
          description: "路面有个大坑，车过去很颠",
          address: road,
          region: "chuanhui",
        });
      }
    }
    const { page: clerk, errors } = await scene.signedInPage("li");
    await clerk.getByRole("link", { name: "热点问题" }).click();
    const places = clerk.locator(".hot-places");
    await places.waitFor();

    // Every road, and the busy street of the test before.
    const total = roads.length + 1;
    expect(await places.locator("h2").innerText()).toContain(
      `（共 ${total} 项，列出前 ${LISTED_FINDINGS} 项）`,
    );
    expect(await places.locator("li").count()).toBe(LISTED_FINDINGS);
    const more = places.getByRole("button", { name: `再列出 ${total - LISTED_FINDINGS} 项` });
    await more.click();

    await places
      .locator("li")
      .nth(total - 1)
      .waitFor();
    expect(await places.locator("li").count()).toBe(total);
    expect(await places.locator("li").last().innerText()).toContain([...roads].sort().at(-1));
    expect(await places.locator("h2").innerText()).toContain(`(${total})`);
    expect(await more.isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });
});
