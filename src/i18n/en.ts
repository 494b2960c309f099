import type { Catalog, CaseLine, CityNames } from "./catalog.ts";
import type {
  CitizenCaseStatus,
  CitizenTimelineKind,
  ReviewRequest,
} from "../domain/intake/ports.ts";
import type { HazardKind } from "../domain/intake/emergency.ts";
import {
  excerpt,
  QUOTED_WORDS_MAX,
  formatCalendarDateAt,
  formatDate,
  formatDateTime,
  groupExtent,
  yourNumberHolderNote,
  numberHolderText,
  contactShownToReporter,
  ongoingTime,
} from "./format.ts";
import { labelOf } from "./labels.ts";
import { isSurnameOnly } from "../domain/identity-in-text.ts";
import { DEADLINE_RULES as RULES } from "../domain/lifecycle/deadlines.ts";
import type { CaseInAnswer, ServiceTopic } from "../domain/intake/service-questions.ts";
import { townInEnglish } from "../domain/places/town-names.ts";
import { cityPlaceInEnglish } from "../domain/directory.ts";

// What to do at once for each danger, with its number.
const EN_HAZARD_ADVICE: Record<HazardKind, string> = {
  fire: "fire: call 119 now",
  gas: "gas smell or leak: call 119 now; do not switch anything on or off, no flames, open the windows and leave",
  manhole: "open or missing manhole cover: call the police, 110, and warn people and cars away",
  live_wire: "fallen wire or live current: call the police, 110; keep away and do not touch it",
  traffic_signal:
    "traffic lights out: call the traffic police, 122, to direct the traffic; cross slowly and watch for cars",
  collapse: "a wall or building about to collapse: get away and call 119",
  flood: "flooding with people in danger: call 119 and get to higher ground",
  trapped: "explosion or someone trapped: call 119; if someone is hurt, 120",
  injury: "someone is hurt or unwell: call an ambulance, 120",
  violence: "someone is in danger: call the police, 110; if someone is hurt, 120",
  suicide: "someone wants to end their life: call 110, or an ambulance, 120",
  cry_for_help: "call the police 110, fire 119 or an ambulance 120 now",
};

const STATUS: Record<CitizenCaseStatus, string> = {
  received: "received, waiting for a decision",
  accepted: "accepted",
  not_accepted: "not accepted",
  in_progress: "being handled",
  answered: "answered",
  closed: "closed",
  withdrawn: "withdrawn",
};

/** Over an answer's machine translation, in the chat's case view and the answer's notice. */
export const MACHINE_TRANSLATION_HEADING =
  "Machine translation, for reference only (the Chinese original above is the official answer):";

/** Whose answer a case shows: the unit's, the review's, the second review's. */
const ANSWER_TITLE = {
  0: "The unit's answer",
  1: "The review's opinion",
  2: "The second review's opinion",
} as const;

const TIMELINE: Record<CitizenTimelineKind, string> = {
  submitted: "You sent your complaint",
  asked: "You sent your question",
  accepted: "Accepted",
  not_accepted: "Not accepted",
  assigned: "Passed to the office in charge",
  in_progress: "Being handled",
  answered: "Answered",
  closed: "Closed",
  withdrawn: "You withdrew it",
  extended: "Handling time extended",
  review_requested: "You asked for a review",
  second_review_requested: "You asked for a second review",
  note: "Update",
  supplemented: "You added",
  urged: "You urged it on",
  answer_commented: "What you said about the answer",
  followed_up: "We asked whether it was solved",
  supported: "You supported this report",
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const EN_DUE: Record<NonNullable<CaseInAnswer["due"]>["what"], string> = {
  decision: "is waiting for the decision on acceptance, due by {date}",
  answer: "is being handled; the answer is due by {date}",
  review_answer: "is under review; the answer is due by {date}",
};

/** Where the citizen's own case stands, said once for the answers that name it. */
function enCaseNow(c: CaseInAnswer): string {
  const unit = c.unitName === null ? "" : ` (office in charge: ${c.unitName})`;
  const now =
    c.due === null
      ? `is ${STATUS[c.status]}`
      : EN_DUE[c.due.what].replace("{date}", formatDate("en", c.due.at));
  return `Your report ${c.trackingNo}${unit} ${now}.`;
}

const EN_REVIEW = { 1: "a review", 2: "a second review" } as const;
/** The review the citizen may ask for now: of what, its last day, who handles it. */
function enReviewOffer(trackingNo: string, { stage, lastDay }: ReviewRequest): string {
  const day = formatDate("en", lastDay);
  const days = RULES.reviewAnswerDays;
  return stage === 1
    ? `If you do not accept the answer to no. ${trackingNo}, you can ask for a review by ${day}. The office above the unit that answered handles it and gives its opinion within ${days} days. Tap the button below to ask for it.`
    : `If you still do not accept the review opinion on no. ${trackingNo}, you can ask for a second review by ${day}. The office above the one that reviewed handles it and gives its opinion within ${days} days; that opinion is final. Tap the button below to ask for it.`;
}

const EN_UNDER_REVIEW = { 1: "under review", 2: "under second review" } as const;

/** An answered case: rate it under the answer, and until when its review may be asked. */
function enAnsweredCase(c: CaseInAnswer): string {
  const answered = `Your report ${c.trackingNo} has been answered: you can rate it under the answer`;
  const r = c.review;
  if (r === null) return `${answered}.`;
  const day = formatDate("en", r.lastDay);
  return r.open
    ? `${answered}; if you do not accept ${r.stage === 1 ? "it" : "the review"}, ask for ${EN_REVIEW[r.stage]} by ${day}.`
    : `${answered}; the last day to ask for ${EN_REVIEW[r.stage]} was ${day}.`;
}

/**
 * Each question of the service: the facts, then the citizen's own case where it applies;
 * `phone` is the hotline the operator configured (SERVICE_PHONE), null when none.
 */
const EN_SERVICE: Record<
  ServiceTopic,
  (c: CaseInAnswer | null, phone: string | null, city: CityNames) => (string | null)[]
> = {
  duration: (c) => [
    `Under the Regulations on Letters and Visits: within ${RULES.acceptanceDays} days of receipt we decide whether to accept it; once accepted, it is handled and answered within ${RULES.handlingDays} days (a difficult case may be extended once, by at most ${RULES.maxExtensionDays} days). You are told here at every step.`,
    c && enCaseNow(c),
  ],
  handler: (c) => [
    "Staff register what you report and pass it to the office in charge of that place and matter; a report about officials goes only to the discipline inspection body. Which office has it shows under “My reports”.",
    c &&
      (c.unitName === null
        ? `Your report ${c.trackingNo} has not been passed to an office yet.`
        : `Your report ${c.trackingNo} is with ${c.unitName}.`),
  ],
  privacy: () => [
    "You may leave no name: at the contact question tap “Stay anonymous”; you are still told of progress in this chat (please keep it). You may also leave a phone number without a name: tap “Skip the name” when asked what to call you.",
    "A name and phone you leave are seen only by the staff who register and pass on reports, to handle it and reach you; the office handling it sees your name, phone and ID numbers masked. If you report officials, your details are never told to them or their unit.",
  ],
  cost: () => [
    "It is free of charge: reporting, checking progress, rating and asking for a review cost nothing.",
  ],
  dissatisfied: (c) => [
    `When the answer comes you can rate it (solved or not, how satisfied). If you do not accept it, you can ask for a review within ${RULES.reviewRequestDays} days of the answer, answered within ${RULES.reviewAnswerDays} days; if you do not accept the review either, you can ask for a second review within ${RULES.reviewRequestDays} days. Rate it “Not solved” or “Dissatisfied”, then tap “Ask for a review”.`,
    c && enAnsweredCase(c),
    "Anything else, or something new, you can report again at any time.",
  ],
  by_phone: (_c, phone) => [
    phone === null
      ? "This is an online service and takes no calls: please write here (or send a voice message if typing is hard), and send photos if you like. If you left a phone number, staff may call you when they need to know more."
      : `Yes: you can also call the hotline, ${phone}. Writing here works just as well (or send a voice message if typing is hard), and you can send photos. If you left a phone number, staff may call you when they need to know more.`,
    "In danger, call 110 (police), 119 (fire) or 120 (ambulance).",
  ],
  by_voice: () => [
    "Yes, you can speak instead of typing: in WeChat or Telegram, hold the talk button; on the web page, hold the microphone button beside the text box and let go to send. What you say goes to the staff with your report.",
  ],
  others: (c) => [
    "Others may report the same matter: each can report it here. When it is the same kind of problem at the same place, still being handled, they are asked to support it (“the same problem”): no new report, the same progress news, and their details are not shown to the office. A report about officials cannot be supported: each reports on their own.",
    c && !c.report ? `Your report is ${c.trackingNo}; ask them to name the same place.` : null,
  ],
  who: (_c, _phone, { cityEn }) => [
    `This is the online channel of the ${cityEn} citizen service (12345). I am an automatic assistant that helps you tell and register your matter; staff register what you report and pass it to the government office in charge, and you are told of its progress and answer here.`,
  ],
  human: (_c, phone) => [
    "I am an automatic assistant and cannot pass you to a person in this chat. Staff register and pass to the office in charge everything you tell me here, and phone you when they need to know more; if my questions are unclear, tap the buttons or send a voice message.",
    phone === null
      ? "If you would rather say it in person, you can visit your local petition office."
      : `To speak to the staff directly, call the hotline, ${phone}.`,
  ],
  leader: () => [
    `A report here is registered just like a letter or a visit to the petition office: within ${RULES.acceptanceDays} days you are told whether it is accepted; once accepted, the office in charge handles and answers it, and you are told of each step here. If you would rather say it in person, you can also visit your local petition office.`,
    "Please tell me what it is about and I will register it.",
  ],
  on_site: () => [
    "Once your case is accepted, the office in charge comes to see the place when it needs to, or phones you to ask. Please say exactly where it is (you can also send your location and photos) and leave a phone number, so they can find the place and reach you.",
  ],
  scope: () => [
    "Yes, you can report it here. Any kind of matter can be reported: staff register it and pass it to the office in charge of that place and that kind of matter, and every step is told to you here.",
    "A matter the law sends to a court, to arbitration or to an administrative review (for example one already before a court): staff will tell you which way to take.",
    "In danger, call 110 (police), 119 (fire) or 120 (ambulance).",
  ],
  hours: () => [
    "You can report here at any time, day or night, weekends and holidays included: it is registered as soon as you send it. Staff handle it in working hours; the time limits for accepting and handling it count from the day it was received, at night or at weekends too.",
    "In danger, call 110 (police), 119 (fire) or 120 (ambulance).",
  ],
};

/** See Catalog.timelineWords: ": the cover fell in again (with 2 photos)", ": 2 photos, without words". */
function timelineWords({ detail, photos }: { detail: string | null; photos: number }): string {
  const counted = plural(photos, "photo", "photos");
  const photoWords =
    photos === 0 ? "" : detail === null ? `${counted}, without words` : ` (with ${counted})`;
  const words = `${detail ?? ""}${photoWords}`;
  return words === "" ? "" : `: ${words}`;
}

function caseLine(c: CaseLine): string {
  return `${c.trackingNo}${c.supported ? " (supported)" : ""}\n  ${c.categoryName} · sent ${formatDate("en", c.submittedAt)} · ${STATUS[c.status]}`;
}

/** English, chosen with /lang. Plain words, short sentences. */
export const en: Catalog = {
  groupChatPointer: ({ botLink }) =>
    `Hello! Reports are not taken in group chats, and nothing said in the group is recorded. To report a problem, chat with me privately here: ${botLink}`,
  welcome: ({ cityEn }) =>
    [
      `Hello! This is the ${cityEn} citizen service (12345).`,
      "You can report a problem or make a suggestion here. We pass it to the office in charge and tell you here how it goes.",
      "",
      "[Your data] We keep what you tell us, your photos and the contact details you give. Only the staff handling your matter see them, and only to handle it and answer you. You may also stay anonymous.",
      "",
      "In danger or an emergency, call: police 110, fire 119, ambulance 120.",
    ].join("\n"),
  menuFile: () => "Report a problem",
  menuCases: () => "My reports",
  menuHelp: () => "Help",
  help: () =>
    [
      "How it works:",
      "1. Tap “Report a problem”, or just write what happened.",
      "2. I ask you step by step: what, where, when, any photos, how to reach you.",
      "3. You check everything and tap “Send”; you get a tracking number.",
      "",
      "Commands:",
      "/start back to the start",
      "/mycases your reports",
      "/status NUMBER how one report is going (and withdraw it if it need not be handled)",
      "/cancel stop this report",
      "/lang change language (中文)",
    ].join("\n"),
  pageHelp: () =>
    [
      "How it works:",
      "1. Tap “Report a problem”, or just write what happened.",
      "2. I ask you step by step: what, where, when, any photos, how to reach you.",
      "3. You check everything and tap “Send”; you get a tracking number and a query code.",
      "",
      "On the “Check progress” page, with the number and the code, from any phone or computer you can:",
      "· see how far it has got, with the dates and deadlines",
      "· read the office's answer in full",
      "· rate the answer: satisfied, mostly satisfied or dissatisfied",
      "· if you do not accept the answer, ask for a review within 30 days, and then for a second review",
      "· urge it on, if you have waited long: the unit handling it is reminded (once a day counts)",
      "· withdraw it, if the problem is solved and it need not be handled any more",
      "",
      "Progress updates also appear on this page.",
    ].join("\n"),
  idleHint: () => "To report a problem, tap the button below or just write what happened.",
  draftInProgress: () => "You have a report that is not finished yet. Let's go on:",
  unknownCommand: ({ name }) =>
    `I don't know the command “/${name}”. Send /help to see what I can do.`,
  unsupported: ({ kind }) =>
    kind === "voice"
      ? "Sorry, I can't listen to voice messages yet. Please type it; your phone keyboard's microphone button can turn speech into text."
      : kind === "sticker"
        ? "Thanks for the sticker! Please tell me in words what happened."
        : kind === "edited"
          ? "You edited an earlier message, but what I already noted does not change with it. Please send the change as a new message."
          : kind === "document"
            ? "I can't open this file. Photos are welcome, also JPG, PNG or HEIC pictures sent as files; for a PDF or Word file, please write the main points or send a photo of it."
            : "Sorry, I can only read text and photos for now. Please write it down or send a photo.",
  unsupportedWordsKept: ({ kind }) =>
    kind === "document"
      ? "I can't open this file, but I have the words you wrote with it. If the file says more that matters, please write it down or send a photo of it."
      : kind === "video"
        ? "I can't watch videos yet, but I have the words you wrote with it. A photo can show the place."
        : "I can't open this yet, but I have the words you wrote with it.",
  staleButton: () =>
    "That button belongs to an earlier message and no longer works. Please use the latest one:",
  unknownQuestionResumed: () =>
    "I could not follow up on that last question; everything you have told me so far is kept. Let's go on:",
  stateRecovered: () =>
    "Sorry, something went wrong on our side and your unfinished report was lost. Please tell me again. We apologise for the trouble.",
  langPrompt: () => "请选择语言 / Please choose a language:",
  langSet: () => "OK, I'll write in English from now on.",
  langFollowed: ({ commands }) =>
    `You wrote in English, so I'll reply in English. (需要中文回复，请${commands ? "发 /lang zh" : "点页面上方的“中文”"}。)`,

  offerStart: ({ excerpt: text }) => `You wrote: “${text}”\nShall I start a new report with this?`,
  offerStartOrAdd: ({ excerpt: text }) =>
    `You wrote: “${text}”\nShall I start a new report with this, or add it to a report in progress?`,
  offerSeveral: ({ excerpt: text, count }) =>
    `You wrote: “${text}”\nThat's ${count} matters. Shall I file them as ${count} new reports, one after another?`,
  offerLaterMatter: ({ excerpt: text }) =>
    `You also told me: “${text}”\nShall I file it as a new report now?`,
  mattersSeparated: ({ count, first }) =>
    `You told me ${count} matters. Different matters go to different offices, so we'll file them one at a time. First: “${excerpt(first, 60)}”. ${count === 2 ? "The other one comes" : "The others come"} once this one is filed.`,
  laterMatterKept: ({ matter, photos }) =>
    `I've noted the other matter, “${excerpt(matter, 60)}”${photos > 0 ? ", with this photo" : ""}: we'll file it once this one is filed.`,
  offerYes: () => "Yes, start a report",
  offerConsultation: () =>
    "Do you want to ask a question (the office in charge answers you), or to report a problem?",
  offerConsult: () => "Ask a question",
  offerComplain: () => "Report a problem",
  offerAsNew: () => "File as a new report",
  offerWhichWay: ({ trackingNos }) =>
    `Please tap one: a new report, or add it to ${trackingNos.join(" or ")}?`,
  offerNo: () => "No, thanks",
  offerDeclined: () => "All right. I'm here whenever you need me.",
  outsideDraft: () =>
    "Contact received. Please first tell me in words what happened; I'll ask how to reach you at the end.",
  keptBeforeWords: ({ what }) =>
    `${what === "photo" ? "Photo" : "Location"} received and kept; no need to send it again. Please tell me in words what happened, e.g. “the manhole cover outside our compound is gone”.`,
  keptWithOfferedWords: ({ what }) =>
    `${what === "photo" ? "Photo" : "Location"} received; it will go with what you told me.`,

  emergency: ({ hazards }) =>
    [
      "⚠️ If anyone is in danger right now, call for help first!",
      ...hazards.map((hazard) => `· ${EN_HAZARD_ADVICE[hazard]}`),
      "This chat is not an emergency line; staff will not see it at once. After your call you can go on here, and we will handle it first.",
    ].join("\n"),
  emergencyNotice: ({ hazards }) =>
    `An immediate danger: it is handled first. If anyone is in danger right now: ${hazards.map((hazard) => EN_HAZARD_ADVICE[hazard]).join("; ")}.`,

  askDescription: () =>
    "Please tell me in words what happened: what the problem is, where, and since when. The clearer, the faster it can be handled.",
  descriptionProblem: ({ problem, length, max }) => {
    switch (problem) {
      case "empty":
        return "I didn't get any text. Please write a few sentences about what happened.";
      case "no_words":
        return "I only see symbols or emoji. Please tell me in words what happened.";
      case "numbers_only":
        return "I only see numbers. Please tell me in words what happened: what the problem is, where, and since when.";
      case "too_short":
        return "Please tell me a little more: what the problem is, where, and for how long.";
      case "too_long":
        return `What you wrote has ${length.toLocaleString("en")} characters; the limit is ${max.toLocaleString("en")}, so it was not recorded. Please send the most important part again (what the problem is, where, since when) in at most ${max.toLocaleString("en")} characters; you can add the rest afterwards, message by message.`;
      case "generic":
        return "Of course. Please tell me what it is about: what the problem is, where, and since when.";
    }
  },
  descriptionAdded: () => "I've added that to your description.",
  descriptionHasIt: () => "I have that already.",
  descriptionEdited: () => "OK, I've updated the description to your edited message.",
  descriptionEditedOverWords: () =>
    "OK, I've updated the description to the message you just edited; the wording you sent earlier to change it is no longer used.",
  photoReplaced: () => "OK, I've replaced the photo with the new one from your edited message.",

  askCategory: ({ name, plain }) =>
    `I understand this is about “${name}” (${plain}).\nIs that right?`,
  categoryYes: () => "Yes, that's right",
  categoryOther: () => "No, let me choose",
  categoryUnsure: () => "Other / not sure: leave it to the staff",
  askCategoryList: ({ reason, consultation }) =>
    reason === "asked"
      ? `${consultation ? "What is your question about? " : ""}Please choose the closest one:`
      : reason === "failed"
        ? "Please choose the closest topic below:"
        : `I couldn't quite tell what kind of ${consultation ? "question" : "matter"} this is. Please choose the closest one:`,
  categoryUseButtons: () => "Please tap one of the buttons below. To add details, just type them.",

  askPlace: ({ workplace }) =>
    workplace
      ? "Which employer or work site is it, and where?\nFor wages or a work injury, please write its name and address, e.g. “a construction company, the site at Jianye Community, Chuanhui District”; for a pension or social insurance, your county or town is enough. Or tap the button below to send your current location."
      : "Where did it happen?\nPlease write the address, e.g. “Qiyi Road and Bayi Road, Chuanhui District”, or tap the button below to send your current location.",
  shareLocation: () => "📍 Send my location",
  placeUnknown: () => "I can't say exactly",
  placeSameAsBefore: ({ place }) => `Same place as before (${place})`,
  placeSharedBefore: () => "the location you sent",
  noPlaceBefore: () =>
    "There is no earlier place to use. Please write where this is: the district, road, compound or village.",
  placeNotNamed: () =>
    "That doesn't say where. Where is it? Please write the road, the village or a landmark nearby, e.g. “Qiyi Road and Bayi Road”, “the east end of Wangzhuang Village”, “outside the county hospital”. If you can't say, tap “I can't say exactly”, or send your location.",
  placeTooShort: () =>
    "That address is too short. Please add the county or district, the road, the housing estate or the village.",
  placeTooLong: ({ max }) =>
    `That address is too long (at most ${max} characters). Please write only the address; other details belong in the description.`,
  askRegion: ({ because }) =>
    because === "location"
      ? "Location received. Which county or district is it in?"
      : because === "address"
        ? "Which county or district is that address in?"
        : because === "description"
          ? "Which county or district is the place you mentioned in?"
          : because === "consultation"
            ? "Which county or district is your question about? Tap it, so that its office in charge answers you:"
            : "Then please tap roughly which county or district:",
  askStreet: ({ area, workplace }) =>
    workplace
      ? `What is the employer or work site called, and where${area ? ` in ${area}` : ""} is it? It helps the staff find it. If you can't say, tap “Skip”, or send your location.`
      : `Which road, housing estate, village or landmark${area ? ` in ${area}` : ""} is it near? It helps the staff find it. If you can't say, tap “Skip”, or send your location.`,
  askStreetAgain: ({ area }) =>
    `The staff will go by the address, so a little more please: which road, housing estate or village${area ? ` in ${area}` : ""}? For example “Qiyi Road”, “Jianye Community”. If you can't say, tap “Skip”, or send your location.`,
  askHomeAddress: ({ area }) =>
    `The staff will go by the address: which housing estate or street${area ? ` in ${area}` : ""} is your home in, and what number? For example “Jianye Community, Building 3”, “32 Qiyi Road”. If you don't know or would rather not say, tap “Skip”, or send your location.`,
  streetSkip: () => "Skip",
  townInRegion: ({ region, town }) => `${townInEnglish(town)}, ${region}`,
  locationPlaced: ({ region, town }) =>
    town
      ? `Location received: ${townInEnglish(town)}, ${region}.`
      : `Location received: ${region} (the location does not tell which town or street office).`,
  nearbyCases: ({ cases }) =>
    [
      "Someone nearby has already reported a problem of this kind, and it is still being handled:",
      ...cases.map(
        (c) =>
          `${c.index}. ${c.categoryName} · ${[c.place, c.regionName].filter(Boolean).join(", ") || "no place given"} · sent ${formatDate("en", c.submittedAt)} · ${STATUS[c.status]}${c.supporters > 0 ? ` · ${plural(c.supporters, "supporter", "supporters")}` : ""}`,
      ),
      "",
      "If it is the same problem, tap “Same problem (support it)”: you need not report it again, you are told of its progress too, and your details are not shown to the office handling it. If not, tap “No, continue”.",
    ].join("\n"),
  nearbySame: ({ index }) => `No. ${index} is the same problem (support it)`,
  nearbyNotSame: () => "No, continue",
  nearbyUseButtons: ({ count }) =>
    count === 1
      ? "Is it the same problem? Tap a button below, or answer “yes” or “no”."
      : `Which one is it? Reply with its number (1–${count}), or “no” if none.`,
  nearbyJoined: ({ trackingNo, outcome }) =>
    [
      outcome === "joined"
        ? "✅ You support this report now."
        : outcome === "already"
          ? "You already support this report."
          : "This is your own report; there is nothing to add.",
      `Number: ${trackingNo}`,
      "You will be told here how it goes. What you wrote just now was not filed separately.",
    ].join("\n"),
  nearbyClosed: () =>
    "That report was just closed or is no longer handled; it cannot be supported.",
  nearbyJoinFailed: () =>
    "Supporting it did not work just now. Please tap again in a moment, or tap “No, continue”.",
  regionCityWide: () => "The whole city",
  regionCityPlace: (city) => cityPlaceInEnglish(city),
  placeOutsideCity: ({ cityEn, place }) =>
    `${place ? `The place you mentioned (${place})` : "Location received. It"} is outside ${cityEn}. This service handles matters in ${cityEn}; for a matter elsewhere, please contact the local authorities there (the local 12345 hotline).\nIf the matter concerns ${cityEn} (say, the employer is here), you can still report it here: tap the county or district it concerns, or “Not sure”, and the staff will check.`,
  regionUnsure: () => "Not sure",
  regionUseButtons: () =>
    "I couldn't tell which county or district that is. Please tap one of the buttons.",
  regionLeftToClerk: ({ place }) =>
    place === null
      ? "All right, our staff will find out which county or district it is."
      : `All right, noted the place: ${place}. Our staff will find its county or district from it.`,

  askTime: () =>
    "When did it happen?\nYou can write “yesterday”, “3 days ago” or a date like “5 October”, also in Chinese (昨天, 3天前, 10月5号). If you don't remember, tap “I don't remember”.",
  timeUnknown: () => "I don't remember",
  timeWhichDay: ({ words }) =>
    `On which day (${words})? For example “yesterday” or “last Wednesday”. If you don't remember, tap “I don't remember”.`,
  timeNotUnderstood: () =>
    "I couldn't read that time. Try “yesterday”, “3 days ago”, “2025-10-05”, 前天下午, or tap “I don't remember”.",
  timeFuture: () => "That date hasn't come yet. Please check the day, or tap “I don't remember”.",
  timeNotedNotPlace: ({ words }) => `Noted the time: ${words}.`,
  placeAdded: ({ words }) => `Added to the place: ${words}.`,
  placeWithOwnWords: ({ place, words }) => `${place} (${words})`,

  askPhotos: ({ max }) =>
    `Do you have photos? Send them here, up to ${max}. If not, tap “No photos”.`,
  photosNone: () => "No photos",
  photosDone: () => "Done with photos",
  photoReceived: ({ count, max }) =>
    count >= max
      ? `Photo ${count} received; that's the maximum of ${max}.`
      : `Photo ${count} received. You can send ${plural(max - count, "more", "more")}; tap “Done with photos” when finished.`,
  photoLimit: ({ max }) => `You can send at most ${max} photos; this one was not kept.`,
  photoKept: ({ count }) =>
    `Photo received (${plural(count, "photo", "photos")} so far); it will be sent with your report.`,
  photoForAddition: () =>
    "Photo received. Is it more about your report in progress? If it is a new matter, tell me about it in words, and I will ask you what to do with it.",
  photoNotKept: () =>
    "The photo was not kept. To report a new problem, tap “Report a problem”, then send the photo again.",
  ratingPhotosKept: ({ count }) =>
    `${count === 1 ? "Your photo was" : `${count} photos were`} kept with your rating; the staff can see ${count === 1 ? "it" : "them"}.`,
  photosClear: () => "Remove the earlier photos",

  voiceHeard: ({ transcript }) => `I heard: “${transcript}”\nIs that right?`,
  voiceYes: () => "Right",
  voiceRedo: () => "Say again",
  voiceSayAgain: () => "All right, please say it again, or type it.",
  voiceKeptAskText: () =>
    "Voice message received and kept; it goes to the staff with your report. Please also write one line saying what it is about, so we can pass it to the right office quickly; tap “Skip” if you cannot type.",
  voiceSkip: () => "Skip",
  voiceKeptTypeAnswer: () =>
    "Voice message received and kept. Please answer this question in writing:",
  voiceOnlyDescription: () => "(Spoken report: please listen to the recording)",
  voiceRefused: ({ reason }) =>
    reason === "too_large"
      ? "That voice message is too large to take. Please send it as a few shorter ones, or type it."
      : reason === "too_long"
        ? "That voice message is too long to take. Please send it as a few shorter ones (a few minutes each), or type it."
        : "That voice message could not be opened. Please record it again, or type it.",
  photosUseButtons: ({ count, max }) =>
    count === 0
      ? `Please send photos (up to ${max}), or tap “No photos”.`
      : `I have ${plural(count, "photo", "photos")}. Send more, or tap “Done with photos”.`,
  photosNotNeeded: () =>
    "That's all right: you can report it without photos, and the staff will look on site.",
  photosLater: () =>
    "All right: send them here when you have them. If that is not now, tap “No photos” to file the report, and send the photos later to add them to it.",

  askContact: ({ report }) =>
    [
      "Last step: please give your name and phone number so the staff can reach you.",
      ...(report
        ? [
            "Reports are kept confidential: your name and number are never told to the people or office you report.",
          ]
        : []),
      "For example: Zhang Xiuying 13812345678 (landlines with area code, e.g. 0394-8123456)",
      "",
      "You may tap “Stay anonymous” instead. Anonymous reports also get updates here in this chat.",
    ].join("\n"),
  shareContact: () => "📱 Send my phone number",
  contactAnonymous: () => "Stay anonymous",
  contactUseSaid: ({ phone, name }) =>
    `Use what I gave: ${name === null ? "" : `${isSurnameOnly(name) ? `surname ${name}` : name}, `}${phone}`,
  contactInvalidPhone: () =>
    "That phone number doesn't look right. Mobile numbers have 11 digits and start with 1; landlines need the area code, e.g. 0394-8123456. Please try again, or tap “Stay anonymous”.",
  contactNoPhone: () =>
    "Please give a phone number so the staff can reach you, e.g. Zhang Xiuying 13812345678, or tap “Stay anonymous”.",
  contactHasNoPhone: () =>
    "You can report without a phone. You may give a relative's or neighbour's number so the staff can reach you; if not, tap “Stay anonymous”: you will still get every update here.",
  contactCardNotHere: () =>
    "I got a contact card, but I don't note it at this step; send it, or type the number, when I ask how to reach you.",
  phoneBeforeMatter: ({ phone }) =>
    `Your phone ${phone} is noted; staff will call it when they need to reach you.`,
  askName: ({ phone }) => `Phone ${phone} noted. How should we address you?`,
  nameUseSaid: ({ name }) => (isSurnameOnly(name) ? `My surname is ${name}` : `Call me ${name}`),
  nameSkip: () => "Skip the name",
  nameInvalid: () => "Please write a name, or tap “Skip the name”.",

  summary: (v) => {
    const place = [
      v.regionInAddress
        ? null
        : v.regionName === null
          ? "county/district to be confirmed by staff"
          : [v.town && townInEnglish(v.town), v.regionName]
              .filter((name) => name !== null)
              .join(", "),
      v.address,
      v.hasLocation ? "location sent" : null,
    ]
      .filter((part): part is string => part !== null && part !== "")
      .join(", ");
    const when = v.occurredAt;
    const day =
      when?.date &&
      `${formatCalendarDateAt("en", when.date, when.precision)}${when.time ? ` ${when.time}` : ""}`;
    const time = !when
      ? "not remembered"
      : when.date === null
        ? when.ongoing
          ? ongoingTime("en", `“${when.text}”`)
          : `“${when.text}”`
        : when.approximate
          ? `“${when.text}” (about ${day})`
          : `${day} (“${when.text}”)`;
    const contact = v.contact
      ? `${v.contact.name ?? "no name given"}, ${v.contact.phone}${v.contact.holder ? yourNumberHolderNote("en", v.contact.holder) : ""}`
      : "anonymous (updates come here)";
    return [
      "Please check your report:",
      "",
      `What: ${excerpt(v.description, QUOTED_WORDS_MAX)}`,
      ...(v.consultation ? ["Kind: a question (the office in charge answers you)"] : []),
      `Topic: ${v.categoryName}`,
      `${v.consultation ? "County/district" : "Where"}: ${place}`,
      ...(v.consultation
        ? []
        : [`When: ${time}`, `Photos: ${v.photoCount > 0 ? v.photoCount : "none"}`]),
      `Contact: ${contact}`,
      ...(v.isEmergency ? ["Urgent: yes, it will be handled first"] : []),
      "",
      "If everything is right, tap “Send”.",
    ].join("\n");
  },
  summarySubmit: () => "✅ Send",
  summaryEdit: () => "✏️ Change something",
  summaryCancel: () => "Don't send",
  summaryUseButtons: () => "Please tap a button below: send, change something, or don't send.",
  askEditField: () => "What would you like to change?",
  fieldLabel: ({ field }) =>
    ({
      description: "What happened",
      category: "Topic",
      place: "Where",
      time: "When",
      photos: "Photos",
      contact: "Contact",
    })[field],
  editBack: () => "Nothing, go back",
  photosCleared: () => "The earlier photos were removed; please send them again.",
  confirmCancel: () =>
    "Are you sure you don't want to send it? Everything you entered will be deleted.",
  cancelYes: () => "Yes, don't send",
  cancelNo: () => "Keep going",
  cancelled: ({ laterMatters, count }) =>
    laterMatters === "offered"
      ? "All right, this one is cancelled and what you entered is deleted."
      : laterMatters === "dropped"
        ? `All right, it's cancelled and what you entered is deleted; the other ${count === 1 ? "matter" : `${count} matters`} you told me will not be filed either. I'm here whenever you need me.`
        : "All right, it's cancelled and what you entered is deleted. I'm here whenever you need me.",
  cancelAborted: () => "OK, let's go on:",
  nothingToCancel: () => "There is no report in progress.",
  submitted: ({
    trackingNo,
    acceptanceDueAt,
    anonymous,
    commands,
    emergency,
    report,
    consultation,
    holder,
  }) =>
    [
      "✅ Sent!",
      `Your tracking number: ${trackingNo}`,
      "Please note it down; you need it to check progress.",
      ...(emergency
        ? [
            "",
            "⚠️ This is a danger, so it is marked urgent: the staff pass it to the office in charge first. If it gets worse on the spot, call now: police 110, fire 119, ambulance 120.",
          ]
        : []),
      "",
      "What happens next:",
      `1. Within 15 days (by ${formatDate("en", acceptanceDueAt)}) the staff decide whether to accept it, and tell you here.`,
      consultation
        ? `2. Once accepted, the office in charge answers your question within ${RULES.consultationAnswerWorkingDays} working days; the answer comes here.`
        : report
          ? "2. Once accepted, only the discipline inspection body handles it, never the people or office you report; you get updates here."
          : "2. Once accepted, the office in charge handles it; you get updates here.",
      anonymous
        ? "3. You stayed anonymous, so updates only come to this chat; please keep it."
        : holder
          ? `3. Staff may call your ${numberHolderText("en", holder)}'s number for details; please let them know.`
          : "3. Staff may call you for details; please watch for their call.",
      ...(commands
        ? ["", `Send “check my status” or “/status ${trackingNo}” any time to check progress.`]
        : []),
    ].join("\n"),
  submitFailed: () =>
    "Sorry, our system has a problem and your report was not sent. Nothing you entered is lost; please tap “Send” again in a little while.",
  alreadySubmitted: ({ trackingNo }) =>
    `This report was already sent; its number is ${trackingNo}.`,

  myCases: ({ cases }) =>
    ["Your reports:", "", ...cases.map(caseLine), "", "Tap a number to see details."].join("\n"),
  myCasesEmpty: ({ commands, filing, phone }) =>
    [
      commands
        ? "You haven't sent any reports in this chat yet."
        : "You haven't sent any reports here yet.",
      commands
        ? "A report made elsewhere (by phone, on the web) is not listed here: with its number and query code, open “Check progress” on the web."
        : "A report made elsewhere (by phone, in WeChat): with its number and query code, open “Check progress”; with the mobile number you left, open “My cases”.",
      ...(phone ? [`You can also call ${phone}.`] : []),
      filing
        ? "Let's go on with the report you are making:"
        : "To report something, just tell me about it.",
    ].join("\n"),
  feedbackOnAnswer: ({ trackingNo, consultation }) =>
    [
      `Is this about the answer to ${trackingNo}? Thank you for telling us.`,
      `Please rate it with the buttons under the answer (solved or not, how satisfied you are)${consultation ? "" : "; if you are not satisfied you can ask for a review"}. You can also rate it on the “Check progress” page with the number and the query code.`,
      "To report a new problem, tap “Report a problem”.",
    ].join("\n"),
  feedbackAfterRating: ({ trackingNo }) =>
    `Is this about the answer to ${trackingNo}? Thank you for telling us. You have already rated this answer.`,
  caseProgress: ({ case: c }) =>
    [
      enCaseNow(c),
      ...(c.unitName === null
        ? ["It is not with an office yet: staff register it and send it to the office in charge."]
        : []),
      "Every step is told here; tap the number for the details.",
    ].join("\n"),
  serviceAnswer: ({ topic, case: c, phone, city }) =>
    EN_SERVICE[topic](c, phone, city)
      .filter((line) => line !== null)
      .join("\n"),
  rateOffer: ({ trackingNo, solved, satisfaction }) =>
    `Shall I rate the answer to ${trackingNo} as “${solved ? "solved" : "not solved"}, ${labelOf("satisfaction", satisfaction, "en").toLowerCase()}”?`,
  rateYes: () => "Yes, rate it",
  rateNo: () => "Don't rate",
  rateDeclined: () =>
    "All right, no rating. You can also rate it with the buttons under the answer; to report a new problem, tap “Report a problem”.",
  rated: ({ trackingNo, review }) =>
    `Thank you for your rating (no. ${trackingNo}).${review ? ` ${enReviewOffer(trackingNo, review)}` : ""}`,
  rateRefused: ({ trackingNo }) =>
    `The answer to no. ${trackingNo} has already been rated, or can no longer be rated.`,
  rateFailed: () =>
    "Sorry, something went wrong and your rating was not recorded. Please reply “yes” again in a little while, or rate it with the buttons under the answer.",
  reviewButton: ({ stage }) => (stage === 1 ? "Ask for a review" : "Ask for a second review"),
  reviewOffer: ({ trackingNo, review }) => enReviewOffer(trackingNo, review),
  reviewRequested: ({ trackingNo, stage }) =>
    `${stage === 1 ? "A review" : "A second review"} of no. ${trackingNo} has been requested; you will hear the result here.`,
  reviewRefused: () =>
    "A review cannot be requested now (the deadline may have passed, it is already under review, or the second review's opinion was final).",
  reviewFailed: () =>
    "Sorry, something went wrong and your request was not sent. Please tap the button above again in a little while.",
  withdrawButton: ({ supported }) => (supported ? "Withdraw my support" : "Withdraw it"),
  withdrawAsk: ({ trackingNo, categoryName, supported }) =>
    supported
      ? `You support no. ${trackingNo} (${categoryName}). Withdraw your support? You will no longer be told how it goes; it is handled all the same.`
      : `Withdraw no. ${trackingNo} (${categoryName})? It will then no longer be handled.`,
  withdrawYes: () => "Yes, withdraw",
  withdrawNo: () => "No, keep it",
  withdrawDone: ({ trackingNo, supported }) =>
    supported
      ? `Your support of no. ${trackingNo} has been withdrawn; you will no longer be told how it goes.`
      : `No. ${trackingNo} has been withdrawn and will not be handled further. We are here whenever you need us.`,
  withdrawKept: ({ trackingNo, supported }) =>
    supported
      ? `All right, you will still be told how no. ${trackingNo} goes.`
      : `All right, no. ${trackingNo} stays with us.`,
  withdrawRefused: ({ trackingNo }) =>
    `No. ${trackingNo} can no longer be withdrawn (it has been answered, closed or withdrawn).`,
  withdrawFailed: () =>
    "Sorry, something went wrong and it was not withdrawn; it is still being handled. Please try again in a little while.",
  withdrawWhich: () => "You have several reports being handled. Which one should be withdrawn?",
  withdrawCaseButton: ({ trackingNo, categoryName, supported }) =>
    `${supported ? "Withdraw my support of" : "Withdraw"} ${trackingNo} (${categoryName})`,
  withdrawNothing: () => "You have no report being handled that could be withdrawn.",
  supplementButton: () => "Add to it",
  supplementAsk: ({ trackingNo, categoryName, text, photos }) =>
    `Add this${photos > 0 ? ` and ${photos} photo(s)` : ""} to no. ${trackingNo} (${categoryName})?\n"${text}"`,
  supplementSuggest: ({ trackingNo, categoryName, text, photos }) =>
    `You said: “${text}”\nAdd this${photos > 0 ? ` and ${plural(photos, "photo", "photos")}` : ""} to ${trackingNo} (${categoryName})?`,
  supplementSuggestYes: () => "Yes, add it",
  urgeSuggest: ({ trackingNo, categoryName, text, photos }) =>
    `You said: “${text}”\nUrge ${trackingNo} (${categoryName}) on? Your words${photos > 0 ? ` and ${plural(photos, "photo", "photos")}` : ""} are added too, for the staff handling it.`,
  urgeSuggestYes: () => "Yes, urge it",
  supplementSuggestNo: () => "No, it is a new matter",
  supplementYes: () => "Yes, add it",
  supplementNo: () => "No",
  supplementDone: ({ trackingNo, words, photos }) =>
    words
      ? `Added to no. ${trackingNo}; the staff handling it will see it.`
      : `${plural(photos, "photo", "photos")} added to no. ${trackingNo} (without words); the staff handling it will see ${photos === 1 ? "it" : "them"}.`,
  supplementGroupGrown: ({ group }) =>
    `The number of people affected is now recorded as: ${groupExtent("en", group)}.`,
  supplementDeclined: () => "All right, nothing was added.",
  urgeDone: ({ trackingNo, ordinal, words }) =>
    `${
      ordinal === null
        ? `No. ${trackingNo} was already urged on today; the unit handling it will deal with it as soon as possible.`
        : `We have urged no. ${trackingNo} on for you (urge no. ${ordinal}); the unit handling it will deal with it as soon as possible.`
    }${words ? " What you said was added to the case." : ""}`,
  urgeRefused: ({ trackingNo }) =>
    `No. ${trackingNo} has been answered, closed or withdrawn and can no longer be urged on. If this is something new, just tell me.`,
  supplementRefused: ({ trackingNo }) =>
    `No. ${trackingNo} can no longer be added to (it has been answered, closed or withdrawn). If this is something new, just tell me.`,
  supplementFailed: () =>
    "Sorry, something went wrong and it was not added. Please try again in a little while.",
  supplementWordsAsk: ({ trackingNo, photos }) =>
    photos > 0
      ? `Please say what the photo shows (to add to no. ${trackingNo}), or tap “Add the photo only” if you would rather not write.`
      : `Please tell me what to add to no. ${trackingNo}.`,
  supplementPhotosOnly: ({ photos }) =>
    photos === 1 ? "Add the photo only" : "Add the photos only",
  supplementWhich: () =>
    "You have several reports being handled. Which one should this be added to?",
  supplementCaseButton: ({ trackingNo, categoryName }) => `Add to ${trackingNo} (${categoryName})`,
  phoneAsk: ({ trackingNos, phone }) =>
    trackingNos.length === 1
      ? `Change the phone number of your report being handled (no. ${trackingNos[0]}) to ${phone}?`
      : `Change the phone number of your ${trackingNos.length} reports being handled (nos. ${trackingNos.join(", ")}) to ${phone}?`,
  phoneYes: () => "Yes",
  phoneNo: () => "No, thanks",
  phoneDone: ({ trackingNos, phone }) =>
    `The phone number of no. ${trackingNos.join(", ")} is now ${phone}: staff will call you on it.`,
  phoneKept: () => "All right, the phone number stays as it was.",
  phoneRefused: ({ trackingNos }) =>
    `No. ${trackingNos.join(", ")} was already answered, closed or withdrawn: its phone number was not changed.`,
  phoneFailed: ({ trackingNos }) =>
    `Sorry, something went wrong: the phone number of no. ${trackingNos.join(", ")} was not changed. Please say it again in a while.`,
  phoneTakenForDraft: ({ phone }) => `All right, this report's phone number is ${phone}.`,
  phoneNothing: () =>
    "You have no report being handled, so there is no phone number to change. Leave this number when you report something new.",
  supplementNothing: () => "You have no report being handled that could be added to.",
  ratingReasonAsk: ({ trackingNo }) =>
    `Please reply and tell us what was not solved or not satisfactory about no. ${trackingNo}:`,
  ratingReasonThanks: () => "Your comments have been recorded. Thank you.",
  ratingReasonTaken: () =>
    "What you said about it has been recorded with your rating; staff will see it.",
  reasonMayBeNewMatter: () => "This also sounds like a new matter:",
  againAsk: ({ trackingNo }) =>
    `Is this about no. ${trackingNo} not being solved, or is it a new matter to report?`,
  againOld: ({ trackingNo }) => `No. ${trackingNo} is not solved`,
  againNew: () => "Report a new matter",
  ratingReasonFailed: () =>
    "Sorry, something went wrong and your comments were not recorded. Please send them again in a moment.",
  ratingLater: ({ trackingNo }) =>
    `All right, no hurry. Rate the answer to ${trackingNo} once you know: tap “Solved” or “Not solved” under it, or just tell me (for example “I got the money” or “still not paid”).`,
  earlierReportNotHere: () =>
    "I cannot find your earlier report here (reports by phone or elsewhere do not show here). Please tell me the matter again: what it is and where. I will register it again, noting that you reported it before, so the staff see it.",
  thanksAcknowledged: () => "You're welcome. We are here whenever you need us.",
  greetingAnswer: () => "Hello, I'm here. Just write what happened, or tap a button below.",
  waiting: ({ filing }) =>
    filing
      ? "Sure, take your time. What you have told me is kept; reply whenever you are ready."
      : "Sure, take your time. Write whenever you are ready, or tap a button below.",
  casesUnavailable: () =>
    "Sorry, I can't look that up right now. Please try again in a little while.",
  statusUsage: () => "Please write the number after /status, e.g. /status ZK-20261128-0042",
  statusNotFound: ({ trackingNo, commands }) =>
    commands
      ? `I found no report of yours numbered ${trackingNo}. Please check the number, or send /mycases to see them all.`
      : `I found no report of yours numbered ${trackingNo}. Please check the number, or tap “My reports” to see them all. If you filed it on another phone or elsewhere, open “Check progress” above and enter the number with its query code.`,
  caseDetail: (c) =>
    [
      `Number: ${c.trackingNo}`,
      ...(c.supported ? ["You supported this report: you hear of its progress too."] : []),
      `Topic: ${c.categoryName}`,
      `Sent: ${formatDate("en", c.submittedAt)}`,
      ...(c.contact ? [`Contact phone: ${contactShownToReporter("en", c.contact)}`] : []),
      `Now: ${c.reviewStage === null ? STATUS[c.status] : EN_UNDER_REVIEW[c.reviewStage]}`,
      ...(c.status === "received" && c.acceptanceDueAt
        ? [`You will hear whether it is accepted by ${formatDate("en", c.acceptanceDueAt)}.`]
        : []),
      ...(c.answerDueBy
        ? [
            `${c.reviewStage === null ? "The answer" : "The review's opinion"} is due by ${formatDate("en", c.answerDueBy)}.`,
          ]
        : []),
      ...(c.answer
        ? [
            "",
            `${ANSWER_TITLE[c.answer.reviewStage]} (${formatDate("en", c.answer.at)}):`,
            c.answer.text,
            ...(c.answer.promisedBy
              ? [`Promised by ${formatCalendarDateAt("en", c.answer.promisedBy, "day")}.`]
              : []),
            ...(c.answer.translation
              ? ["", MACHINE_TRANSLATION_HEADING, c.answer.translation]
              : []),
          ]
        : []),
      ...(c.mayRate ? ["", "Is it solved? Just reply “solved” or “not solved”."] : []),
      "",
      "History:",
      ...c.timeline.map(
        (entry) =>
          `· ${formatDateTime("en", entry.at)} ${TIMELINE[entry.kind]}${timelineWords(entry)}`,
      ),
    ].join("\n"),
  caseButton: ({ trackingNo }) => `Show ${trackingNo}`,
  webQueryCode: ({ trackingNo, queryCode }) =>
    [
      `Your query code is: ${queryCode}`,
      `On the "Check progress" page, enter ${trackingNo} with this code to see how your complaint is going, read the answer, rate it or ask for a review. Keep the number and the code together, and do not share them.`,
    ].join("\n"),
  statusName: ({ status }) => STATUS[status],
  timelineName: ({ kind }) => TIMELINE[kind],
  timelineWords,
};
