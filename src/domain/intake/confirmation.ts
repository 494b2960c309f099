/**
 * Yes/no questions that wait beside the conversation ("really cancel?", "file this as a new
 * complaint?", "I heard: … right?"): each is its message with a yes and a no button, and the
 * words a citizen types instead of tapping each. One reader, `typedConfirmation`, answers
 * all of them, so a typed "好的" or "不用" means the same everywhere, and a confirmation's
 * own words ("继续" to go on filing, "重说" to a transcript) stay its own.
 */
import { labelKey, typedChoice, type OutgoingMessage } from "./replies.ts";

/**
 * One answer to a confirmation: its button's id, and the words typed for it besides the label;
 * `reads`, words no list holds that answer it too (the rating offered said again, "挺满意的";
 * giving up said again to "really cancel?"), read after both answers' words.
 */
export interface ConfirmationAnswer {
  readonly id: string;
  readonly words: readonly string[];
  readonly reads?: (text: string) => boolean;
}

/** A yes/no question as the citizen sees it, with the typed words that answer it. */
export interface Confirmation {
  /** The question with its buttons (their labels typed also answer it). */
  readonly message: OutgoingMessage;
  readonly yes: ConfirmationAnswer;
  readonly no: ConfirmationAnswer;
}

// 中 is yes in Henan speech (中不中？中！), the demo city's.
/** A plain yes, to any question that takes one. */
export const YES_WORDS: readonly string[] = [
  "对",
  "对的",
  "是",
  "是的",
  "没错",
  "没问题",
  "没毛病",
  "正确",
  "好",
  "好的",
  "嗯",
  "嗯嗯",
  "行",
  "中",
  "可以",
  "确定",
  "确认",
  "ok",
  "okay",
  "yes",
  "y",
  "yeah",
  "yep",
  "yup",
  "sure",
  "right",
  "correct",
  "exactly",
  "that's right",
  "that's it",
  // Toneless pinyin, from phones without a Chinese keyboard ("dui", "shi de"; spaces aside).
  "dui",
  "duide",
  "shi",
  "shide",
  "hao",
  "haode",
  "en",
  "xing",
  "zhong",
  "keyi",
  "queding",
  // A sign sent alone (the elderly often answer with one): read as it is, see saysOneOf.
  "👍",
  "👌",
  "✅",
  "✔",
  "☑",
  "🆗",
  "🙆",
];

/** A plain no, to any question that takes one. */
export const NO_WORDS: readonly string[] = [
  "不对",
  "不是",
  "错了",
  "不",
  "不用",
  "算了",
  // Henan's no, beside its yes 中.
  "不中",
  "no",
  "n",
  "nope",
  "nah",
  "wrong",
  "not right",
  "that's wrong",
  "no thanks",
  "budui",
  "bushi",
  "cuole",
  "bu",
  "buyong",
  "suanle",
  "👎",
  "❌",
  "✖",
  "🙅",
];

/** "Go on filing": the no to "really cancel?" (never a no to an offer to file). */
export const CONTINUE_WORDS: readonly string[] = [
  "继续",
  "接着",
  "继续填",
  "继续填写",
  "不取消",
  "keep going",
  "continue",
];

/** "Keep it": the no to "withdraw no. …?". */
export const KEEP_CASE_WORDS: readonly string[] = [
  "不撤",
  "不撤了",
  "不撤回",
  "不撤回了",
  "继续办",
  "继续办吧",
  "还是继续办吧",
  "keep it",
];

/** "Say it again": the no to a transcript shown back. */
export const REDO_WORDS: readonly string[] = [
  "重说",
  "重新说",
  "再说一遍",
  "say again",
  "again",
  "redo",
];

/**
 * True when the text, punctuation, spaces, emoji and case aside, is one of `words`, or says
 * them as people do: repeated, run together, after a filler and with a particle ("对对对",
 * "嗯是的", "是啊", "好的好的", "嗯，不对").
 */
export function saysOneOf(words: readonly string[], text: string): boolean {
  const typed = labelKey(text);
  // Emoji presentation (U+FE0F) is a mark, which labels keep: no letter or digit, no words.
  if (!/[\p{L}\p{N}]/u.test(typed)) return signsAlone(text).every((sign) => words.includes(sign));
  return words.some((word) => labelKey(word) === typed) || spokenForm(words).test(typed);
}

/** Sounds a spoken answer may open with before its word ("嗯，对", "哦是的"). */
const OPENING_FILLERS = "嗯哦噢呃额";
/**
 * Particles a spoken word may end with ("对啊", "是的呀", "好吧"). Not 吗, 么 or 嘛: "是吗"
 * asks back.
 */
const FINAL_PARTICLES = "啊呀吧哈嘞哦噢呢啦";

const spokenForms = new WeakMap<readonly string[], RegExp>();

/**
 * The words of a list said the spoken way, as one pattern ("yep that's right" as much as
 * "对对对"). Not single letters ("y", "n"): run together, they are too easily another word.
 */
function spokenForm(words: readonly string[]): RegExp {
  let form = spokenForms.get(words);
  if (!form) {
    const joinable = words
      .map(labelKey)
      .filter((word) => /^\p{L}{2,}$|^\p{Script=Han}$/u.test(word));
    const anyWord = joinable.sort((a, b) => b.length - a.length).join("|");
    form =
      joinable.length === 0
        ? /^(?!)/
        : new RegExp(`^[${OPENING_FILLERS}]*(?:(?:${anyWord})[${FINAL_PARTICLES}]*)+$`, "u");
    spokenForms.set(words, form);
  }
  return form;
}

/**
 * The signs of words that have no letters ("👍", "👍🏻👍"), skin tones and emoji presentation aside;
 * empty for no sign at all (a reply of punctuation only is no answer).
 */
function signsAlone(text: string): string[] {
  const signs = new Set(text.replace(/[\s\p{P}\u{1F3FB}-\u{1F3FF}]|\uFE0F/gu, ""));
  return signs.size === 0 ? [""] : [...signs];
}

/**
 * The id of the button a typed reply answers the confirmation with: a button's label, or one
 * of the yes or no words; null for anything else (the citizen said something else).
 */
export function typedConfirmation(confirmation: Confirmation, text: string): string | null {
  const { yes, no } = confirmation;
  const tapped = typedChoice(confirmation.message, text);
  if (tapped === yes.id || tapped === no.id) return tapped;
  if (saysOneOf(yes.words, text)) return yes.id;
  if (saysOneOf(no.words, text)) return no.id;
  if (yes.reads?.(text)) return yes.id;
  return null;
}
