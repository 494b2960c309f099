import { createKeptFiles, fileOwner, type KeptFile, type KeptFiles } from "./kept-files.ts";
import type { PhotoType } from "../photo-type.ts";
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

/**
 * Photos the service keeps itself (web uploads, WeChat images downloaded before WeCom's
 * 3-day media expire): kept files (see {@link KeptFiles}) under `<dataDir>/uploads`.
 */
export type PhotoStore = KeptFiles<PhotoType>;

export function createPhotoStore(db: Db, dataDir: string): PhotoStore {
  return createKeptFiles(db, dataDir, { folder: "uploads", extensions: EXTENSION });
}
