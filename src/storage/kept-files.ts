import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Channel } from "../generated/sqlite/enums.ts";
import { isUniqueViolation, type Db } from "./database.ts";

/**
 * Who a kept file belongs to (the WebUpload row's `sessionId`): a web session's key as it is
 * (64 hex digits), `<channel>:<external id>` for a chat channel that hands its files over
 * (`wecom:<external_userid>`), so the two can never meet.
 */
export function fileOwner(channel: Channel, externalId: string): string {
  return channel === "web" ? externalId : `${channel}:${externalId}`;
}

/** Where a kept file is on disk: its storagePath (as a WebUpload or Attachment names it) in `dataDir`. */
export function keptFilePath(dataDir: string, storagePath: string): string {
  return path.join(dataDir, storagePath);
}

export interface KeptFile<T extends string> {
  readonly id: string;
  readonly mimeType: T;
  readonly bytes: Buffer;
}

/**
 * Files the service keeps itself (photos, voice recordings): one file under
 * `<dataDir>/<folder>`, named by its id, and a WebUpload row naming its owner (see
 * {@link fileOwner}) and type. The id is also the file's id in the conversation and on the
 * case's Attachment, whose storagePath (relative to the data folder) staff tools open with
 * `resolve`. A store reads back only rows of its own types.
 */
export interface KeptFiles<T extends string> {
  /**
   * Writes the file and its row; returns the new id. With a `sourceKey` (e.g. the chat
   * message's id) the id is derived from owner and key and saving again is harmless: it
   * returns the same id and leaves one file and one row.
   */
  save(
    owner: string,
    bytes: Buffer,
    mimeType: T,
    now: Date,
    options?: { sourceKey?: string },
  ): Promise<string>;
  /** The id of the owner's file saved with `sourceKey`; null when there is none yet. */
  findBySource(owner: string, sourceKey: string): Promise<string | null>;
  /** The file, only for its owner; null otherwise, when it is gone or not of this store's types. */
  read(owner: string, id: string): Promise<KeptFile<T> | null>;
  /** The absolute path of an Attachment.storagePath. */
  resolve(storagePath: string): string;
  /** The Attachment.storagePath (relative to the data folder) of the saved file `id`. */
  storagePath(id: string, mimeType: T): string;
}

/** A store of kept files of the types in `extensions` (MIME type → file extension). */
export function createKeptFiles<T extends string>(
  db: Db,
  dataDir: string,
  { folder, extensions }: { folder: string; extensions: Readonly<Record<T, string>> },
): KeptFiles<T> {
  const resolve = (storagePath: string) => keptFilePath(dataDir, storagePath);
  const keyedId = (owner: string, sourceKey: string) =>
    createHash("sha256").update(`${owner}\n${sourceKey}`).digest("hex").slice(0, 32);
  const isOwnType = (mimeType: string): mimeType is T => Object.hasOwn(extensions, mimeType);
  const storagePath = (id: string, mimeType: T) =>
    path.join(folder, `${id}.${extensions[mimeType]}`);
  return {
    resolve,
    storagePath,
    async save(owner, bytes, mimeType, now, options = {}) {
      const keyed = options.sourceKey !== undefined;
      const id = keyed ? keyedId(owner, options.sourceKey!) : randomBytes(16).toString("hex");
      const kept = storagePath(id, mimeType);
      const file = resolve(kept);
      await mkdir(path.join(dataDir, folder), { recursive: true });
      if (keyed) {
        // Same key, same bytes: a file left by an attempt that died before its row is replaced
        // whole (never seen half-written).
        const partial = `${file}.${randomBytes(4).toString("hex")}.part`;
        await writeFile(partial, bytes, { mode: 0o600 });
        await rename(partial, file);
      } else {
        await writeFile(file, bytes, { flag: "wx", mode: 0o600 });
      }
      try {
        await db.webUpload.create({
          data: {
            id,
            sessionId: owner,
            mimeType,
            size: bytes.length,
            storagePath: kept,
            createdAt: now,
          },
        });
      } catch (error) {
        if (keyed && isUniqueViolation(error)) {
          const row = await db.webUpload.findUnique({ where: { id } });
          if (row?.sessionId === owner) return id;
        }
        // A keyed file may be another attempt's that is about to get its row: leave it.
        if (!keyed) await rm(file, { force: true });
        throw error;
      }
      return id;
    },
    async findBySource(owner, sourceKey) {
      const id = keyedId(owner, sourceKey);
      const row = await db.webUpload.findUnique({ where: { id }, select: { sessionId: true } });
      return row?.sessionId === owner ? id : null;
    },
    async read(owner, id) {
      if (!/^[0-9a-f]{32}$/.test(id)) return null;
      const row = await db.webUpload.findUnique({ where: { id } });
      if (!row || row.sessionId !== owner || !isOwnType(row.mimeType)) return null;
      try {
        return { id, mimeType: row.mimeType, bytes: await readFile(resolve(row.storagePath)) };
      } catch (error) {
        if ((error as { code?: unknown }).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}
