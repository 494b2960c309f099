/**
 * A photo without what its file says of who took it. A phone's camera writes into the file
 * where it was taken (GPS, often the citizen's own home), when, the phone's make and serial,
 * sometimes its owner's name (EXIF, XMP, IPTC, PNG text): a unit the citizen reports on must
 * see the picture, never that (《信访工作条例》: the petitioner's identity is not disclosed to
 * those reported on). What draws the picture is kept as it is: the compressed image, its
 * colour profile, and in a JPEG which way up it is (the EXIF orientation, written again alone),
 * so the photo looks the same.
 *
 * By hand, because no package does this losslessly: an image library (sharp, jimp) decodes and
 * encodes the picture again, losing quality (and sharp's prebuilt libvips reads no HEIC), and
 * the EXIF removers (exif-be-gone) drop the orientation with the rest, so a phone's photo shows
 * on its side. The formats' segment layouts are short and fixed.
 */
import type { PhotoType } from "./photo-type.ts";

/**
 * How each kept type is read without its metadata; null for HEIC, whose metadata lies in items
 * of the ISO media file this does not rewrite.
 */
const REMOVERS: Readonly<Record<PhotoType, ((bytes: Buffer) => Buffer | null) | null>> = {
  "image/jpeg": jpegWithoutMetadata,
  "image/png": pngWithoutMetadata,
  "image/webp": webpWithoutMetadata,
  "image/heic": null,
};

/**
 * Whether a photo kept as `mimeType` can be shown without its metadata at all: false for a HEIC
 * photo, or one not kept as a picture, which a unit is never shown (a malformed file of a
 * removable type is told only by reading it: `withoutMetadata` then gives null).
 */
export function metadataRemovable(mimeType: string | null): boolean {
  return Object.hasOwn(REMOVERS, mimeType ?? "") && REMOVERS[mimeType as PhotoType] !== null;
}

/**
 * `bytes` of a photo of type `type` without its metadata; null when the file cannot be read as
 * one (it is then not shown: what it holds cannot be told), and for a HEIC photo.
 */
export function withoutMetadata(bytes: Buffer, type: PhotoType): Buffer | null {
  const remove = REMOVERS[type];
  try {
    return remove === null ? null : remove(bytes);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

const APP0_JFIF = 0xe0;
const APP1_EXIF_OR_XMP = 0xe1;
const APP2_ICC_PROFILE = 0xe2;
const APP14_ADOBE = 0xee;
const START_OF_SCAN = 0xda;
const END_OF_IMAGE = 0xd9;
/** Segments that draw the picture or say how: everything but APPn and comments (COM, 0xfe). */
const isDrawing = (marker: number) => marker < 0xe0 || (marker > 0xef && marker !== 0xfe);
const KEPT_APPLICATION_SEGMENTS = new Set([APP0_JFIF, APP2_ICC_PROFILE, APP14_ADOBE]);

function jpegWithoutMetadata(bytes: Buffer): Buffer | null {
  if (bytes.readUInt16BE(0) !== 0xffd8) return null;
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let orientation = 1;
  let at = 2;
  for (;;) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // a fill byte before a marker
      continue;
    }
    if (marker === END_OF_IMAGE) return null; // no picture in it
    const length = bytes.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) return null;
    const segment = bytes.subarray(at, end);
    if (marker === START_OF_SCAN) {
      kept.push(bytes.subarray(at)); // the compressed picture to its end
      break;
    }
    if (marker === APP1_EXIF_OR_XMP)
      orientation = exifOrientation(segment.subarray(4)) ?? orientation;
    if (isDrawing(marker) || KEPT_APPLICATION_SEGMENTS.has(marker)) kept.push(segment);
    at = end;
  }
  // After a JFIF header, which must come first, when there is one.
  const exifAt = kept[1]?.[1] === APP0_JFIF ? 2 : 1;
  if (orientation !== 1) kept.splice(exifAt, 0, orientationOnlyExif(orientation));
  return Buffer.concat(kept);
}

const EXIF_HEADER = Buffer.from("Exif\0\0", "latin1");
const ORIENTATION_TAG = 0x0112;

/** The orientation (1–8) an EXIF block gives the picture; undefined when it gives none. */
function exifOrientation(data: Buffer): number | undefined {
  if (!data.subarray(0, 6).equals(EXIF_HEADER)) return undefined;
  const tiff = data.subarray(6);
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) !== ORIENTATION_TAG) continue;
    const value = u16(entry + 8);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** An APP1 segment whose EXIF says the orientation and nothing else. */
function orientationOnlyExif(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write("MM", 0, "latin1");
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(ORIENTATION_TAG, 10);
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const data = Buffer.concat([EXIF_HEADER, tiff]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | APP1_EXIF_OR_XMP, 0);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

/** PNG chunks of words and dates (text, compressed text, international text, EXIF, time). */
const PNG_METADATA = new Set(["tEXt", "zTXt", "iTXt", "eXIf", "tIME"]);

function pngWithoutMetadata(bytes: Buffer): Buffer | null {
  const kept: Buffer[] = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const end = at + 12 + bytes.readUInt32BE(at);
    if (end > bytes.length) return null;
    const type = bytes.toString("latin1", at + 4, at + 8);
    if (!PNG_METADATA.has(type)) kept.push(bytes.subarray(at, end));
    at = end;
    if (type === "IEND") return Buffer.concat(kept);
  }
  return null;
}

const WEBP_METADATA = new Set(["EXIF", "XMP "]);
/** The VP8X header's flags saying EXIF (0x08) and XMP (0x04) chunks follow. */
const VP8X_METADATA_FLAGS = 0x08 | 0x04;

function webpWithoutMetadata(bytes: Buffer): Buffer | null {
  const kept: Buffer[] = [];
  let at = 12;
  while (at < bytes.length) {
    const size = bytes.readUInt32LE(at + 4);
    const end = at + 8 + size + (size % 2);
    if (end > bytes.length) return null;
    const type = bytes.toString("latin1", at, at + 4);
    if (type === "VP8X") {
      const header = Buffer.from(bytes.subarray(at, end));
      header[8] = header[8]! & ~VP8X_METADATA_FLAGS;
      kept.push(header);
    } else if (!WEBP_METADATA.has(type)) {
      kept.push(bytes.subarray(at, end));
    }
    at = end;
  }
  const body = Buffer.concat(kept);
  const head = Buffer.from(bytes.subarray(0, 12));
  head.writeUInt32LE(body.length + 4, 4);
  return Buffer.concat([head, body]);
}
