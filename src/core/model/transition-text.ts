// A transition table row's full-word texts (event, guard, action, note) in a language: English
// from the row itself (transitions.ts), another language from its table of words
// (transitions.zh-cn.ts). What shows a row's words to a user asks here, so no view picks a
// language's words on its own. Pure.
import type { Locale } from './locales';
import type { RowText, Transition } from './transition-types';
import type { RowId } from './transitions';
import { TRANSITION_TEXT_ZH_CN } from './transitions.zh-cn';

/** Each language but English (whose words are the table's own): its words for every row. */
const TRANSLATED: Readonly<Record<Exclude<Locale, 'en'>, Readonly<Record<RowId, RowText>>>> = {
  'zh-cn': TRANSITION_TEXT_ZH_CN,
};

/** The words of `row` in `locale`: a guard and a note only where the row has one. */
export function rowText(row: Transition, locale: Locale): RowText {
  if (locale !== 'en') return TRANSLATED[locale][row.id];
  return {
    event: row.event,
    ...(row.guard !== undefined ? { guard: row.guard } : {}),
    action: row.action,
    ...(row.note !== undefined ? { note: row.note } : {}),
  };
}
