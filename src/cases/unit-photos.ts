/**
 * Photos a unit attaches to its answer or a progress report (the mended manhole cover): files
 * the service keeps for the case — owned by `case:<trackingNo>`, never by a citizen's session or
 * chat, so no citizen's own photo route serves them — listed by id in the timeline entry they
 * went with (`photoIds`, see timeline.ts) and sent to the citizen with the notice. The citizen's
 * browser (status page, web chat) gets them through a link signed with the service's secret,
 * handed out only to whoever opened the case with its number and query code, or to the chat
 * that filed it, and signed anew each time the page is shown: a link lives for a while
 * (UNIT_PHOTO_LINK_HOURS), so that one copied out of a page, a history or a log stops working.
 * A unit's photo carries nothing of the citizen.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../errors.ts";
import type { PhotoStore, StoredPhoto } from "../storage/photo-store.ts";

/** The largest photo a unit may attach: the citizens' web upload limit. */
export const UNIT_PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/** Where a citizen's browser gets a unit's photo: `/status/photos/<no>/<id>?exp=…&sig=…`. */
export const UNIT_PHOTO_PATH = "/status/photos";

/** What a signed link carries besides the path: when it ends (Unix seconds) and its signature. */
export interface PhotoLinkSignature {
  /** Missing on a link from before links expired. */
  readonly expires: number | undefined;
  readonly sig: string;
}

/**
 * The photo behind a link, or why not: `forged` (the signature does not fit), `expired` (a
 * link that was handed out but whose time is over), `gone` (no longer kept for the case).
 */
export type SignedPhoto =
  | { readonly photo: StoredPhoto; readonly expiresAt: Date }
  | { readonly refused: "forged" | "expired" | "gone" };

export interface UnitPhotos {
  /**
   * Keeps one photo for case `trackingNo`'s next answer or progress report and returns its id.
   * With a `sourceKey` (the chat message it came in) saving again returns the same id.
   * @throws AppError("input.invalid", userMessageKey "photo.type") when the bytes are no JPEG,
   * PNG, WebP or HEIC; ("photo.size") when larger than UNIT_PHOTO_MAX_BYTES.
   */
  save(trackingNo: string, bytes: Buffer, now: Date, sourceKey?: string): Promise<string>;
  /** The case's photo `id`; null when it is not one of the case's. */
  read(trackingNo: string, id: string): Promise<StoredPhoto | null>;
  /** The ids of `ids` that are not photos kept for the case ([] when all are). */
  unknown(trackingNo: string, ids: readonly string[]): Promise<string[]>;
  /** The signed path of a case's photo for the citizen's browser, valid from `now` for a while. */
  link(trackingNo: string, id: string, now: Date): string;
  /** The photo behind a link at `now` (see SignedPhoto). */
  readSigned(
    trackingNo: string,
    id: string,
    signature: PhotoLinkSignature,
    now: Date,
  ): Promise<SignedPhoto>;
}

/** The owner of a case's unit photos in the photo store. */
function ownerOf(trackingNo: string): string {
  return `case:${trackingNo}`;
}

/**
 * `linkLifetimeMs`: how long a link handed out works (UNIT_PHOTO_LINK_HOURS); at least a
 * second, as its end is kept in whole seconds.
 */
export function createUnitPhotos(
  store: PhotoStore,
  secret: Buffer,
  linkLifetimeMs: number,
): UnitPhotos {
  const sign = (trackingNo: string, id: string, expires: number) =>
    createHmac("sha256", secret)
      .update(`unit-photo\n${trackingNo}\n${id}\n${expires}`)
      .digest("base64url");
  const read = (trackingNo: string, id: string) => store.read(ownerOf(trackingNo), id);
  return {
    async save(trackingNo, bytes, now, sourceKey) {
      if (bytes.length > UNIT_PHOTO_MAX_BYTES) {
        throw new AppError("input.invalid", `photo of ${bytes.length} bytes for ${trackingNo}`, {
          userMessageKey: "photo.size",
        });
      }
      const saved = await store.savePicture(ownerOf(trackingNo), bytes, now, sourceKey);
      if (saved === null) {
        throw new AppError("input.invalid", `a file that is no photo for ${trackingNo}`, {
          userMessageKey: "photo.type",
        });
      }
      return saved.id;
    },
    read,
    async unknown(trackingNo, ids) {
      const found = await Promise.all(ids.map((id) => read(trackingNo, id)));
      return ids.filter((_, index) => found[index] === null);
    },
    link(trackingNo, id, now) {
      const expires = Math.ceil((now.getTime() + linkLifetimeMs) / 1000);
      return `${UNIT_PHOTO_PATH}/${encodeURIComponent(trackingNo)}/${id}?exp=${expires}&sig=${sign(trackingNo, id, expires)}`;
    },
    async readSigned(trackingNo, id, { expires, sig }, now) {
      // Links handed out before they had an end: their time is over, which is what the citizen
      // needs to hear (open the page again), not that the link was forged.
      if (expires === undefined) return { refused: "expired" };
      const expected = Buffer.from(sign(trackingNo, id, expires));
      const given = Buffer.from(sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return { refused: "forged" };
      }
      const expiresAt = new Date(expires * 1000);
      if (expiresAt <= now) return { refused: "expired" };
      const photo = await read(trackingNo, id);
      return photo ? { photo, expiresAt } : { refused: "gone" };
    },
  };
}
