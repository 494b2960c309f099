/** What the console's routes share: the services they call and the guard helpers. */
import type { FastifyRequest } from "fastify";
import type { CaseActions } from "../cases/case-actions.ts";
import type { ChatPhotoKeeping } from "../cases/case-photo.ts";
import type { LocatedInReader } from "../cases/located-in.ts";
import type { UnitPhotos } from "../cases/unit-photos.ts";
import type { KfReplyWindow } from "../notifications/reply-window.ts";
import type { Viewer } from "../cases/staff-viewer.ts";
import type { WorkingCalendar } from "../domain/calendar.ts";
import type { Directory } from "../domain/directory.ts";
import type { CaseReads } from "../storage/case-reads.ts";
import type { ReadQueries } from "../storage/queries/read-queries.ts";
import type { StaffStore } from "../storage/staff-store.ts";
import { ConsoleHttpError } from "./http-errors.ts";
import type { StaffAuth } from "./staff-auth.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in staff member (console routes only); null when signed out. */
    consoleViewer: Viewer | null;
  }
}

export interface ConsoleContext {
  /** Cases, their files, timelines, suggestions and notices. */
  readonly reads: CaseReads;
  /** Lists, counts and figures, computed by the database. */
  readonly queries: ReadQueries;
  readonly directory: Directory;
  /** Where a shared point lies, on the case page. */
  readonly locatedIn: LocatedInReader;
  readonly caseActions: CaseActions;
  readonly staffNames: Pick<StaffStore, "namesOf">;
  readonly auth: StaffAuth;
  readonly clock: { now(): Date };
  /** The working calendar the deadlines are counted on. */
  readonly calendar: () => WorkingCalendar;
  /** The folder kept photos (web uploads, WeChat images) are in; a storagePath is resolved inside it. */
  readonly photoRoot: string;
  /** Chat photos kept by file id only, downloaded when first opened. */
  readonly chatPhotos: ChatPhotoKeeping;
  /** Photos a unit attaches to its answer or progress report; without it, no upload. */
  readonly unitPhotos?: UnitPhotos | undefined;
  /** The WeCom reply window, for the page of a citizen who cannot be written to. */
  readonly wecomReplyWindow?: KfReplyWindow | undefined;
}

/**
 * The signed-in viewer.
 * @throws ConsoleHttpError 401 when signed out; 403 when `roles` is given and the viewer acts otherwise.
 */
export function viewerOf(
  request: FastifyRequest,
  roles?: readonly ("clerk" | "handler")[],
): Viewer {
  const viewer = request.consoleViewer;
  if (!viewer) throw new ConsoleHttpError(401, "auth.signed_out", "no console session");
  if (roles && !roles.includes(viewer.actor.kind as "clerk" | "handler")) {
    throw new ConsoleHttpError(
      403,
      "auth.forbidden",
      `staff ${viewer.staff.id} (${viewer.staff.role}) may not use ${request.routeOptions.url}`,
    );
  }
  return viewer;
}

/**
 * The signed-in administrator.
 * @throws ConsoleHttpError 401 when signed out; 403 for any other role.
 */
export function adminOf(request: FastifyRequest): Viewer {
  const viewer = viewerOf(request);
  if (viewer.staff.role !== "admin") {
    throw new ConsoleHttpError(
      403,
      "auth.forbidden",
      `staff ${viewer.staff.id} (${viewer.staff.role}) may not use ${request.routeOptions.url}`,
    );
  }
  return viewer;
}
