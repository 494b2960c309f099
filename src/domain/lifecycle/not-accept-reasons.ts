/**
 * The usual reasons for not accepting a matter (不予受理, 《信访工作条例》
 * art. 31–32), each with the channel the citizen is pointed to. A clerk may
 * also type a reason and pick the channel.
 */
import type { OtherChannel } from "./case-status.ts";

export interface NotAcceptReason {
  readonly id: string;
  readonly channel: OtherChannel | null;
  readonly text: { readonly zh: string; readonly en: string };
}

export const NOT_ACCEPT_REASONS: readonly NotAcceptReason[] = [
  {
    id: "litigation",
    channel: "court",
    text: {
      zh: "所反映事项属于民事纠纷或已进入诉讼程序，应当依法通过诉讼途径解决。",
      en: "The matter is a civil dispute or already before a court; it belongs to litigation.",
    },
  },
  {
    id: "labour_arbitration",
    channel: "arbitration",
    text: {
      zh: "所反映事项属于劳动人事争议，应当依法申请劳动人事争议仲裁。",
      en: "The matter is a labour dispute; it belongs to labour arbitration.",
    },
  },
  {
    id: "administrative_review",
    channel: "administrative_review",
    text: {
      zh: "所反映事项系对行政行为不服，应当依法申请行政复议。",
      en: "The matter contests an administrative decision; it belongs to administrative review.",
    },
  },
  {
    id: "discipline",
    channel: "discipline",
    text: {
      zh: "所反映事项涉及公职人员违纪违法，应当向纪检监察机关检举控告。",
      en: "The matter reports misconduct of officials; it belongs to the discipline body.",
    },
  },
  {
    id: "other_procedure",
    channel: "other_procedure",
    text: {
      zh: "所反映事项已经或者依法应当通过其他法定途径解决。",
      en: "The matter has been or must be resolved through another legal procedure.",
    },
  },
  {
    id: "concluded",
    channel: null,
    text: {
      zh: "同一事项已经依法处理完毕（含复查、复核），不再重复受理。",
      en: "The same matter has already been concluded, including review; it is not accepted again.",
    },
  },
];
