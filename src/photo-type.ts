/** The image types the service keeps, by what their bytes say they are. */
export type PhotoType = "image/jpeg" | "image/png" | "image/webp" | "image/heic";

/** The photo types `detectPhotoType` recognises (and so the only ones accepted). */
export const PHOTO_TYPES: readonly PhotoType[] = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/heic",
];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** HEIF/HEIC major brands (not AVIF, not video). */
const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

/**
 * The image type of a file by its first bytes, whatever its name or declared
 * type says; null for anything else.
 */
export function detectPhotoType(bytes: Buffer): PhotoType | null {
  const ascii = (from: number, to: number) => bytes.subarray(from, to).toString("latin1");
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return "image/jpeg";
  }
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return "image/png";
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  // ISO base media file: [box size]["ftyp"][major brand].
  if (bytes.length >= 12 && ascii(4, 8) === "ftyp" && HEIF_BRANDS.has(ascii(8, 12))) {
    return "image/heic";
  }
  return null;
}
