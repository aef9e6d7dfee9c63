// The languages the explanations are written in, and the few fixed phrases of an explanation.
// The core cannot use `vscode.l10n` (the CLI shares it), so the table lives here. Pure: no `vscode`.
// LOCALES is the one list: the CLI's --lang choices come from it, and every table keyed by
// Locale (Localized<…>) stops compiling until a new language has its entry.
import { RFC_NAME } from './explanation-facts';

export const LOCALES = ['en', 'zh-cn'] as const;
export type Locale = (typeof LOCALES)[number];

/** Something said in every supported language: a missing language is a compile error. */
export type Localized<T> = Readonly<Record<Locale, T>>;

/** The language used when a tag names none of ours. */
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The tag prefix each locale serves: the Chinese explanations serve every zh tag (zh-TW and
 * zh-Hans too, as the setting's description says).
 */
const TAG_PREFIX: Localized<string> = { en: 'en', 'zh-cn': 'zh' };

/** Maps a VS Code / POSIX locale tag ('zh-CN', 'zh_CN.UTF-8', 'zh-hans') to one we have. */
export function toLocale(tag: string | undefined): Locale {
  const lower = (tag ?? '').toLowerCase().replace('_', '-');
  return LOCALES.find((locale) => lower.startsWith(TAG_PREFIX[locale])) ?? DEFAULT_LOCALE;
}

export interface Phrases {
  readonly spellingOf: (source: string, rfcState: string) => string;
  readonly rfcSpelling: string;
  readonly alsoUsedBy: string;
  readonly platformOnly: (platform: string) => string;
  /** Said of a platform-only state, here and in its platform notes. */
  readonly noRfcState: string;
  readonly nearestRfc: string;
  readonly side: string;
  readonly entered: string;
  readonly left: string;
  readonly timers: string;
  readonly noTimers: string;
  readonly pileUp: string;
  readonly settings: string;
  readonly platformNotes: string;
  readonly inspect: string;
  readonly showInDiagram: string;
  readonly notInFigure: string;
}

const NO_RFC_STATE: Localized<string> = {
  en: `${RFC_NAME} has no such state`,
  'zh-cn': `${RFC_NAME} 中没有这个状态`,
};

export const PHRASES: Localized<Phrases> = {
  en: {
    spellingOf: (source, rfcState) => `${source} spelling of RFC ${rfcState}`,
    rfcSpelling: `${RFC_NAME} name`,
    alsoUsedBy: 'also used by',
    platformOnly: (platform) => `platform-only state (${platform}); ${NO_RFC_STATE.en}`,
    noRfcState: NO_RFC_STATE.en,
    nearestRfc: 'closest RFC state',
    side: 'Who is in it',
    entered: 'Entered',
    left: 'Left',
    timers: 'Timers',
    noTimers: 'No protocol timer runs in this state.',
    pileUp: 'Many of them usually means',
    settings: 'Linux settings',
    platformNotes: 'Where implementations differ',
    inspect: 'Look at them',
    showInDiagram: 'Show in diagram',
    notInFigure: 'not drawn in Figure 5',
  },
  'zh-cn': {
    spellingOf: (source, rfcState) => `${source} 的写法,即 RFC 的 ${rfcState}`,
    rfcSpelling: `${RFC_NAME} 标准名称`,
    alsoUsedBy: '同样写法还见于',
    platformOnly: (platform) => `平台特有状态(${platform}),${NO_RFC_STATE['zh-cn']}`,
    noRfcState: NO_RFC_STATE['zh-cn'],
    nearestRfc: '最接近的 RFC 状态',
    side: '哪一方处于此状态',
    entered: '如何进入',
    left: '如何离开',
    timers: '定时器',
    noTimers: '此状态下没有协议定时器。',
    pileUp: '大量出现通常意味着',
    settings: 'Linux 内核参数',
    platformNotes: '各实现的差异',
    inspect: '查看方法',
    showInDiagram: '在状态图中查看',
    notInFigure: 'Figure 5 中未画出',
  },
};
