import type { App } from "../../src/app.ts";

const CLERK = { kind: "clerk", id: "clerk-li" } as const;

/**
 * A clerk routes the case to the directory's first unit, whose handler starts and answers it
 * (supported): an answer waiting for the citizen's rating. `promisedBy`: the day the answer
 * promises its work done by (YYYY-MM-DD), none when absent.
 */
export async function answerCase(
  app: Pick<App, "caseActions" | "directory">,
  trackingNo: string,
  text = "路灯已于今日修复。",
  promisedBy?: string,
): Promise<void> {
  const handler = unitHandler(app);
  const { unitId } = handler;
  await app.caseActions.act(trackingNo, { type: "route", unitId }, CLERK);
  await app.caseActions.act(trackingNo, { type: "start" }, handler);
  await app.caseActions.act(
    trackingNo,
    { type: "answer", outcome: "support", text, promisedBy },
    handler,
  );
}

/**
 * The unit's handler gives the opinion of the review (复查) the citizen asked for: an opinion
 * waiting for the citizen's rating, after which a 复核 may be asked for.
 */
export async function answerReview(
  app: Pick<App, "caseActions" | "directory">,
  trackingNo: string,
  text = "经复查，另一盏路灯已列入本月维修计划。",
): Promise<void> {
  await app.caseActions.act(
    trackingNo,
    { type: "answer", outcome: "explain", text },
    unitHandler(app),
  );
}

/** The handler of the directory's first unit, which the cases here are routed to. */
function unitHandler(app: Pick<App, "directory">) {
  return { kind: "handler", id: "handler-zhao", unitId: app.directory.units[0]!.id } as const;
}
