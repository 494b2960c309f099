import { randomInt } from "node:crypto";

/** Six random digits: what a citizen types with the tracking number on the status page. */
export function newQueryCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}
