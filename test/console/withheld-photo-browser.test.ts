/**
 * A citizen's photo a unit may not be shown (an iPhone's HEIC: what it says of who took it where
 * cannot be taken out of it, so the photo route refuses it to a unit, photo.withheld) is said on
 * the unit's case page, in Chinese and in English, in the photo's place: not a broken picture
 * the handler would try to open again. The clerk is still given the photo itself.
 */
import { describe, expect, it } from "vitest";
import { PNG_BYTES } from "../channels/web/web-citizen.ts";
import { fileOwner } from "../../src/storage/kept-files.ts";
import { createPhotoStore } from "../../src/storage/photo-store.ts";
import { useConsoleAndBrowser } from "./console-world.ts";

const FUGOU = "urban_management.fugou";
const IPHONE_HEIC = Buffer.concat([
  Buffer.from([0, 0, 0, 24]),
  Buffer.from("ftypheic\0\0\0\0mif1heic", "latin1"),
]);

const scene = useConsoleAndBrowser({
  staff: [
    { username: "li", role: "clerk" },
    { username: "zhao", role: "handler", unitId: FUGOU },
  ],
});

/** A case at FUGOU with a screenshot (PNG) and an iPhone photo (HEIC), in that order. */
async function caseWithHeicPhoto(): Promise<{ no: string; heicId: string }> {
  const { world } = scene;
  const photos = createPhotoStore(world.app.db, world.dataDir);
  const owner = fileOwner("web", "withheld-photo");
  const kept = async (bytes: Buffer) =>
    (await photos.savePicture(owner, bytes, world.clock.now()))!.id;
  const no = await world.file("withheld-photo", {
    photos: [await kept(PNG_BYTES), await kept(IPHONE_HEIC)],
  });
  const li = await scene.signedIn("li");
  await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId: FUGOU } });
  const refs: { id: string }[] = (await li.get(`/api/cases/${no}`)).json.photoRefs;
  return { no, heicId: refs[1]!.id };
}

describe("a photo withheld from the unit on its case page", { timeout: 60_000 }, () => {
  it("tells the handler, in its place, that it is not shown to protect the petitioner; the clerk sees it", async () => {
    const { no, heicId } = await caseWithHeicPhoto();
    const caseUrl = `${scene.world.url}/console/cases/${encodeURIComponent(no)}`;
    const photoUrl = `/api/cases/${encodeURIComponent(no)}/photos/${heicId}`;

    const { page, errors } = await scene.signedInPage("zhao");
    await page.goto(caseUrl);
    const withheld = page.locator(".photos .photo-missing");
    await withheld.waitFor();
    expect(await withheld.innerText()).toContain("为保护反映人，这张照片不向承办单位显示");
    expect(await page.locator(".photos img").count()).toBe(1); // the screenshot only
    expect(
      await page.locator(`.photos [href="${photoUrl}"], .photos [src="${photoUrl}"]`).count(),
    ).toBe(0);

    await page.getByRole("button", { name: "English" }).click();
    await expect
      .poll(() => withheld.innerText())
      .toContain("Not shown to handling units, to protect the petitioner");

    const clerk = await scene.signedInPage("li");
    await clerk.page.goto(caseUrl);
    await clerk.page.locator(`.photos img[src="${photoUrl}"]`).waitFor({ state: "attached" });
    expect(await clerk.page.locator(".photos .photo-missing").count()).toBe(0);
    expect([...errors, ...clerk.errors]).toEqual([]);
  });
});
