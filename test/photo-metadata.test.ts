/**
 * What `withoutMetadata` keeps of a photo's file: the picture, never the words and places a
 * camera or app wrote beside it (see test/console/case-photo-metadata.test.ts for the unit's
 * view of a case's photos).
 */
import { describe, expect, it } from "vitest";
import { withoutMetadata } from "../src/photo-metadata.ts";

function riffChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, "latin1");
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, Buffer.alloc(data.length % 2)]);
}

function webp(...chunks: Buffer[]): Buffer {
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write("RIFF", 0, "latin1");
  head.writeUInt32LE(body.length + 4, 4);
  head.write("WEBP", 8, "latin1");
  return Buffer.concat([head, body]);
}

describe("a photo without its metadata", () => {
  it("keeps a WebP's picture and drops its EXIF and XMP, and the header's flags for them", () => {
    const header = (flags: number) =>
      riffChunk("VP8X", Buffer.from([flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const picture = riffChunk("VP8 ", Buffer.from([1, 2, 3, 4, 5]));
    const sent = webp(
      header(0x08 | 0x04 | 0x10),
      picture,
      riffChunk("EXIF", Buffer.from("Exif\0\0Wang Daye 13812345678", "latin1")),
      riffChunk("XMP ", Buffer.from("<x:xmpmeta>王大爷</x:xmpmeta>")),
    );

    expect(withoutMetadata(sent, "image/webp")).toEqual(webp(header(0x10), picture));
  });

  it("gives nothing for a file that breaks off before its picture", () => {
    const jpegCut = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x01, 0x00, 0x45, 0x78]);
    expect(withoutMetadata(jpegCut, "image/jpeg")).toBeNull();
    expect(withoutMetadata(Buffer.from([0x89, 0x50, 0x4e, 0x47]), "image/png")).toBeNull();
  });
});
