/**
 * A citizen's voice recordings are kept with the case: clerks play them on the case page
 * (an <audio> source at /api/cases/<no>/recordings/<id>), apart from its photos. A voice tells
 * who spoke, so the unit handling the case reads the words and never hears them; staff who
 * may not see the case, and anyone not signed in, get nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileOwner } from "../../src/storage/kept-files.ts";
import { createVoiceStore } from "../../src/storage/voice-store.ts";
import { makeRecordings, type Recordings } from "../voice/recordings.ts";
import { startConsoleWorld, type ConsoleWorld } from "./console-world.ts";

describe("a case's voice recordings in the console", { timeout: 60_000 }, () => {
  let world: ConsoleWorld;
  let recordings: Recordings;
  let trackingNo: string;
  let recordingId: string;
  beforeAll(async () => {
    [world, recordings] = await Promise.all([startConsoleWorld(), makeRecordings()]);
    const voices = createVoiceStore(world.app.db, world.dataDir);
    const kept = await voices.save(
      fileOwner("web", "citizen-a"),
      recordings.bytes.browser,
      "audio/webm",
      world.clock.now(),
    );
    const someoneElses = await voices.save(
      fileOwner("web", "citizen-b"),
      recordings.bytes.browser,
      "audio/webm",
      world.clock.now(),
    );
    trackingNo = await world.file("citizen-a", { recordings: [kept, someoneElses] });
    await world.addStaff("clerk", "clerk");
    await world.addStaff("handler", "handler", "urban_management.fugou");
  });
  afterAll(() => recordings.remove());

  it("lists the citizen's own recording apart from the photos, and plays it for a clerk", async () => {
    const clerk = world.client();
    await clerk.signIn("clerk");

    const detail = await clerk.get(`/api/cases/${trackingNo}`);
    expect(detail.json.photoRefs).toEqual([]);
    expect(detail.json.photos).toBe(0);
    expect(detail.json.recordingRefs).toHaveLength(1);
    const [{ id, mimeType }] = detail.json.recordingRefs;
    recordingId = id;
    expect(mimeType).toBe("audio/webm");

    const played = await fetch(`${world.url}/api/cases/${trackingNo}/recordings/${id}`, {
      headers: { cookie: clerk.cookieHeader() },
    });
    expect(played.status).toBe(200);
    expect(played.headers.get("content-type")).toBe("audio/webm");
    expect(Buffer.from(await played.arrayBuffer())).toEqual(recordings.bytes.browser);
    expect((await clerk.get(`/api/cases/${trackingNo}/photos/${id}`)).status).toBe(404);
  });

  it("neither lists nor plays the recording for the unit handling the case", async () => {
    const other = await world.file("citizen-c", {
      recordings: [
        await createVoiceStore(world.app.db, world.dataDir).save(
          fileOwner("web", "citizen-c"),
          recordings.bytes.browser,
          "audio/webm",
          world.clock.now(),
        ),
      ],
    });
    const clerk = world.client();
    await clerk.signIn("clerk");
    const [{ id }] = (await clerk.get(`/api/cases/${other}`)).json.recordingRefs;
    await world.app.caseActions.act(
      other,
      { type: "route", unitId: "urban_management.fugou" },
      { kind: "clerk", id: "clerk" },
    );
    const handler = world.client();
    await handler.signIn("handler");

    const detail = await handler.get(`/api/cases/${other}`);
    expect(detail.status).toBe(200);
    expect(detail.json.recordingRefs).toEqual([]);
    expect((await handler.get(`/api/cases/${other}/recordings/${id}`)).status).toBe(404);
  });

  it("plays nothing to staff who may not see the case, nor to anyone signed out", async () => {
    const handler = world.client();
    await handler.signIn("handler");
    expect((await handler.get(`/api/cases/${trackingNo}/recordings/${recordingId}`)).status).toBe(
      404,
    );
    const stranger = world.client();
    expect((await stranger.get(`/api/cases/${trackingNo}/recordings/${recordingId}`)).status).toBe(
      401,
    );
  });
});
