// @ts-check
// What a member of staff was doing when their session ran out (12 hours, or signed out
// elsewhere): the page they were on and the words typed in an open dialog, kept in this tab
// (sessionStorage) while they sign in again, so that nothing typed is lost. Given back to the
// same member only: another who signs in on this browser gets neither.

const KEY = "console.resume";

/**
 * @typedef {Record<string, string>} Draft a dialog's fields by name
 * @typedef {{ staffId: string | null, path: string, expired: boolean, drafts: Record<string, Draft> }} Resume
 */

/** @returns {Resume | null} */
function kept() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? "null");
  } catch {
    return null;
  }
}

/** @param {Resume | null} resume */
function keep(resume) {
  if (resume) sessionStorage.setItem(KEY, JSON.stringify(resume));
  else sessionStorage.removeItem(KEY);
}

/** The fields of a dialog whose words are kept: what was typed or chosen, never a file. */
const FIELDS = "textarea[name], select[name], input[name]:not([type=file]):not([type=password])";

/**
 * Keeps the page and the open dialogs' words of member `staffId`, whose session the server no longer
 * knows, and closes the dialogs (the sign-in page comes next). A second refusal of the same
 * moment (another request of the page) adds to what the first kept.
 * @param {string | null} staffId
 */
export function keepWorkOnExpiry(staffId) {
  const path = location.pathname + location.search;
  const before = kept();
  /** @type {Record<string, Draft>} */
  const drafts = before && before.path === path && before.staffId === staffId ? before.drafts : {};
  for (const box of document.querySelectorAll("dialog[open]")) {
    /** @type {Draft} */
    const draft = {};
    for (const field of box.querySelectorAll(FIELDS)) {
      const input = /** @type {HTMLInputElement} */ (field);
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) continue;
      draft[input.name] = input.value;
    }
    drafts[box.querySelector("h2")?.textContent ?? ""] = draft;
    /** @type {HTMLDialogElement} */ (box).close();
  }
  keep({ staffId, path, expired: true, drafts });
}

/** Keeps the page asked for by someone not signed in (a link to a case), to open after. */
export function keepPageForSignIn() {
  const path = location.pathname + location.search;
  if (path.startsWith("/console/") && path !== "/console/sign-in" && !kept()?.expired)
    keep({ staffId: null, path, expired: false, drafts: {} });
}

/** Whether the sign-in page is shown because a session ran out (it says so). */
export function sessionExpired() {
  return kept()?.expired === true;
}

/**
 * The page to open once member `staffId` has signed in (null: their home); what was typed stays
 * kept for them alone until its dialog opens again.
 * @param {string} staffId
 */
export function pageAfterSignIn(staffId) {
  const resume = kept();
  if (!resume) return null;
  const theirs = resume.staffId === null || resume.staffId === staffId;
  keep(
    theirs && Object.keys(resume.drafts).length > 0 ? { ...resume, staffId, expired: false } : null,
  );
  return theirs ? resume.path : null;
}

/**
 * The words kept of dialog `title` on this page, handed over once (then forgotten); null when
 * none are kept.
 * @param {string} title
 * @param {string | null} staffId the member signed in now
 * @returns {Draft | null}
 */
export function takeDraft(title, staffId) {
  const resume = kept();
  const path = location.pathname + location.search;
  if (!resume || resume.expired || resume.path !== path || resume.staffId !== staffId) return null;
  const draft = resume.drafts[title];
  if (!draft) return null;
  const { [title]: _taken, ...rest } = resume.drafts;
  keep(Object.keys(rest).length > 0 ? { ...resume, drafts: rest } : null);
  return draft;
}

/**
 * Puts a kept draft back into the fields of `form`.
 * @param {HTMLFormElement} form
 * @param {Draft} draft
 */
export function fillDraft(form, draft) {
  for (const field of form.querySelectorAll(FIELDS)) {
    const input = /** @type {HTMLInputElement} */ (field);
    if (!(input.name in draft)) continue;
    if (input.type === "radio" || input.type === "checkbox")
      input.checked = draft[input.name] === input.value;
    else input.value = draft[input.name] ?? "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
}
