import { citizenRef } from "../domain/citizen-ref.ts";
import type { CitizenCaseSummary } from "../domain/intake/ports.ts";
import type { NumberHolder } from "../domain/holder-relations.ts";
import { citizenCaseSummary, SUMMARY_COLUMNS } from "./citizen-cases.ts";
import type { Db } from "./database.ts";
import { HOLDER_SELECT, holderOf } from "./holder-columns.ts";

/**
 * A case of a phone's 我的诉求. A case filed with a relative's or a neighbour's number ("打俺儿子
 * 电话…") is listed to whoever signs in with that number: the number is the case's contact, so
 * its holder already receives the case's SMS notices and is the one the staff call; hiding it would hide nothing and leave them unable to follow what they are
 * called about. It is marked with `holder`, so that the page says whose case it is and it is
 * never read as the holder's own.
 */
export interface PhoneCaseSummary extends CitizenCaseSummary {
  /** Whose the reporter said this number is; null: the reporter's own number, or joined (附议). */
  readonly holder: NumberHolder | null;
}

/** A live one-time code of a phone: the newest one, not used, not expired. */
export interface LiveSignInCode {
  readonly id: string;
  readonly codeHash: string;
}

/**
 * The phone sign-in of 我的诉求: its one-time codes (by keyed hashes of phone and code, never
 * either in clear), the cases filed with a phone and those joined (附议) by a citizen who gave
 * it when filing.
 */
export interface PhoneSignInStore {
  /** How many codes the phone was given since `since` (the per-phone limits). */
  codesSince(phoneKey: string, since: Date): Promise<Date[]>;
  /** Stores a new code; it alone is live for the phone from now on. */
  issue(code: { phoneKey: string; codeHash: string; now: Date; expiresAt: Date }): Promise<void>;
  /** The phone's newest code while it may still be tried; null otherwise. */
  live(phoneKey: string, now: Date, maxAttempts: number): Promise<LiveSignInCode | null>;
  /**
   * Counts one try of a live code, and uses it up when it matched. True only for the one try
   * that matched while the code was still live: two tries at once cannot both sign in.
   */
  tryCode(id: string, matched: boolean, now: Date, maxAttempts: number): Promise<boolean>;
  /**
   * The cases filed with this phone (not anonymously) in any channel, and those joined by a
   * citizen of this phone (marked supported), newest first.
   */
  casesOf(phone: string, limit: number): Promise<PhoneCaseSummary[]>;
  /** The query code of a case filed with this phone; null for any other case. */
  queryCodeOf(phone: string, trackingNo: string): Promise<string | null>;
  /** When a citizen of this phone joined the case (附议); null when none did. */
  supportedAt(phone: string, trackingNo: string): Promise<Date | null>;
  /**
   * The citizen refs (channel identities) of this phone's citizen that joined the case (附议),
   * each withdrawn on its own; none when none did.
   */
  supporterRefsOf(phone: string, trackingNo: string): Promise<string[]>;
}

export function createPhoneSignInStore(db: Db): PhoneSignInStore {
  const live = (now: Date, maxAttempts: number) => ({
    usedAt: null,
    expiresAt: { gt: now },
    attempts: { lt: maxAttempts },
  });
  return {
    async codesSince(phoneKey, since) {
      const rows = await db.phoneSignInCode.findMany({
        where: { phoneKey, createdAt: { gte: since } },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true },
      });
      return rows.map((row) => row.createdAt);
    },
    async issue({ phoneKey, codeHash, now, expiresAt }) {
      await db.phoneSignInCode.create({ data: { phoneKey, codeHash, createdAt: now, expiresAt } });
    },
    async live(phoneKey, now, maxAttempts) {
      const newest = await db.phoneSignInCode.findFirst({
        where: { phoneKey },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true, codeHash: true, usedAt: true, expiresAt: true, attempts: true },
      });
      if (!newest || newest.usedAt || newest.expiresAt <= now || newest.attempts >= maxAttempts) {
        return null;
      }
      return { id: newest.id, codeHash: newest.codeHash };
    },
    async tryCode(id, matched, now, maxAttempts) {
      const { count } = await db.phoneSignInCode.updateMany({
        where: { id, ...live(now, maxAttempts) },
        data: { attempts: { increment: 1 }, ...(matched && { usedAt: now }) },
      });
      return matched && count === 1;
    },
    async casesOf(phone, limit) {
      const newest = [{ submittedAt: "desc" as const }, { id: "desc" as const }];
      const [own, joined] = await Promise.all([
        db.case.findMany({
          where: { contactPhone: phone, anonymous: false },
          orderBy: newest,
          take: limit,
          select: { ...SUMMARY_COLUMNS, ...HOLDER_SELECT },
        }),
        db.case.findMany({
          where: { supporters: { some: { identity: { citizen: { phone } } } } },
          orderBy: newest,
          take: limit,
          select: SUMMARY_COLUMNS,
        }),
      ]);
      const owned = new Set(own.map((row) => row.trackingNo));
      return [
        ...own.map((row) => ({ ...citizenCaseSummary(row, false), holder: holderOf(row) })),
        ...joined
          .filter((row) => !owned.has(row.trackingNo))
          .map((row) => ({ ...citizenCaseSummary(row, true), holder: null })),
      ]
        .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())
        .slice(0, limit);
    },
    async supportedAt(phone, trackingNo) {
      const row = await db.caseSupporter.findFirst({
        where: { case: { trackingNo }, identity: { citizen: { phone } } },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true },
      });
      return row?.createdAt ?? null;
    },
    async supporterRefsOf(phone, trackingNo) {
      const rows = await db.caseSupporter.findMany({
        where: { case: { trackingNo }, identity: { citizen: { phone } } },
        select: { identity: { select: { channel: true, externalId: true } } },
      });
      return rows.map(({ identity }) => citizenRef(identity.channel, identity.externalId));
    },
    async queryCodeOf(phone, trackingNo) {
      const row = await db.case.findFirst({
        where: { trackingNo, contactPhone: phone, anonymous: false },
        select: { queryCode: true },
      });
      return row?.queryCode ?? null;
    },
  };
}
