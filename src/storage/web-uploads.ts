import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "./database.ts";

/** The image types the web chat accepts, by what their bytes say they are. */
export type PhotoType = "image/jpeg" | "image/png" | "image/webp" | "image/heic";

const EXTENSION: Record<PhotoType, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/heic": "heic",
};

export interface StoredPhoto {
  readonly id: string;
  readonly mimeType: PhotoType;
  readonly bytes: Buffer;
}

/**
 * Photos web citizens upload: files under `<dataDir>/uploads`, named by a
 * random id, with a row naming the session that sent them. The id is also the
 * photo's fileId in the conversation and on the case's Attachment, whose
 * storagePath (relative to the data folder) staff tools open with `resolve`.
 */
export interface WebUploadStore {
  /** Writes the file and its row; returns the new id. */
  save(sessionId: string, bytes: Buffer, mimeType: PhotoType, now: Date): Promise<string>;
  /** The photo, only for the session that uploaded it; null otherwise or when it is gone. */
  read(sessionId: string, id: string): Promise<StoredPhoto | null>;
  /** The absolute path of an Attachment.storagePath. */
  resolve(storagePath: string): string;
}

export function createWebUploadStore(db: Db, dataDir: string): WebUploadStore {
  const resolve = (storagePath: string) => path.join(dataDir, storagePath);
  return {
    resolve,
    async save(sessionId, bytes, mimeType, now) {
      const id = randomBytes(16).toString("hex");
      const storagePath = path.join("uploads", `${id}.${EXTENSION[mimeType]}`);
      await mkdir(path.join(dataDir, "uploads"), { recursive: true });
      await writeFile(resolve(storagePath), bytes, { flag: "wx", mode: 0o600 });
      try {
        await db.webUpload.create({
          data: { id, sessionId, mimeType, size: bytes.length, storagePath, createdAt: now },
        });
      } catch (error) {
        await rm(resolve(storagePath), { force: true });
        throw error;
      }
      return id;
    },
    async read(sessionId, id) {
      if (!/^[0-9a-f]{32}$/.test(id)) return null;
      const row = await db.webUpload.findUnique({ where: { id } });
      if (!row || row.sessionId !== sessionId) return null;
      try {
        return {
          id,
          mimeType: row.mimeType as PhotoType,
          bytes: await readFile(resolve(row.storagePath)),
        };
      } catch (error) {
        if ((error as { code?: unknown }).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}
