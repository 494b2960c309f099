import {
  STAFF_DIGEST_KIND,
  StaffDigestPayloadSchema,
} from "../../src/notifications/staff-digest.ts";
import type { Db } from "../../src/storage/database.ts";

/** The clerks' escalation digests in the outbox that list case `trackingNo`, oldest first. */
export async function digestsListing(db: Db, trackingNo: string) {
  const rows = await db.outboxMessage.findMany({
    where: { caseId: null, kind: STAFF_DIGEST_KIND },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows
    .map((row) => ({
      kind: row.kind,
      channel: row.channel,
      recipient: row.recipient,
      audience: row.audience,
      createdAt: row.createdAt,
      text: StaffDigestPayloadSchema.parse(row.payload).text,
    }))
    .filter((digest) => digest.text.includes(trackingNo));
}
