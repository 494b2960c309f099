/**
 * The citizen's way to a unit's photo: the signed link the status page and the web chat hand
 * out (see UnitPhotos). A link that does not fit its signature, or a photo no longer kept, is
 * "not found" — the same answer, so that a guess learns nothing.
 */
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { UNIT_PHOTO_PATH, type UnitPhotos } from "../../cases/unit-photos.ts";

const ParamsSchema = z.object({
  trackingNo: z.string().min(1).max(40),
  id: z.string().regex(/^[0-9a-f]{32}$/),
});
const QuerySchema = z.object({ sig: z.string().min(1).max(100) });

export function unitPhotoRoute(deps: { readonly photos: UnitPhotos }): FastifyPluginAsync {
  return async (app) => {
    app.get(`${UNIT_PHOTO_PATH}/:trackingNo/:id`, async (request, reply) => {
      const params = ParamsSchema.safeParse(request.params);
      const query = QuerySchema.safeParse(request.query);
      const photo =
        params.success && query.success
          ? await deps.photos.readSigned(params.data.trackingNo, params.data.id, query.data.sig)
          : null;
      if (!photo) {
        return reply
          .code(404)
          .type("text/plain; charset=utf-8")
          .header("cache-control", "no-store")
          .send("照片不存在或链接已失效。");
      }
      return reply
        .type(photo.mimeType)
        .header("cache-control", "private, max-age=86400")
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", "inline")
        .send(photo.bytes);
    });
  };
}
