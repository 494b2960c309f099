import type { CaseActions } from "../../src/cases/case-actions.ts";

/**
 * The citizen `citizenRef` gives their son 张强's number (158 1234 5678) for the case, then their
 * own (137 1234 5678) again: the son and his number are only a former contact of the case.
 */
export async function sonOnlyBefore(
  actions: Pick<CaseActions, "act">,
  trackingNo: string,
  citizenRef: string,
): Promise<void> {
  const citizen = { kind: "citizen", id: citizenRef } as const;
  await actions.act(
    trackingNo,
    { type: "change_contact", phone: "15812345678", holder: { relation: "son", name: "张强" } },
    citizen,
  );
  await actions.act(
    trackingNo,
    { type: "change_contact", phone: "13712345678", holder: null },
    citizen,
  );
}
