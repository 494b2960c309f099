/**
 * The question of each step as a message with its buttons. Pure: (state, deps) → message.
 * Kept apart from the engine so the wording and the buttons of a step are in one place.
 */
import type { Category, Directory, Region } from "../directory.ts";
import { cityRegion, nameIn, nameOfCode } from "../directory.ts";
import type { PlaceOutsideCity } from "../places/elsewhere.ts";
import { FALLBACK_CATEGORY } from "../routing.ts";
import type {
  CaseLine,
  Consulting,
  EditableField,
  Locale,
  NearbyLine,
  SummaryView,
} from "../../i18n/catalog.ts";
import { excerpt } from "../../i18n/format.ts";
import { t } from "../../i18n/t.ts";
import { LEAVE_TO_CLERK, draftChoice, globalChoice } from "./choice-id.ts";
import type { ChoiceButton, OutgoingMessage } from "./replies.ts";
import type { DialogueState, Draft, Step } from "./state.ts";
import { MAX_PHOTOS } from "./state.ts";
import type { TimeSaid } from "./occurred-at.ts";
import { nameOrSurnameIn, readTypedContact, type PhoneParser } from "./phone.ts";
import { placeOnlyByHome } from "./home-place.ts";

type Buttons = Pick<OutgoingMessage, "choices" | "request" | "requestLabel">;

/** Whether the draft asks a question (咨询), which the contact question words as such. */
export function consulting(draft: Draft): Consulting {
  return { consultation: draft.requestKind === "consultation" };
}

export function categoryName(directory: Directory, locale: Locale, code: string): string {
  return nameOfCode(directory.categories, code, locale);
}

function categoryPlain(category: Category, locale: Locale): string {
  return locale === "zh" ? category.plain : category.plainEn;
}

/**
 * The region's name as a citizen reads it as a place: the city level reads as the city
 * (周口市, not the button's "全市范围的事", which says what was chosen, not where).
 */
export function regionName(directory: Directory, locale: Locale, code: string): string {
  if (code === cityRegion(directory).code) return t(locale, "regionCityPlace", directory);
  return nameOfCode(directory.regions, code, locale);
}

/** "还是刚才那个地方（七一路幸福小区门口）" when a case was just filed with a place. */
function samePlaceRow(state: DialogueState, directory: Directory): ChoiceButton[][] {
  const { lastPlace, locale, draft } = state;
  if (lastPlace === null || draft === null) return [];
  const code = lastPlace.region.code;
  const place =
    lastPlace.address ??
    (lastPlace.location !== null
      ? t(locale, "placeSharedBefore")
      : code !== null
        ? regionName(directory, locale, code)
        : null);
  if (place === null) return [];
  const label = t(locale, "placeSameAsBefore", { place: excerpt(place, 16) });
  return [[{ id: draftChoice(draft.no, "place", "same"), label }]];
}

/** Where the draft is so far, to ask within: the region, and its town when one is known. */
function areaName(directory: Directory, locale: Locale, code: string, town: string | null): string {
  const region = regionName(directory, locale, code);
  return town === null ? region : t(locale, "townInRegion", { region, town });
}

/** The welcome menu: file a complaint, my cases, help. */
export function menuButtons(locale: Locale): ChoiceButton[][] {
  return [
    [{ id: globalChoice("menu", "file"), label: t(locale, "menuFile") }],
    [{ id: globalChoice("menu", "cases"), label: t(locale, "menuCases") }],
    [{ id: globalChoice("menu", "help"), label: t(locale, "menuHelp") }],
  ];
}

export function languageButtons(): ChoiceButton[][] {
  return [
    [
      { id: globalChoice("lang", "zh"), label: "中文" },
      { id: globalChoice("lang", "en"), label: "English" },
    ],
  ];
}

/** A button under each case that shows it. */
export function caseButtons(
  locale: Locale,
  cases: readonly Pick<CaseLine, "trackingNo">[],
): ChoiceButton[][] {
  return cases.map((c) => [
    {
      id: globalChoice("case", c.trackingNo),
      label: t(locale, "caseButton", { trackingNo: c.trackingNo }),
    },
  ]);
}

/**
 * Whether the classifier's guess is good enough to ask "is it X?" instead of showing a
 * list: it is not `unsure` (its calibrated confidence is at or above CLASSIFIER_UNSURE_BELOW).
 */
export function isConfidentGuess(draft: Draft, directory: Directory): boolean {
  const guess = draft.classification;
  return (
    guess !== null &&
    guess.category !== FALLBACK_CATEGORY &&
    !guess.unsure &&
    directory.categories.some((c) => c.code === guess.category)
  );
}

/**
 * When the classifier is unsure, its top categories for the citizen to choose from
 * ("other" left out: the 其他/不确定 button stands for it); null when there is no such
 * choice to offer (no classification, or a sure one) and the whole list is shown.
 */
function unsurePicks(draft: Draft, directory: Directory): Category[] | null {
  const guess = draft.classification;
  if (guess === null || !guess.unsure) return null;
  const picks = guess.alternatives
    .slice(0, 3)
    .map((a) => directory.categories.find((c) => c.code === a.category))
    .filter((c): c is Category => c !== undefined && c.code !== FALLBACK_CATEGORY);
  return picks.length > 0 ? picks : null;
}

/**
 * The first thing the draft still lacks, in the order of the conversation; "summary"
 * when nothing is missing.
 */
export function nextStep(draft: Draft): Step {
  if (draft.description === null) return "description";
  if (draft.category === null) return "category";
  if (draft.requestKind === "consultation") return consultationStep(draft);
  if (draft.region === null) {
    const placeKnown =
      draft.address !== null || draft.location !== null || draft.placeInDescription;
    return placeKnown ? "region" : "place";
  }
  if (needsStreet(draft)) return "street";
  // null: still to be looked up; offers: waiting for the citizen's answer.
  if (draft.nearby === null || draft.nearby.length > 0) return "nearby";
  if (draft.occurredAt === null) return "time";
  if (!draft.photosDone) return "photos";
  if (draft.contact === null) return "contact";
  return "summary";
}

/**
 * A consultation asks only what answering it needs: the region, for the unit of the right level
 * (the county buttons, unless the words said a place), and the contact — no place, time or photos.
 */
function consultationStep(draft: Draft): Step {
  if (draft.region === null) return "region";
  if (draft.contact === null) return "contact";
  return "summary";
}

/**
 * Whether to ask for the street or landmark: the region is known but no street, landmark
 * or location is, and it was not asked before (it is asked once, and can be skipped). A place
 * said only by the citizen's home ("就在我家门口") asks for the home's address, the county known
 * or left to the clerk: the clerk cannot find "my door" either.
 */
function needsStreet(draft: Draft): boolean {
  if (draft.streetAsked || draft.location !== null || draft.region === null) return false;
  if (placeOnlyByHome(draft)) return true;
  return (
    draft.region.code !== null && (draft.address === null || draft.placePrecision !== "street")
  );
}

/** True while the citizen is changing one field of a complete draft (the summary was shown). */
export function isEditing(draft: Draft): boolean {
  return nextStep(draft) === "summary";
}

function regionRows(directory: Directory, locale: Locale, draftNo: number): ChoiceButton[][] {
  const city = cityRegion(directory);
  const regions = directory.regions.filter((r: Region) => r.code !== city.code);
  const rows: ChoiceButton[][] = [];
  const perRow = locale === "zh" ? 3 : 2;
  for (let i = 0; i < regions.length; i += perRow) {
    rows.push(
      regions.slice(i, i + perRow).map((r) => ({
        id: draftChoice(draftNo, "region", r.code),
        label: nameIn(r, locale),
      })),
    );
  }
  rows.push([
    { id: draftChoice(draftNo, "region", city.code), label: t(locale, "regionCityWide") },
    { id: draftChoice(draftNo, "region", LEAVE_TO_CLERK), label: t(locale, "regionUnsure") },
  ]);
  return rows;
}

/** The buttons (and channel request) that belong to the current step. */
export function stepButtons(
  state: DialogueState,
  directory: Directory,
  phoneParser: PhoneParser,
): Buttons {
  const draft = state.draft;
  if (draft === null) return { choices: menuButtons(state.locale) };
  const { locale } = state;
  const no = draft.no;
  const back: ChoiceButton[][] =
    isEditing(draft) && state.step !== "summary" && state.step !== "edit"
      ? [[{ id: draftChoice(no, "edit", "back"), label: t(locale, "editBack") }]]
      : [];
  switch (state.step) {
    case "idle":
    case "description":
      return back.length > 0 ? { choices: back } : {};
    case "category": {
      const guess = draft.classification?.category ?? FALLBACK_CATEGORY;
      return {
        choices: [
          [{ id: draftChoice(no, "cat", guess), label: t(locale, "categoryYes") }],
          [{ id: draftChoice(no, "catlist"), label: t(locale, "categoryOther") }],
          ...back,
        ],
      };
    }
    case "category_list": {
      const picks = unsurePicks(draft, directory);
      if (picks) {
        // 其他/不确定 is no category of the citizen's: the clerk decides (category-step.ts),
        // seeing the classifier's own unsure answer with its top 3.
        return {
          choices: [
            ...picks.map((c) => [
              { id: draftChoice(no, "cat", c.code), label: categoryPlain(c, locale) },
            ]),
            [{ id: draftChoice(no, "cat", LEAVE_TO_CLERK), label: t(locale, "categoryUnsure") }],
            ...back,
          ],
        };
      }
      return {
        choices: [
          ...directory.categories.map((c) => [
            { id: draftChoice(no, "cat", c.code), label: categoryPlain(c, locale) },
          ]),
          ...back,
        ],
      };
    }
    case "place":
      return {
        choices: [
          ...samePlaceRow(state, directory),
          [{ id: draftChoice(no, "place", "unknown"), label: t(locale, "placeUnknown") }],
          ...back,
        ],
        request: "location",
        requestLabel: t(locale, "shareLocation"),
      };
    case "region":
      return { choices: [...regionRows(directory, locale, no), ...back] };
    case "street":
      return {
        choices: [
          [{ id: draftChoice(no, "street", "skip"), label: t(locale, "streetSkip") }],
          ...back,
        ],
        request: "location",
        requestLabel: t(locale, "shareLocation"),
      };
    case "nearby":
      return {
        choices: [
          ...(draft.nearby ?? []).map((offer, i) => [
            {
              id: draftChoice(no, "near", offer.trackingNo),
              label: t(locale, "nearbySame", { index: i + 1 }),
            },
          ]),
          [{ id: draftChoice(no, "near", "no"), label: t(locale, "nearbyNotSame") }],
        ],
      };
    case "time":
      return {
        choices: [
          [{ id: draftChoice(no, "time", "unknown"), label: t(locale, "timeUnknown") }],
          ...back,
        ],
      };
    case "photos": {
      const label = t(locale, draft.photos.length === 0 ? "photosNone" : "photosDone");
      const rows: ChoiceButton[][] = [[{ id: draftChoice(no, "photos", "done"), label }]];
      if (draft.photos.length > 0 && back.length > 0) {
        rows.push([{ id: draftChoice(no, "photos", "clear"), label: t(locale, "photosClear") }]);
      }
      return { choices: rows };
    }
    case "contact": {
      const said = contactSaidIn(draft, phoneParser);
      return {
        choices: [
          ...offerOfSaid(
            said && {
              id: draftChoice(no, "contact", "said"),
              label: t(locale, "contactUseSaid", said),
            },
          ),
          [
            {
              id: draftChoice(no, "contact", "anon"),
              label: t(locale, "contactAnonymous", consulting(draft)),
            },
          ],
          ...back,
        ],
        request: "contact",
        requestLabel: t(locale, "shareContact"),
      };
    }
    case "contact_name": {
      const said = nameSaidIn(draft);
      return {
        choices: [
          ...offerOfSaid(
            said === null
              ? null
              : {
                  id: draftChoice(no, "name", "said"),
                  label: t(locale, "nameUseSaid", { name: said }),
                },
          ),
          [{ id: draftChoice(no, "name", "skip"), label: t(locale, "nameSkip") }],
        ],
      };
    }
    case "summary":
      return {
        choices: [
          [{ id: draftChoice(no, "sum", "submit"), label: t(locale, "summarySubmit") }],
          [{ id: draftChoice(no, "sum", "edit"), label: t(locale, "summaryEdit") }],
          [{ id: draftChoice(no, "sum", "cancel"), label: t(locale, "summaryCancel") }],
        ],
      };
    case "edit": {
      const fields: EditableField[] = [
        "description",
        "category",
        "place",
        "time",
        "photos",
        "contact",
      ];
      const rows: ChoiceButton[][] = [];
      for (let i = 0; i < fields.length; i += 2) {
        rows.push(
          fields.slice(i, i + 2).map((field) => ({
            id: draftChoice(no, "edit", field),
            label: t(locale, "fieldLabel", { field }),
          })),
        );
      }
      rows.push([{ id: draftChoice(no, "edit", "back"), label: t(locale, "editBack") }]);
      return { choices: rows };
    }
  }
}

/**
 * The name the description introduced ("我叫张建国", "我是东关的老王") or the surname it said
 * ("姓张"), offered at the name question.
 */
export function nameSaidIn(draft: Draft): string | null {
  return draft.description === null ? null : nameOrSurnameIn(draft.description);
}

/**
 * The phone number the description gave, with the name it introduced ("…我叫张建国，电话
 * 13912345678"), offered at the contact question; null when it gave no valid number.
 */
export function contactSaidIn(
  draft: Draft,
  phoneParser: PhoneParser,
): { phone: string; name: string | null } | null {
  if (draft.description === null) return null;
  const phone = readTypedContact(draft.description, phoneParser).phone;
  return phone && { phone: phone.display, name: nameOrSurnameIn(draft.description) };
}

/** The row of the button that takes what the description said, when it said it. */
function offerOfSaid(button: ChoiceButton | null): ChoiceButton[][] {
  return button ? [[button]] : [];
}

/** When the matter happened as the case keeps it: a day, the citizen's words without one, or null. */
export function timeOfDraft(draft: Draft): TimeSaid | null {
  const when = draft.occurredAt;
  if (when === null || !("unknown" in when)) return when;
  return when.text === undefined
    ? null
    : { text: when.text, date: null, ongoing: when.ongoing === true };
}

/** Wage arrears and the like: "where?" asks for the employer's site (the category says). */
function asksWorkplace(draft: Draft, directory: Directory): boolean {
  const code = draft.category ?? draft.classification?.category;
  return directory.categories.find((c) => c.code === code)?.placeIs === "workplace";
}

/** A report against officials (检举控告), by the class of the draft's category. */
export function isReport(draft: Draft, directory: Directory): boolean {
  return directory.categories.find((c) => c.code === draft.category)?.class === "report";
}

/** What the summary card shows, resolved to the citizen's language. */
export function summaryView(draft: Draft, directory: Directory, locale: Locale): SummaryView {
  const contact = draft.contact;
  const region = directory.regions.find((r) => r.code === draft.region?.code);
  return {
    description: draft.description ?? "",
    categoryName: draft.category ? categoryName(directory, locale, draft.category) : "",
    regionName: draft.region?.code ? regionName(directory, locale, draft.region.code) : null,
    // A town the words named is in the address the citizen gave; a shared point's is in none.
    town: draft.region?.source === "coordinates" ? draft.region.town : null,
    address: draft.address,
    regionInAddress:
      region !== undefined && draft.address !== null && namesRegion(draft.address, region),
    hasLocation: draft.location !== null,
    occurredAt: timeOfDraft(draft),
    photoCount: draft.photos.length,
    contact:
      contact?.kind === "named"
        ? { name: contact.name, phone: contact.phone, holder: contact.holder ?? null }
        : null,
    isEmergency: draft.isEmergency,
    consultation: draft.requestKind === "consultation",
  };
}

/**
 * "川汇区人民路", "Qiyi Road, Chuanhui District", "Wanda Plaza, Chuanhui", "周口师范学院东门": the
 * address already says the region (a loose name too: the city level found in 周口师范学院 is not
 * "the whole city"; an English name without its level, as a word).
 */
function namesRegion(address: string, region: Region): boolean {
  const text = address.toLowerCase();
  const named = [...region.names, ...(region.looseNames ?? []), region.name, region.nameEn].some(
    (name) => name.length > 1 && text.includes(name.toLowerCase()),
  );
  return named || englishWords(text).includes(englishWithoutLevel(region.nameEn));
}

const ENGLISH_LEVEL = / (?:district|county|city)$/;

/** "Chuanhui District" → "chuanhui": the name a foreign resident writes beside a place. */
function englishWithoutLevel(nameEn: string): string {
  return nameEn.toLowerCase().replace(ENGLISH_LEVEL, "");
}

function englishWords(text: string): string[] {
  return text.split(/[^a-z]+/);
}

/** The offered cases as the citizen reads them: kind, place, date, status, supporters. */
function nearbyLines(draft: Draft, directory: Directory, locale: Locale): NearbyLine[] {
  return (draft.nearby ?? []).map((offer, i) => ({
    index: i + 1,
    categoryName: categoryName(directory, locale, offer.category),
    place: offer.place,
    regionName: offer.region ? regionName(directory, locale, offer.region) : null,
    submittedAt: new Date(offer.submittedAt),
    status: offer.status,
    supporters: offer.supporters,
  }));
}

/** The question of the current step (or the idle menu) with its buttons. */
export function stepPrompt(
  state: DialogueState,
  directory: Directory,
  phoneParser: PhoneParser,
  outsideCity: PlaceOutsideCity | null = null,
): OutgoingMessage {
  const { locale, draft } = state;
  const buttons = stepButtons(state, directory, phoneParser);
  if (draft === null) return { text: t(locale, "idleHint"), ...buttons };
  const consultation = draft.requestKind === "consultation";
  switch (state.step) {
    case "idle":
    case "description":
      return { text: t(locale, "askDescription"), ...buttons };
    case "category": {
      const code = draft.classification?.category ?? FALLBACK_CATEGORY;
      const category = directory.categories.find((c) => c.code === code);
      const name = categoryName(directory, locale, code);
      const plain = category ? categoryPlain(category, locale) : "";
      return { text: t(locale, "askCategory", { name, plain, consultation }), ...buttons };
    }
    case "category_list": {
      const reason = unsurePicks(draft, directory) ? "weak" : "asked";
      return { text: t(locale, "askCategoryList", { reason, consultation }), ...buttons };
    }
    case "place":
      return {
        text: t(locale, "askPlace", { workplace: asksWorkplace(draft, directory) }),
        ...buttons,
      };
    case "region": {
      if (outsideCity !== null) {
        const { city, cityEn } = directory;
        const place = outsideCity.place;
        return { text: t(locale, "placeOutsideCity", { city, cityEn, place }), ...buttons };
      }
      const because = draft.location
        ? "location"
        : consultation
          ? "consultation"
          : draft.placeInDescription
            ? "description"
            : draft.address
              ? "address"
              : "unknown";
      return { text: t(locale, "askRegion", { because }), ...buttons };
    }
    case "street": {
      const code = draft.region?.code;
      const area = code ? areaName(directory, locale, code, draft.region?.town ?? null) : null;
      return {
        text: placeOnlyByHome(draft)
          ? t(locale, "askHomeAddress", { area })
          : draft.streetVague
            ? t(locale, "askStreetAgain", { area })
            : t(locale, "askStreet", { area, workplace: asksWorkplace(draft, directory) }),
        ...buttons,
      };
    }
    case "nearby":
      return {
        text: t(locale, "nearbyCases", { cases: nearbyLines(draft, directory, locale) }),
        ...buttons,
      };
    case "time":
      return { text: t(locale, "askTime"), ...buttons };
    case "photos":
      return {
        text:
          draft.photos.length === 0
            ? t(locale, "askPhotos", { max: MAX_PHOTOS })
            : t(locale, "photosUseButtons", { count: draft.photos.length, max: MAX_PHOTOS }),
        ...buttons,
      };
    case "contact":
      return {
        text: t(locale, "askContact", { report: isReport(draft, directory), consultation }),
        ...buttons,
      };
    case "contact_name": {
      const phone = draft.contact?.kind === "named" ? draft.contact.phone : "";
      return { text: t(locale, "askName", { phone }), ...buttons };
    }
    case "summary":
      return { text: t(locale, "summary", summaryView(draft, directory, locale)), ...buttons };
    case "edit":
      return { text: t(locale, "askEditField"), ...buttons };
  }
}
