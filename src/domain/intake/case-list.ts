/**
 * The citizen's cases shown: the list, one case's page, and the question of where they stand.
 */
import type { CaseLine } from "../../i18n/catalog.ts";
import { QUOTED_WORDS_MAX, excerpt } from "../../i18n/format.ts";
import { globalChoice } from "./choice-id.ts";
import type { CitizenCaseSummary } from "./ports.ts";
import { caseButtons, categoryName, menuButtons } from "./prompts.ts";
import { normaliseTrackingNo } from "./text-quality.ts";
import {
  answerAwaitedBy,
  citizenCase,
  isOwnRunning,
  isRunning,
  listedCases,
} from "./citizen-cases.ts";
import { NO_SUPPLEMENTS, NO_WITHDRAWALS } from "./turn.ts";
import type { Turn } from "./turn.ts";

/**
 * The citizen's own words (an addition, a reason) in an entry of a case's page, cut as the
 * summary's description is: three additions of 2,000 characters ran past Telegram's message and
 * WeCom's five replies, which kept the page's end without its number.
 */
function wordsShown(words: string | null): string | null {
  return words === null ? null : excerpt(words, QUOTED_WORDS_MAX);
}

export async function showCases(turn: Turn): Promise<void> {
  const cases = await listedCases(turn);
  if (cases !== null) showCaseList(turn, cases);
}

function showCaseList(turn: Turn, cases: readonly CitizenCaseSummary[]): void {
  if (cases.length === 0) {
    const commands = turn.surface === "chat_app";
    // Asked while filing, the question being answered is asked again right after (not "tell me").
    turn.say({
      text: turn.tr("myCasesEmpty", {
        commands,
        filing: turn.isFiling(),
        phone: turn.deps.servicePhone,
      }),
    });
    return;
  }
  const lines: CaseLine[] = [...cases]
    .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())
    .slice(0, 10)
    .map((c) => ({
      ...c,
      categoryName: categoryName(turn.deps.directory, turn.locale, c.category),
    }));
  turn.say({
    text: turn.tr("myCases", { cases: lines }),
    choices: caseButtons(turn.locale, lines),
  });
}

export async function showCase(turn: Turn, raw: string): Promise<void> {
  const trackingNo = normaliseTrackingNo(raw);
  const found = await citizenCase(turn, trackingNo);
  if (found === undefined) {
    turn.say({ text: turn.tr("casesUnavailable") });
    return;
  }
  if (!found) {
    turn.say({
      text: turn.tr("statusNotFound", { trackingNo, commands: turn.surface === "chat_app" }),
      choices: menuButtons(turn.locale),
    });
    return;
  }
  const withdrawButton = {
    id: globalChoice("withdraw", found.trackingNo),
    label: turn.tr("withdrawButton", { supported: found.supported }),
  };
  const choices = [
    ...(isOwnRunning(found) && turn.deps.supplements !== NO_SUPPLEMENTS
      ? [[{ id: globalChoice("supplement", found.trackingNo), label: turn.tr("supplementButton") }]]
      : []),
    ...(isRunning(found) && turn.deps.withdrawals !== NO_WITHDRAWALS ? [[withdrawButton]] : []),
  ];
  turn.say({
    ...(choices.length > 0 && { choices }),
    casePage: { trackingNo: found.trackingNo, unitName: found.unitName },
    text: turn.tr("caseDetail", {
      ...found,
      categoryName: categoryName(turn.deps.directory, turn.locale, found.category),
      reviewStage: found.underReview,
      answerDueBy: answerAwaitedBy(found),
      timeline: found.timeline.map((entry) => ({
        at: entry.at,
        kind: entry.kind,
        detail: wordsShown(entry.detail ?? null),
        photos: entry.photos ?? 0,
      })),
    }),
  });
}

/**
 * "我的事办得怎么样了" lists the citizen's cases, a question naming a number shows that one;
 * then back to where they were (the draft and its question kept).
 */
export async function answerStatusQuestion(turn: Turn, trackingNo: string | null): Promise<void> {
  await (trackingNo === null ? showCases(turn) : showCase(turn, trackingNo));
  if (turn.isFiling()) turn.reask();
}
