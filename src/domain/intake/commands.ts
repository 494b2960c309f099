/**
 * Slash commands (/start, /help, /cancel, /mycases, /status, /lang, /new), the language, and
 * filing started from the menu.
 */
import type { Locale } from "../../i18n/catalog.ts";
import { languageButtons, menuButtons } from "./prompts.ts";
import { writtenLanguage } from "./text-quality.ts";
import { showCase, showCases } from "./case-list.ts";
import { startDraft } from "./draft-lifecycle.ts";
import type { Turn } from "./turn.ts";

// ---------------------------------------------------------------- commands

export async function onCommand(turn: Turn, name: string, args: string): Promise<void> {
  const { s } = turn;
  switch (name) {
    case "start":
      if (!s.draft) {
        s.pending = null;
        turn.say({
          text: turn.tr("welcome", turn.deps.directory),
          choices: menuButtons(turn.locale),
        });
        return;
      }
      turn.say({ text: turn.tr("welcome", turn.deps.directory) });
      turn.say({ text: turn.tr("draftInProgress") });
      return turn.reask();
    case "help": {
      const help = turn.tr(turn.surface === "web_page" ? "pageHelp" : "help");
      turn.say(s.draft ? { text: help } : { text: help, choices: menuButtons(turn.locale) });
      if (s.draft) turn.reask();
      return;
    }
    case "cancel":
      if (!s.draft) {
        s.pending = null;
        turn.say({ text: turn.tr("nothingToCancel"), choices: menuButtons(turn.locale) });
        return;
      }
      s.pending = { kind: "cancel" };
      return turn.reask();
    case "mycases":
    case "cases":
      await showCases(turn);
      if (s.draft) turn.reask();
      return;
    case "status":
      if (args === "") {
        turn.say({ text: turn.tr("statusUsage") });
        await showCases(turn);
      } else {
        await showCase(turn, args);
      }
      if (s.draft) turn.reask();
      return;
    case "lang":
    case "language": {
      const wanted = languageFrom(args);
      if (wanted) return setLocale(turn, wanted);
      turn.say({ text: turn.tr("langPrompt"), choices: languageButtons() });
      return;
    }
    case "new":
    case "complain":
      return startFromMenu(turn);
    default:
      turn.say({ text: turn.tr("unknownCommand", { name: name.slice(0, 32) }) });
      return turn.reask();
  }
}

function languageFrom(args: string): Locale | null {
  const value = args.trim().toLowerCase();
  if (/^(?:zh|cn|中文|汉语|chinese|zh-cn|简体)$/u.test(value)) return "zh";
  if (/^(?:en|english|英文|英语)$/u.test(value)) return "en";
  return null;
}

export function setLocale(turn: Turn, locale: Locale): void {
  turn.s.locale = locale;
  turn.s.localeChosen = true;
  turn.say({ text: turn.tr("langSet") });
  if (turn.isFiling()) turn.reask();
  else turn.say({ text: turn.tr("idleHint"), choices: menuButtons(locale) });
}

/**
 * Until the citizen chooses a language, replies follow the one they write in: a foreign
 * resident who writes English is answered in English from that message on (told how to
 * switch back), and Chinese brings Chinese back.
 */
export function followWrittenLanguage(turn: Turn, text: string): void {
  const written = writtenLanguage(text);
  if (turn.s.localeChosen || written === null || written === turn.s.locale) return;
  turn.s.locale = written;
  turn.say({ text: turn.tr("langFollowed", { commands: turn.surface === "chat_app" }) });
}

export function startFromMenu(turn: Turn): void {
  if (turn.s.draft) {
    turn.say({ text: turn.tr("draftInProgress") });
    return turn.reask();
  }
  startDraft(turn);
  turn.ask("description");
}
