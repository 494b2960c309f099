/**
 * In-memory fakes of the intake engine's ports, and a small driver that plays a
 * conversation the way a channel would: it stores the state after every step (through
 * JSON, as the database does) and lets a test tap buttons by their label.
 */
import { expect } from "vitest";
import type {
  Classification,
  ClassificationHints,
  Classifier,
} from "../../../src/domain/classification.ts";
import { stripInstructions } from "../../../src/classification/injection-guard.ts";
import { inSimplifiedChinese } from "../../../src/classification/language.ts";
import type { Directory } from "../../../src/domain/directory.ts";
import type { NumberHolder } from "../../../src/domain/holder-relations.ts";
import type { GroupComplaint } from "../../../src/domain/group-complaint.ts";
import { createIntakeEngine } from "../../../src/domain/intake/engine.ts";
import type { IntakeDeps, IntakeEngine, IntakeResult } from "../../../src/domain/intake/engine.ts";
import type { CitizenEvent } from "../../../src/domain/intake/events.ts";
import type {
  AnswerRating,
  AnswerRatings,
  CitizenCaseDetail,
  CitizenDecision,
  CitizenCases,
  CitizenContact,
  ComplaintSubmission,
  ComplaintSubmitter,
  ContactChanges,
  RegionDetector,
  SubmissionReceipt,
  SupplementDecision,
  Supplements,
  UrgeDecision,
  Withdrawals,
} from "../../../src/domain/intake/ports.ts";
import { RUNNING_CITIZEN_STATUSES } from "../../../src/domain/intake/ports.ts";
import type { OutgoingMessage } from "../../../src/domain/intake/replies.ts";
import { DialogueStateSchema, createDialogueState } from "../../../src/domain/intake/state.ts";
import type { DialogueState } from "../../../src/domain/intake/state.ts";
import { directoryLocator } from "../../../src/domain/places/locate.ts";
import {
  createPlacesElsewhere,
  type PlacesElsewhere,
} from "../../../src/domain/places/elsewhere.ts";
import { chinaDivisions } from "../../../src/directory/china-divisions.ts";
import { loadDirectory } from "../../../src/directory/load-directory.ts";

/** 2026-11-28 10:00 Beijing time, a Saturday. */
export const NOW = new Date("2026-11-28T10:00:00+08:00");

let directoryPromise: Promise<Directory> | undefined;
/** The demo city's real directory (categories with their plain words, regions). */
export function demoDirectory(): Promise<Directory> {
  directoryPromise ??= loadDirectory();
  return directoryPromise;
}

const KEYWORDS: readonly [RegExp, string][] = [
  [/工资|欠薪|社保/u, "labor"],
  [/路灯|井盖|垃圾桶|占道|下水道/u, "municipal"],
  [/噪音|烧垃圾|烟|异味|noise/iu, "environment"],
  [/物业|电梯/u, "housing"],
  [/停水|停电|暖气|燃气|煤气/u, "utilities"],
  [/小偷|偷|诈骗|打人/u, "public_security"],
  [/饭店|食品|过期/u, "market"],
  [/支书|送礼|受贿/u, "discipline"],
];

/** A keyword Classifier: good enough to drive conversations, never used outside tests. */
export class FakeClassifier implements Classifier {
  readonly calls: { text: string; hints: ClassificationHints | undefined }[] = [];
  failing = false;
  /** When set, the answer to every complaint (e.g. an unsure one with its top 3). */
  answer: Classification | null = null;

  async classify(text: string, hints?: ClassificationHints): Promise<Classification> {
    this.calls.push({ text, hints });
    if (this.failing) throw new Error("classifier down");
    if (this.answer) return this.answer;
    const hit = KEYWORDS.find(([pattern]) => pattern.test(text));
    const category = hit?.[1] ?? "other";
    const confidence = hit ? 0.8 : 0.2;
    return {
      category,
      confidence,
      alternatives: [{ category, confidence }],
      unsure: !hit,
      language: "zh",
      region: null,
      explanation: hit
        ? [{ kind: "keyword", words: hit[0].exec(text)?.[0] ?? "", category }]
        : [{ kind: "unreadable" }],
      method: "rules",
    };
  }
}

/** Finds a region by any of its names in the directory (the real detector is smarter). */
export function fakeRegionDetector(directory: Directory): RegionDetector {
  const names = directory.regions
    .filter((region) => region.level !== "city")
    .flatMap((region) => region.names.map((name) => ({ name, code: region.code })))
    .sort((a, b) => b.name.length - a.name.length);
  return { detect: (text) => names.find(({ name }) => text.includes(name))?.code ?? null };
}

export class FakeSubmitter implements ComplaintSubmitter {
  readonly submissions: ComplaintSubmission[] = [];
  private readonly receipts = new Map<string, SubmissionReceipt>();
  failing = false;

  async submit(submission: ComplaintSubmission): Promise<SubmissionReceipt> {
    if (this.failing) throw new Error("database unavailable");
    const earlier = this.receipts.get(submission.idempotencyKey);
    if (earlier) return earlier;
    this.submissions.push(submission);
    const serial = String(this.submissions.length).padStart(4, "0");
    const receipt = {
      trackingNo: `ZK-20261128-${serial}`,
      acceptanceDueAt: new Date(submission.submittedAt.getTime() + 15 * 24 * 3600 * 1000),
    };
    this.receipts.set(submission.idempotencyKey, receipt);
    return receipt;
  }
}

/** A case as the citizen's case list shows it: received on 20 November, unless told otherwise. */
export function citizenCase(
  trackingNo: string,
  overrides: Partial<CitizenCaseDetail> = {},
): CitizenCaseDetail {
  return {
    trackingNo,
    status: "received",
    category: "municipal",
    submittedAt: new Date("2026-11-20T09:00:00+08:00"),
    supported: false,
    acceptanceDueAt: null,
    answerDueAt: null,
    underReview: null,
    unitName: null,
    timeline: [],
    reviewRequest: null,
    answer: null,
    mayRate: false,
    requestKind: "complaint",
    contact: null,
    ...overrides,
  };
}

/** The wage arrears case a citizen filed on 20 November, accepted, unless told otherwise. */
export function acceptedWageCase(overrides: Partial<CitizenCaseDetail> = {}): CitizenCaseDetail {
  return citizenCase("ZK-20261120-0007", {
    status: "accepted",
    category: "labor",
    acceptanceDueAt: new Date("2026-12-05T09:00:00+08:00"),
    ...overrides,
  });
}

/** A citizen at the time question of a draft about a blocked drain. */
export async function atTheTimeQuestion(c: Conversation): Promise<void> {
  await c.command("new");
  await c.say("我们小区门口的下水道堵了，臭得很");
  await c.tap("对，就是这个");
  await c.say("川汇区七一路和八一路交叉口东边");
  expect(c.state.step).toBe("time");
}

/** Cases of several citizens; `get` and `list` only ever answer with the asker's own. */
export class FakeCases implements CitizenCases {
  readonly cases: { owner: string; detail: CitizenCaseDetail }[] = [];
  failing = false;
  /** How often `list` was asked. */
  lists = 0;

  add(owner: string, detail: CitizenCaseDetail): void {
    this.cases.push({ owner, detail });
  }

  async list(citizenRef: string) {
    this.lists += 1;
    if (this.failing) throw new Error("database unavailable");
    return this.cases.filter((c) => c.owner === citizenRef).map((c) => c.detail);
  }

  async get(citizenRef: string, trackingNo: string) {
    if (this.failing) throw new Error("database unavailable");
    return (
      this.cases.find((c) => c.owner === citizenRef && c.detail.trackingNo === trackingNo)
        ?.detail ?? null
    );
  }
}

/**
 * Ratings and review requests by the lifecycle's rules in small: an answered or closed case
 * of the citizen's own, rated once; a review only after a rating that is not 已解决，满意.
 */
export class FakeRatings implements AnswerRatings {
  readonly ratings: { trackingNo: string; rating: AnswerRating }[] = [];
  readonly reviews: string[] = [];
  readonly reasons: { trackingNo: string; reason: string }[] = [];
  readonly photos: { trackingNo: string; photoIds: readonly string[] }[] = [];
  failing = false;

  constructor(private readonly cases: FakeCases) {}

  private own(citizenRef: string, trackingNo: string) {
    return this.cases.cases.find(
      (c) => c.owner === citizenRef && c.detail.trackingNo === trackingNo,
    )?.detail;
  }

  async mayRate(citizenRef: string, trackingNo: string): Promise<boolean> {
    if (this.failing) throw new Error("database unavailable");
    const own = this.own(citizenRef, trackingNo);
    const answered = own?.status === "answered" || own?.status === "closed";
    return answered && !this.ratings.some((r) => r.trackingNo === trackingNo);
  }

  async rate(
    citizenRef: string,
    trackingNo: string,
    rating: AnswerRating,
  ): Promise<CitizenDecision> {
    if (!(await this.mayRate(citizenRef, trackingNo))) return "refused";
    this.ratings.push({ trackingNo, rating });
    return "done";
  }

  async requestReview(citizenRef: string, trackingNo: string): Promise<CitizenDecision> {
    if (this.failing) throw new Error("database unavailable");
    if (!this.own(citizenRef, trackingNo) || this.reviews.includes(trackingNo)) return "refused";
    this.reviews.push(trackingNo);
    return "done";
  }

  async recordReason(citizenRef: string, trackingNo: string, reason: string): Promise<void> {
    if (this.failing) throw new Error("database unavailable");
    const rated = this.ratings.some((r) => r.trackingNo === trackingNo);
    if (this.own(citizenRef, trackingNo) && rated) this.reasons.push({ trackingNo, reason });
  }

  async recordPhotos(
    citizenRef: string,
    trackingNo: string,
    photoIds: readonly string[],
  ): Promise<number> {
    if (this.failing) throw new Error("database unavailable");
    const rated = this.ratings.some((r) => r.trackingNo === trackingNo);
    if (!this.own(citizenRef, trackingNo) || !rated) return 0;
    this.photos.push({ trackingNo, photoIds });
    return photoIds.length;
  }
}

/**
 * Withdrawals by the lifecycle's rules in small: a case of the citizen's own, still running;
 * a supporter's support of a case they joined.
 */
export class FakeWithdrawals implements Withdrawals {
  readonly withdrawn: string[] = [];
  readonly supportWithdrawn: string[] = [];
  failing = false;

  constructor(private readonly cases: FakeCases) {}

  async withdraw(citizenRef: string, trackingNo: string): Promise<CitizenDecision> {
    if (this.failing) throw new Error("database unavailable");
    const own = this.cases.cases.find(
      (c) => c.owner === citizenRef && c.detail.trackingNo === trackingNo,
    );
    if (!own || own.detail.supported || !RUNNING_CITIZEN_STATUSES.includes(own.detail.status)) {
      return "refused";
    }
    own.detail = { ...own.detail, status: "withdrawn" };
    this.withdrawn.push(trackingNo);
    return "done";
  }

  /** A supporter leaves: the case is no longer among theirs. */
  async withdrawSupport(citizenRef: string, trackingNo: string): Promise<CitizenDecision> {
    if (this.failing) throw new Error("database unavailable");
    const index = this.cases.cases.findIndex(
      (c) => c.owner === citizenRef && c.detail.trackingNo === trackingNo && c.detail.supported,
    );
    if (index < 0) return "refused";
    this.cases.cases.splice(index, 1);
    this.supportWithdrawn.push(trackingNo);
    return "done";
  }
}

/** Additions (补充) by the lifecycle's rules in small: a case of the citizen's own, still running. */
export class FakeSupplements implements Supplements {
  readonly added: { trackingNo: string; text: string | null; photoIds?: string[] }[] = [];
  failing = false;
  /** The larger group the lifecycle makes the case of the next addition (none: as it was). */
  grownTo: GroupComplaint | null = null;

  constructor(private readonly cases: FakeCases) {}

  async supplement(
    citizenRef: string,
    trackingNo: string,
    text: string | null,
    photoIds: readonly string[],
  ): Promise<SupplementDecision> {
    if (this.failing) throw new Error("database unavailable");
    const own = this.cases.cases.find(
      (c) => c.owner === citizenRef && c.detail.trackingNo === trackingNo,
    );
    if (!own || own.detail.supported || !RUNNING_CITIZEN_STATUSES.includes(own.detail.status)) {
      return { decision: "refused", grownTo: null };
    }
    this.added.push({ trackingNo, text, ...(photoIds.length > 0 && { photoIds: [...photoIds] }) });
    return { decision: "done", grownTo: this.grownTo };
  }

  /** The urges (催办) asked for, with the ordinal each was counted as (null: not counted). */
  readonly urged: { trackingNo: string; ordinal: number | null }[] = [];
  /** The cases urged today already: a second urge only adds its words. */
  readonly urgedToday = new Set<string>();

  /** An urge with its words (the chat's always has some), counted once a day. */
  async urge(
    citizenRef: string,
    trackingNo: string,
    text: string | null,
    photoIds: readonly string[],
  ): Promise<UrgeDecision> {
    const added = await this.supplement(citizenRef, trackingNo, text, photoIds);
    if (added.decision === "refused") return { ...added, ordinal: null };
    const earlier = this.urged.filter((u) => u.trackingNo === trackingNo && u.ordinal !== null);
    const ordinal = this.urgedToday.has(trackingNo) ? null : earlier.length + 1;
    this.urgedToday.add(trackingNo);
    this.urged.push({ trackingNo, ordinal });
    return { ...added, ordinal };
  }
}

/** New phone numbers by the lifecycle's rules in small: a case of the citizen's own, still running. */
export class FakeContactChanges implements ContactChanges {
  readonly changed: { trackingNo: string; phone: string; holder?: NumberHolder }[] = [];
  failing = false;

  constructor(private readonly cases: FakeCases) {}

  async changePhone(citizenRef: string, trackingNo: string, contact: CitizenContact) {
    if (this.failing) throw new Error("database unavailable");
    const own = this.cases.cases.find(
      (c) => c.owner === citizenRef && c.detail.trackingNo === trackingNo,
    );
    if (!own || own.detail.supported || !RUNNING_CITIZEN_STATUSES.includes(own.detail.status)) {
      return "refused" as const;
    }
    const { phone, holder } = contact;
    this.changed.push({ trackingNo, phone, ...(holder && { holder }) });
    return "done" as const;
  }
}

export interface World {
  readonly directory: Directory;
  readonly classifier: FakeClassifier;
  readonly submitter: FakeSubmitter;
  readonly cases: FakeCases;
  readonly ratings: FakeRatings;
  readonly withdrawals: FakeWithdrawals;
  readonly supplements: FakeSupplements;
  readonly contactChanges: FakeContactChanges;
  readonly engine: IntakeEngine;
  readonly deps: IntakeDeps;
  /** What the engine reported through its problems port. */
  readonly problems: unknown[];
}

const placesElsewhere = new WeakMap<Directory, PlacesElsewhere>();

/** The reader core.ts wires, built once a directory (it indexes every division of China). */
function placesElsewhereOf(directory: Directory): PlacesElsewhere {
  const reader =
    placesElsewhere.get(directory) ?? createPlacesElsewhere(chinaDivisions(), directory);
  placesElsewhere.set(directory, reader);
  return reader;
}

/** `directory`: the demo city's unless a test needs another (e.g. towns without areas). */
export async function createWorld(
  directory: Directory | Promise<Directory> = demoDirectory(),
): Promise<World> {
  directory = await directory;
  const classifier = new FakeClassifier();
  const submitter = new FakeSubmitter();
  const cases = new FakeCases();
  const ratings = new FakeRatings(cases);
  const withdrawals = new FakeWithdrawals(cases);
  const supplements = new FakeSupplements(cases);
  const contactChanges = new FakeContactChanges(cases);
  const problems: unknown[] = [];
  const deps: IntakeDeps = {
    directory,
    locator: directoryLocator(directory),
    classifier,
    regionDetector: fakeRegionDetector(directory),
    placesElsewhere: placesElsewhereOf(directory),
    submitter,
    cases,
    ratings,
    withdrawals,
    supplements,
    contactChanges,
    // The service's own guard and reading of 繁體 (core.ts wires the same).
    withoutInstructions: stripInstructions,
    inSimplifiedChinese,
    problems: {
      classifierFailed: (error) => problems.push(error),
      ratingFailed: (error) => problems.push(error),
      casesUnreadable: (error) => problems.push(error),
      withdrawalFailed: (error) => problems.push(error),
      supplementFailed: (error) => problems.push(error),
      contactChangeFailed: (error) => problems.push(error),
    },
  };
  return {
    directory,
    classifier,
    submitter,
    cases,
    ratings,
    withdrawals,
    supplements,
    contactChanges,
    engine: createIntakeEngine(deps),
    deps,
    problems,
  };
}

/** Plays one citizen's conversation, storing the state as JSON between steps. */
export class Conversation {
  private stored: string;
  /** Replies to the last event. */
  last: readonly OutgoingMessage[] = [];
  lastResult: IntakeResult | undefined;
  now: Date = NOW;

  constructor(
    readonly world: World,
    readonly citizenRef = "telegram:1001",
  ) {
    this.stored = JSON.stringify(createDialogueState(citizenRef));
  }

  get state(): DialogueState {
    return DialogueStateSchema.parse(JSON.parse(this.stored));
  }

  set state(state: DialogueState) {
    this.stored = JSON.stringify(state);
  }

  async send(event: CitizenEvent): Promise<readonly OutgoingMessage[]> {
    const before = this.state;
    const result = await this.world.engine.handle(before, event, this.now);
    expect(result.state.version).toBe(before.version + 1);
    expect(result.replies.length).toBeGreaterThan(0);
    this.stored = JSON.stringify(DialogueStateSchema.parse(result.state));
    this.last = result.replies;
    this.lastResult = result;
    return result.replies;
  }

  say(text: string) {
    return this.send({ type: "text", text });
  }

  command(name: string, args = "") {
    return this.send({ type: "command", name, args });
  }

  /** Taps the button with this label (or containing it) in the last replies. */
  tap(label: string) {
    return this.send({ type: "choice", id: this.buttonId(label) });
  }

  buttonId(label: string): string {
    const buttons = this.last.flatMap((m) => (m.choices ?? []).flat());
    const button =
      buttons.find((b) => b.label === label) ?? buttons.find((b) => b.label.includes(label));
    if (!button) {
      throw new Error(`no button "${label}" in: ${buttons.map((b) => b.label).join(" | ")}`);
    }
    return button.id;
  }

  /** All texts of the last replies, joined. */
  get text(): string {
    return this.last.map((m) => m.text).join("\n---\n");
  }

  get labels(): string[] {
    return this.last.flatMap((m) => (m.choices ?? []).flat()).map((b) => b.label);
  }
}

/**
 * Answers the remaining questions from the time question on the same way (not remembered, no
 * photos, anonymous) and sends: the summary shown, and the submission.
 */
export async function finishAnonymously(c: Conversation) {
  await c.tap("不记得了");
  await c.tap("没有照片");
  await c.tap("匿名反映");
  expect(c.state.step).toBe("summary");
  const card = c.text;
  await c.tap("提交");
  return { card, submission: c.world.submitter.submissions.at(-1)! };
}

/**
 * Answers the remaining questions in the English interface — no time remembered, no photos,
 * anonymous — sends the report and returns the submission.
 */
export async function finishInEnglish(c: Conversation) {
  await c.tap("I don't remember");
  await c.tap("No photos");
  await c.tap("Stay anonymous");
  await c.tap("Send");
  return { submission: c.world.submitter.submissions.at(-1)! };
}
