/**
 * The photos the service keeps (web uploads, WeChat images): a file and a WebUpload row per
 * photo, read back only by their owner, saved once per source message.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/storage/database.ts";
import { createPhotoStore, photoOwner, type PhotoStore } from "../../src/storage/photo-store.ts";
import { freshDatabase, PROVIDERS } from "../support/databases.ts";

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("photo")]);
const NOW = new Date("2026-11-28T10:00:00+08:00");
const SESSION = "a".repeat(64);

describe("whose a kept photo is", () => {
  it("is the web session's key as it is, and channel:external id for a chat channel", () => {
    expect(photoOwner("web", SESSION)).toBe(SESSION);
    expect(photoOwner("wecom", "wmCITIZEN1")).toBe("wecom:wmCITIZEN1");
  });
});

describe.each(PROVIDERS)("the photo store (%s)", { timeout: 30_000 }, (provider) => {
  let db: Db;
  let dataDir: string;
  let photos: PhotoStore;

  beforeEach(async () => {
    db = await freshDatabase(provider);
    dataDir = await mkdtemp(path.join(os.tmpdir(), "petitions-photos-"));
    photos = createPhotoStore(db, dataDir);
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("gives a photo back to its owner only", async () => {
    const owner = photoOwner("wecom", "wmCITIZEN1");
    const id = await photos.save(owner, JPEG, "image/jpeg", NOW);

    expect(await photos.read(owner, id)).toEqual({ id, mimeType: "image/jpeg", bytes: JPEG });
    expect(await photos.read(photoOwner("wecom", "wmOTHER"), id)).toBeNull();
    expect(await photos.read(SESSION, id)).toBeNull();
    const row = await db.webUpload.findUniqueOrThrow({ where: { id } });
    expect(await readFile(photos.resolve(row.storagePath))).toEqual(JPEG);
  });

  it("saves a photo once per source key: the same id, one row, one file", async () => {
    const owner = photoOwner("wecom", "wmCITIZEN1");
    expect(await photos.findBySource(owner, "msg000042")).toBeNull();

    const first = await photos.save(owner, JPEG, "image/jpeg", NOW, { sourceKey: "msg000042" });
    const again = await photos.save(owner, JPEG, "image/jpeg", NOW, { sourceKey: "msg000042" });

    expect(again).toBe(first);
    expect(await photos.findBySource(owner, "msg000042")).toBe(first);
    expect(await photos.findBySource(photoOwner("wecom", "wmOTHER"), "msg000042")).toBeNull();
    expect(await db.webUpload.count()).toBe(1);
    expect(await readdir(path.join(dataDir, "uploads"))).toEqual([`${first}.jpg`]);
  });

  it("keeps a picture by what its bytes are, once per source key, and nothing that is none", async () => {
    const owner = photoOwner("telegram", "1001");
    const saved = await photos.savePicture(owner, JPEG, NOW, "update 7");
    expect(saved).toEqual({ id: expect.any(String), mimeType: "image/jpeg" });
    expect(await photos.savePicture(owner, JPEG, NOW, "update 7")).toEqual(saved);
    expect(await photos.findBySource(owner, "update 7")).toBe(saved!.id);

    // Without a source key, each upload is a photo of its own.
    const uploaded = await photos.savePicture(SESSION, JPEG, NOW);
    expect(uploaded?.id).not.toBe(saved!.id);

    expect(await photos.savePicture(owner, Buffer.from("GIF89a, or a text"), NOW, "u8")).toBeNull();
    expect(await db.webUpload.count()).toBe(2);
  });
});
