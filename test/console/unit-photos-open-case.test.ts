/**
 * A unit's photos go with its answer or progress report (README: 办理进展, 答复), so the unit
 * may upload them only while it may still send one of those: a case it has answered, or one
 * closed since, takes none. The refusal says why and what to do, the server deciding (not only
 * a hidden button), and nothing is kept.
 */
import { describe, expect, it } from "vitest";
import { PNG_BYTES } from "../channels/web/web-citizen.ts";
import { startedAtUnit, useConsoleWorld } from "./console-world.ts";

const FUGOU = "urban_management.fugou";

const scene = useConsoleWorld({
  staff: [
    { username: "li", role: "clerk" },
    { username: "zhao", role: "handler", unitId: FUGOU },
  ],
});

/** A multipart body with one photo, as the case page sends it. */
function form(): FormData {
  const body = new FormData();
  body.append("photo", new Blob([new Uint8Array(PNG_BYTES)], { type: "image/png" }), "site.png");
  return body;
}

describe("a unit's photo upload", { timeout: 60_000 }, () => {
  it("is kept while the unit handles the case", async () => {
    const { no, zhao } = await startedAtUnit(scene, "photo-running", FUGOU);

    const upload = await zhao.send("POST", `/api/cases/${no}/unit-photos`, form());

    expect(upload.status).toBe(201);
  });

  it("is refused, saying why, once the unit answered the case, and again once it is closed", async () => {
    const { no, zhao } = await startedAtUnit(scene, "photo-answered", FUGOU);
    const answered = await zhao.send("POST", `/api/cases/${no}/actions`, {
      action: {
        type: "answer",
        outcome: "support",
        text: "井盖已于本周更换完毕，经现场查看已恢复通行。",
      },
    });
    expect(answered.status).toBe(200);
    const keptBefore = await scene.world.app.db.webUpload.count();

    const afterAnswer = await zhao.send("POST", `/api/cases/${no}/unit-photos`, form());
    await scene.world.app.caseActions.act(no, { type: "close" }, { kind: "clerk", id: "li" });
    const afterClose = await zhao.send("POST", `/api/cases/${no}/unit-photos`, form());

    for (const refused of [afterAnswer, afterClose]) {
      expect(refused.status).toBe(409);
      expect(refused.json.error).toMatchObject({ code: "photo.case_not_open" });
      expect(refused.json.error.message).toContain("该案件已答复或已办结");
      expect(refused.json.error.message).toContain("您填写的内容仍保留");
    }
    expect(await scene.world.app.db.webUpload.count()).toBe(keptBefore);
  });
});
