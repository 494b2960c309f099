/**
 * A citizen's photo as the unit they report on gets it: the picture, never what a phone's
 * camera wrote into the file of who took it — where (GPS, often the citizen's home), with what
 * phone, under whose name (EXIF, XMP, IPTC, PNG text). 《信访工作条例》: the petitioner's
 * identity is not disclosed to those reported on. A clerk gets the file as it was sent. The
 * picture itself, and which way up it is, stay as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileOwner } from "../../src/storage/kept-files.ts";
import { createPhotoStore } from "../../src/storage/photo-store.ts";
import { startConsoleWorld, type ConsoleWorld } from "./console-world.ts";

const FUGOU = "urban_management.fugou";
/** What the camera wrote of its owner, in the file's metadata. */
const OWNER = "Wang Daye 13812345678";
const OWNER_IN_CHINESE = "王大爷";

function segment(marker: number, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | marker, 0);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

/** EXIF as a phone writes it: turned on its side (6), the owner as Artist, a GPS block. */
function exif(): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 3 * 12 + 4 + 32);
  tiff.write("II", 0, "latin1");
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(3, 8);
  const entry = (i: number, tag: number, type: number, count: number, value: number) => {
    const at = 10 + i * 12;
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    tiff.writeUInt32LE(value, at + 8);
  };
  const artistAt = 10 + 3 * 12 + 4;
  entry(0, 0x0112, 3, 1, 6); // Orientation: rotate 90°
  entry(1, 0x013b, 2, OWNER.length + 1, artistAt); // Artist
  entry(2, 0x8825, 4, 1, 0); // GPSInfo
  tiff.write(OWNER, artistAt, "latin1");
  return Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
}

const PICTURE = Buffer.concat([
  segment(0xdb, Buffer.alloc(65, 1)), // quantisation table
  segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])), // frame header
  segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])), // scan header
  Buffer.from([0x12, 0x34, 0x56, 0xff, 0xd9]), // compressed picture, end of image
]);

const CAMERA_JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8]),
  segment(0xe0, Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1")),
  segment(0xe1, exif()),
  segment(
    0xe1,
    Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${OWNER_IN_CHINESE}</x:xmpmeta>`),
  ),
  segment(0xed, Buffer.from(`Photoshop 3.0\0${OWNER}`, "latin1")), // IPTC
  segment(0xfe, Buffer.from(OWNER, "latin1")), // comment
  PICTURE,
]);

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_HEADER = pngChunk("IHDR", Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
const PNG_PICTURE = pngChunk("IDAT", Buffer.from([0x78, 0x9c, 1, 2, 3]));
const SCREENSHOT_PNG = Buffer.concat([
  PNG_SIGNATURE,
  PNG_HEADER,
  pngChunk("tEXt", Buffer.from(`Author\0${OWNER}`, "latin1")),
  pngChunk("iTXt", Buffer.from(`Author\0\0\0\0\0${OWNER_IN_CHINESE}`)),
  PNG_PICTURE,
  pngChunk("IEND", Buffer.alloc(0)),
]);

// An iPhone's own format: its metadata lies in items this service does not rewrite.
const IPHONE_HEIC = Buffer.concat([
  Buffer.from([0, 0, 0, 24]),
  Buffer.from("ftypheic\0\0\0\0mif1heic", "latin1"),
  Buffer.from(OWNER, "latin1"),
]);

describe("a citizen's photo for the unit it reports on", { timeout: 60_000 }, () => {
  let world: ConsoleWorld;
  let trackingNo: string;
  const photoIds: Record<"jpeg" | "png" | "heic", string> = { jpeg: "", png: "", heic: "" };

  beforeAll(async () => {
    world = await startConsoleWorld();
    const photos = createPhotoStore(world.app.db, world.dataDir);
    const owner = fileOwner("web", "photo-citizen");
    const kept = async (bytes: Buffer) =>
      (await photos.savePicture(owner, bytes, world.clock.now()))!.id;
    const ids = [
      await kept(CAMERA_JPEG),
      await kept(SCREENSHOT_PNG),
      await kept(IPHONE_HEIC),
    ] as const;
    trackingNo = await world.file("photo-citizen", { photos: [...ids] });
    await world.addStaff("clerk", "clerk");
    await world.addStaff("handler", "handler", FUGOU);
    await world.app.caseActions.act(
      trackingNo,
      { type: "route", unitId: FUGOU },
      { kind: "clerk", id: "clerk" },
    );
    const clerk = world.client();
    await clerk.signIn("clerk");
    const refs: { id: string }[] = (await clerk.get(`/api/cases/${trackingNo}`)).json.photoRefs;
    [photoIds.jpeg, photoIds.png, photoIds.heic] = refs.map((r) => r.id) as [
      string,
      string,
      string,
    ];
  });
  afterAll(() => world.stop());

  async function photo(username: "clerk" | "handler", id: string) {
    const client = world.client({ "accept-language": "zh-CN" });
    await client.signIn(username);
    const answer = await fetch(`${world.url}/api/cases/${trackingNo}/photos/${id}`, {
      headers: { cookie: client.cookieHeader(), "accept-language": "zh-CN" },
    });
    return {
      status: answer.status,
      type: answer.headers.get("content-type"),
      bytes: Buffer.from(await answer.arrayBuffer()),
    };
  }

  it("gives the clerk the file as the citizen sent it", async () => {
    expect((await photo("clerk", photoIds.jpeg)).bytes).toEqual(CAMERA_JPEG);
    expect((await photo("clerk", photoIds.png)).bytes).toEqual(SCREENSHOT_PNG);
  });

  it("gives the unit a camera's JPEG with its picture and which way up, without who took it where", async () => {
    const { status, type, bytes } = await photo("handler", photoIds.jpeg);

    expect(status).toBe(200);
    expect(type).toBe("image/jpeg");
    expect(bytes.toString("latin1")).not.toContain(OWNER);
    expect(bytes.toString("utf8")).not.toContain(OWNER_IN_CHINESE);
    expect(bytes.includes(Buffer.from([0x25, 0x88]))).toBe(false); // no GPS block (tag 0x8825)
    // The picture as it was, after the JFIF header and an EXIF saying only "rotate 90°".
    expect(bytes.subarray(bytes.length - PICTURE.length)).toEqual(PICTURE);
    expect(bytes.subarray(2, 4)).toEqual(Buffer.from([0xff, 0xe0]));
    const orientation = bytes.indexOf(Buffer.from([0x01, 0x12, 0x00, 0x03]));
    expect(orientation).toBeGreaterThan(0);
    expect(bytes.readUInt16BE(orientation + 8)).toBe(6);
  });

  it("gives the unit a PNG without the author's name written into it", async () => {
    const { status, bytes } = await photo("handler", photoIds.png);

    expect(status).toBe(200);
    expect(bytes).toEqual(
      Buffer.concat([PNG_SIGNATURE, PNG_HEADER, PNG_PICTURE, pngChunk("IEND", Buffer.alloc(0))]),
    );
  });

  it("withholds from the unit a photo whose metadata cannot be taken out, and says why", async () => {
    const { status, bytes } = await photo("handler", photoIds.heic);

    expect(status).toBe(404);
    expect(bytes.toString("utf8")).not.toContain(OWNER);
    expect(JSON.parse(bytes.toString("utf8")).error).toMatchObject({
      code: "photo.withheld",
      message: expect.stringContaining("为保护反映人，不向承办单位显示"),
    });
  });
});
