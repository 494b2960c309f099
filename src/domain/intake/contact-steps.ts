/**
 * The contact and name questions: a number typed or shared as a card, anonymity, the name.
 */
import { addressedAs, nameOrSurnameIn, numberHolderIn, readTypedContact } from "./phone.ts";
import { consulting, menuButtons, nameSaidIn, contactSaidIn } from "./prompts.ts";
import { NO_WORDS, YES_WORDS, saysOneOf } from "./confirmation.ts";
import type { NumberHolder } from "../holder-relations.ts";
import type { Draft } from "./state.ts";
import { charLength, cleanText } from "./text-quality.ts";
import { SKIP, saysSubmit } from "./step-words.ts";
import type { Turn } from "./turn.ts";
import { asksWhatIsMeant } from "./replies.ts";
import { declinesToSay } from "./address-words.ts";

// "刚才说过了", "前面说了呀", "I already told you": the name said before, whole answer only
// ("刚才说了，姓张" says it again).
const ALREADY_SAID =
  /^(?:我|俺)?(?:刚才|刚刚|前面|上面|之前|已经|都)*说(?:过)?了?(?:啊|呀|嘛|呗|的)?[。.!！~～]*$|^i (?:already|just) (?:told|said|gave)\b/iu;
// "就用这个", "用前面那个", "就这个号", "打这个电话就行", "use that one": the number said before,
// which the contact question offers on its button, chosen in words (whole answer only).
const POINTS_TO_SAID =
  /^(?:就|还是)?(?:用|打|留)?(?:这个|那个|前面|上面|刚才|刚刚|之前)(?:说的|那个|的)?(?:号|号码|电话|手机|手机号)?(?:就行了?|就可以了?|就好|行|吧|呗|了)?[。.!！~～]*$|^(?:just )?use (?:that|this|the same)(?: one| number)?[.!]*$|^(?:the )?same (?:one|number)[.!]*$/iu;
const ANONYMOUS =
  /匿名|不留|不想留|不方便留|anonymous|\b(?:don[’']?t|do not|would rather not|rather not|prefer not to) (?:want to )?(?:give|leave|share|say|tell)(?: you)? my name|\bno name\b|\bwithout (?:my|a) name\b/iu;

// "俺没手机", "家里也没座机", "I don't have a phone": a citizen who cannot leave a number of their own.
const HAS_NO_PHONE =
  /(?:没|没有|无)(?:个|有)?(?:手机|电话|座机)|(?:手机|电话)(?:也)?(?:没有|坏了|丢了)|\b(?:don[’']?t|do not) have a (?:phone|mobile)|\bno (?:phone|mobile)\b/iu;

// Asking about anonymity rather than choosing it: "能匿名吗", "可以不留名字吗", "匿名行不行".
const ASKS = /[吗么?？]|能不能|可不可以|可以|可否|能否|行不行|会不会|\bcan\b|\bmay\b/iu;

/**
 * "匿名", "不留了", or "不想说", "不方便说" to the question of one's contact: no contact left, which
 * is the anonymity the question offers.
 */
function leavesNoContact(text: string): boolean {
  return ANONYMOUS.test(text) || declinesToSay(text);
}

/**
 * At the contact question, "匿名吧", "就匿名" or "不留名字了" is the choice the question offers,
 * not the question of the service "能匿名吗" that the same words would ask elsewhere.
 */
export function choosesAnonymity(draft: Draft | null, step: string, text: string): boolean {
  return draft !== null && step === "contact" && leavesNoContact(text) && !ASKS.test(text);
}

/**
 * "电话改成…" keeps the name, "名字写错了，叫…" keeps the number; "电话写错了，打我女儿的吧 158…"
 * keeps the name beside whose the number is.
 */
export async function editNamedContact(
  turn: Turn,
  draft: Draft,
  contact: { name: string | null },
  value: string,
): Promise<void> {
  const typed = readTypedContact(value, turn.deps.phoneParser);
  const holder = numberHolderIn(value);
  if (typed.phone && holder !== null) {
    draft.contact = relativesContact(typed.phone.display, value, holder, contact.name);
    return turn.advance();
  }
  turn.s.step = typed.hadDigits ? "contact" : "contact_name";
  if (typed.phone && typed.name === null) {
    return setContact(turn, draft, typed.phone.display, contact.name);
  }
  return typed.hadDigits ? onContactText(turn, draft, value) : onNameText(turn, draft, value);
}

// ---------------------------------------------------------------- contact and photos

function cleanName(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const name = cleanText(raw).replace(/\s+/g, " ");
  return name.length > 0 && charLength(name) <= 20 && /\p{L}/u.test(name) ? name : null;
}

/** The number (and name) the description gave is the contact; a name not given is asked. */
export function useContactSaid(
  turn: Turn,
  draft: Draft,
  said: { phone: string; name: string | null },
): true {
  setContact(turn, draft, said.phone, said.name);
  return true;
}

export async function onContactText(turn: Turn, draft: Draft, text: string): Promise<void> {
  // "好的", "就用这个" or "刚才说过了" to the offer of the number the description gave.
  const said = contactSaidIn(draft, turn.deps.phoneParser);
  if (
    said &&
    (saysOneOf(YES_WORDS, text) || POINTS_TO_SAID.test(text) || ALREADY_SAID.test(text))
  ) {
    useContactSaid(turn, draft, said);
    return;
  }
  const typed = readTypedContact(text, turn.deps.phoneParser);
  // "138…，名字就不说了", "名字保密 138…": the words left beside the number decline the name.
  const nameDeclined = typed.phone !== null && typed.name !== null && declinesToSay(typed.name);
  if (leavesNoContact(text) || nameDeclined) {
    // "我不留名字，电话138…", "138…，名字就不说了": the number is kept without a name (none
    // asked); none: anonymous.
    draft.contact = typed.phone
      ? { kind: "named", phone: typed.phone.display, name: null }
      : { kind: "anonymous" };
    return turn.advance();
  }
  if (!typed.phone) {
    const asking = consulting(draft);
    if (typed.hadDigits) return turn.sayWithButtons(turn.tr("contactInvalidPhone", asking));
    return turn.sayWithButtons(
      turn.tr(HAS_NO_PHONE.test(text) ? "contactHasNoPhone" : "contactNoPhone", asking),
    );
  }
  // "打俺儿子电话…，他叫李强": the son's number, and his name no name of the citizen's, who is
  // asked — unless they introduced themselves beside it ("俺叫张桂兰，…打俺闺女的吧 158…").
  const holder = numberHolderIn(text);
  if (holder !== null) {
    const contact = relativesContact(typed.phone.display, text, holder, null);
    draft.contact = contact;
    return contact.name === null ? turn.ask("contact_name") : turn.advance();
  }
  setContact(turn, draft, typed.phone.display, typed.name);
}

/**
 * A relative's number (`holder`'s): the relative's name is no name of the citizen's, whose own
 * is the one said beside it ("俺叫张桂兰，…打俺闺女的吧 158…"), else the one `known` before.
 */
function relativesContact(phone: string, text: string, holder: NumberHolder, known: string | null) {
  const name = cleanName(nameOrSurnameIn(text)) ?? known;
  return { kind: "named", phone, name, holder } as const;
}

/** The contact, given at the contact question: a name not given is asked next. */
function setContact(turn: Turn, draft: Draft, phone: string, name: string | null): void {
  draft.contact = { kind: "named", phone, name: cleanName(name) };
  if (draft.contact.name === null) return turn.ask("contact_name");
  turn.advance();
}

export async function onContact(
  turn: Turn,
  rawPhone: string,
  rawName: string | undefined,
): Promise<void> {
  const draft = turn.s.draft;
  if (!draft) {
    turn.say({
      text: turn.tr("outsideDraft"),
      choices: menuButtons(turn.locale),
    });
    return;
  }
  // A card sent before the contact is asked (often someone else's, from the address book) is
  // not the citizen's answer to the question asked: it is not kept, and they are told why.
  if (turn.s.step !== "contact" && turn.s.step !== "contact_name") {
    turn.say({ text: turn.tr("contactCardNotHere") });
    return turn.reask();
  }
  const phone = turn.deps.phoneParser.parse(rawPhone);
  if (!phone) return turn.sayWithButtons(turn.tr("contactInvalidPhone", consulting(draft)));
  setContact(turn, draft, phone.display, rawName ?? null);
}

/** The name the citizen gave as the contact's. */
export function takeName(draft: Draft, name: string): void {
  if (draft.contact?.kind === "named") draft.contact = { ...draft.contact, name };
}

export async function onNameText(turn: Turn, draft: Draft, text: string): Promise<void> {
  // "好的" to the offer of the name the description gave.
  const said = nameSaidIn(draft);
  if (said && (saysOneOf(YES_WORDS, text) || ALREADY_SAID.test(text))) {
    takeName(draft, said);
    return turn.advance();
  }
  // "刚才说过了" when the description named no one, "啥意思": no name to take, asked again.
  if (ALREADY_SAID.test(text) || asksWhatIsMeant(text)) {
    return turn.sayWithButtons(turn.tr("nameInvalid"));
  }
  // "提交", "好的", "no", "不想说": an answer to the question, not a name.
  if (
    SKIP.test(text) ||
    declinesToSay(text) ||
    saysSubmit(text) ||
    saysOneOf(YES_WORDS, text) ||
    saysOneOf(NO_WORDS, text)
  ) {
    return turn.advance();
  }
  // "我是东关的老王": 老王, not the place said with it; "刚才说了，姓张": 张.
  const name = cleanName(nameOrSurnameIn(text) ?? addressedAs(text));
  if (!name || draft.contact?.kind !== "named") return turn.sayWithButtons(turn.tr("nameInvalid"));
  takeName(draft, name);
  turn.advance();
}
