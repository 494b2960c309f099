/**
 * The citizen's way to a unit's photo: the signed link the status page and the web chat hand
 * out (see UnitPhotos). A link whose signature does not fit is refused (403), one whose time
 * is over is gone (410: open the page again for a new one), a photo no longer kept is not
 * found (404) — each with a page that says so, never a 500.
 */
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { UNIT_PHOTO_PATH, type SignedPhoto, type UnitPhotos } from "../../cases/unit-photos.ts";
import { webPageText } from "../../i18n/web-page.ts";
import { esc, localePath, renderPage, requestedLocale, type PageService } from "./status-page.ts";

const ParamsSchema = z.object({
  trackingNo: z.string().min(1).max(40),
  id: z.string().regex(/^[0-9a-f]{32}$/),
});
const QuerySchema = z.object({
  exp: z.coerce.number().int().positive().optional(),
  sig: z.string().min(1).max(100),
});

const REFUSED_STATUS = { forged: 403, expired: 410, gone: 404 } as const;

/** The longest a browser keeps a photo: a day, and never past its link's end. */
const MAX_CACHE_SECONDS = 86_400;

export function unitPhotoRoute(deps: {
  readonly photos: UnitPhotos;
  readonly clock: { now(): Date };
  readonly service: PageService;
}): FastifyPluginAsync {
  return async (app) => {
    app.get(`${UNIT_PHOTO_PATH}/:trackingNo/:id`, async (request, reply) => {
      const params = ParamsSchema.safeParse(request.params);
      const query = QuerySchema.safeParse(request.query);
      const now = deps.clock.now();
      const found: SignedPhoto =
        params.success && query.success
          ? await deps.photos.readSigned(
              params.data.trackingNo,
              params.data.id,
              { expires: query.data.exp, sig: query.data.sig },
              now,
            )
          : { refused: "forged" };
      if ("refused" in found) {
        const locale = requestedLocale(request);
        const text = webPageText(locale);
        return reply
          .code(REFUSED_STATUS[found.refused])
          .type("text/html; charset=utf-8")
          .header("cache-control", "no-store")
          .send(
            renderPage({
              locale,
              title: text.unitPhotoHeading,
              active: null,
              service: deps.service,
              body: `<h1 class="page-title">${esc(text.unitPhotoHeading)}</h1>
    <div class="alert" role="alert">${esc(text.unitPhotoRefused[found.refused])}</div>
    <p><a class="button" href="${localePath("/status", locale)}">${esc(text.navStatus)}</a></p>`,
            }),
          );
      }
      const left = Math.floor((found.expiresAt.getTime() - now.getTime()) / 1000);
      return reply
        .type(found.photo.mimeType)
        .header("cache-control", `private, max-age=${Math.min(MAX_CACHE_SECONDS, left)}`)
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", "inline")
        .send(found.photo.bytes);
    });
  };
}
