import { createKeptFiles, fileOwner, type KeptFile, type KeptFiles } from "./kept-files.ts";
import { detectPhotoType, type PhotoType } from "../photo-type.ts";
import type { Db } from "./database.ts";

const EXTENSION: Record<PhotoType, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/heic": "heic",
};

/** A kept photo with its bytes. */
export type StoredPhoto = KeptFile<PhotoType>;

/** Whose a kept photo is: see {@link fileOwner}. */
export const photoOwner = fileOwner;

/** A picture kept by {@link PhotoStore.savePicture}: its id and the type its bytes are. */
export interface SavedPicture {
  readonly id: string;
  readonly mimeType: PhotoType;
}

/**
 * Photos the service keeps itself (web uploads, WeChat images downloaded before WeCom's
 * 3-day media expire): kept files (see {@link KeptFiles}) under `<dataDir>/uploads`.
 */
export interface PhotoStore extends KeptFiles<PhotoType> {
  /**
   * Keeps `bytes` for `owner` when they are a picture of a type the service keeps — by what the
   * bytes are, whatever name or type they came with — as `save` does (saving again with the
   * same `sourceKey` is harmless). Null, keeping nothing, for anything else: each caller
   * refuses it in its own way.
   */
  savePicture(
    owner: string,
    bytes: Buffer,
    now: Date,
    sourceKey?: string,
  ): Promise<SavedPicture | null>;
}

export function createPhotoStore(db: Db, dataDir: string): PhotoStore {
  const files = createKeptFiles(db, dataDir, { folder: "uploads", extensions: EXTENSION });
  return {
    ...files,
    async savePicture(owner, bytes, now, sourceKey) {
      const mimeType = detectPhotoType(bytes);
      if (mimeType === null) return null;
      const options = sourceKey === undefined ? {} : { sourceKey };
      return { id: await files.save(owner, bytes, mimeType, now, options), mimeType };
    },
  };
}
