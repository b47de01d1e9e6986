import type { TFunction } from "i18next";
import type { Level } from "@conveyor/contracts";

/** "L1 → L2"; Persian says it in words ("از L1 به L2"): an arrow would point the wrong way in a right-to-left line. */
export const levelPair = (t: TFunction, from: Level, to: Level): string => t("handover.levels", { from, to });

/**
 * A name or comment set inside a translated sentence, isolated (U+2068 … U+2069) so a Latin or
 * Cyrillic name in a Persian line keeps its punctuation where it belongs, and the other way round.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
