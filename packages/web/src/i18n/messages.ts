import type { en } from "./locales/en";

/** The key tree every language must fill; English defines it. */
export type Messages = typeof en;

type PluralBase<K> = K extends `${infer Base}_one` ? Base : never;

/**
 * Russian has four plural forms where English has two: for every `x_one` key Russian also needs
 * `x_few` and `x_many` (i18next picks the form with Intl.PluralRules).
 */
export type RussianMessages<T = Messages> = {
  [K in keyof T]: T[K] extends string ? string : RussianMessages<T[K]>;
} & {
  [K in keyof T as PluralBase<K> extends never ? never : `${PluralBase<K>}_few` | `${PluralBase<K>}_many`]: string;
};
