/**
 * A unit's photos on the case page: uploaded one by one (multipart, as the citizens' web
 * photos) before the answer or progress report that names them by id, and shown to staff who
 * may see the case.
 */
import fastifyMultipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireCaseRecord } from "../cases/case-records.ts";
import { UNIT_PHOTO_MAX_BYTES, type UnitPhotos } from "../cases/unit-photos.ts";
import { offeredCommands } from "../domain/lifecycle/transitions.ts";
import { isAppError } from "../errors.ts";
import { viewerOf, type ConsoleContext } from "./console-context.ts";
import { ConsoleHttpError } from "./http-errors.ts";

const TrackingNoParams = z.object({ trackingNo: z.string().min(1).max(40) });

export const unitPhotoRoutes: FastifyPluginAsyncZod<{
  context: ConsoleContext;
  unitPhotos: UnitPhotos;
}> = async (app, { context, unitPhotos }) => {
  const { reads, directory, clock } = context;
  if (!app.hasRequestDecorator("file")) await app.register(fastifyMultipart);

  app.post(
    "/api/cases/:trackingNo/unit-photos",
    {
      schema: {
        tags: ["cases"],
        summary:
          "Keep a photo (multipart field `photo`: JPEG, PNG, WebP or HEIC, at most 5 MB) for the case's next answer or progress report; name its id in the action's photoIds",
        params: TrackingNoParams,
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request, ["handler"]);
      const { trackingNo } = request.params;
      const { record } = await requireCaseRecord(reads.records, directory, viewer, trackingNo);
      // A unit's photo goes with its answer or progress report: none once neither may be sent.
      const offered = offeredCommands(record.case, viewer.actor, clock.now());
      if (!offered.includes("answer") && !offered.includes("report_progress")) {
        throw new ConsoleHttpError(
          409,
          "photo.case_not_open",
          `unit photo for ${trackingNo} refused: the case is ${record.case.status}`,
          { status: record.case.status },
        );
      }
      const bytes = await readPhoto(request);
      let id;
      try {
        id = await unitPhotos.save(trackingNo, bytes, clock.now());
      } catch (error) {
        if (isAppError(error, "input.invalid") && error.userMessageKey) {
          throw new ConsoleHttpError(400, error.userMessageKey, error.message);
        }
        throw error;
      }
      request.log.info({ caseNo: trackingNo, bytes: bytes.length }, "unit photo kept");
      return reply.code(201).send({ id, url: staffPhotoPath(trackingNo, id) });
    },
  );

  app.get(
    "/api/cases/:trackingNo/unit-photos/:photoId",
    {
      schema: {
        tags: ["cases"],
        summary: "A photo a unit attached to the case, for staff who may see the case",
        params: TrackingNoParams.extend({ photoId: z.string().regex(/^[0-9a-f]{32}$/) }),
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { trackingNo, photoId } = request.params;
      await requireCaseRecord(reads.records, directory, viewer, trackingNo);
      const photo = await unitPhotos.read(trackingNo, photoId);
      if (!photo) {
        throw new ConsoleHttpError(404, "photo.not_found", `unit photo of ${trackingNo} missing`);
      }
      return reply
        .header("content-type", photo.mimeType)
        .header("cache-control", "private, max-age=300")
        .header("content-disposition", "inline")
        .send(photo.bytes);
    },
  );
};

/** Where the case page shows a unit's photo. */
export function staffPhotoPath(trackingNo: string, id: string): string {
  return `/api/cases/${encodeURIComponent(trackingNo)}/unit-photos/${id}`;
}

/**
 * The one photo of a multipart upload; a body that is not one is the client's mistake.
 * @throws ConsoleHttpError 400 (no photo, unreadable body, "photo.size" over the limit).
 */
async function readPhoto(request: FastifyRequest): Promise<Buffer> {
  const tooLarge = () =>
    new ConsoleHttpError(400, "photo.size", `unit photo over ${UNIT_PHOTO_MAX_BYTES} bytes`);
  try {
    const file = await request.file({
      limits: { fileSize: UNIT_PHOTO_MAX_BYTES, files: 1, fields: 0, parts: 2 },
      throwFileSizeLimit: true,
    });
    if (!file) throw new ConsoleHttpError(400, "input.invalid", "no photo in the upload");
    const bytes = await file.toBuffer();
    if (file.file.truncated) throw tooLarge();
    return bytes;
  } catch (error) {
    if (error instanceof ConsoleHttpError) throw error;
    if ((error as { code?: unknown }).code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge();
    throw new ConsoleHttpError(400, "input.invalid", "the upload is not a readable multipart body");
  }
}
