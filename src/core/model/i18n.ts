// The few fixed phrases of an explanation, in every language of locales.ts. The core cannot use
// `vscode.l10n` (the CLI shares it), so the table lives here. Pure: no `vscode`.
import { RFC_NAME } from './explanation-facts';

export { DEFAULT_LOCALE, isLocale, LOCALES, toLocale, type Locale, type Localized } from './locales';
import type { Localized } from './locales';

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
  /** After a heading on the same line: ': ' in English, '：' in Chinese. */
  readonly colon: string;
  /** Between the items of a list in a sentence: ', ' in English, '、' in Chinese. */
  readonly listSeparator: string;
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
    colon: ': ',
    listSeparator: ', ',
  },
  'zh-cn': {
    spellingOf: (source, rfcState) => `${source} 的写法，即 RFC 的 ${rfcState}`,
    rfcSpelling: `${RFC_NAME} 标准名称`,
    alsoUsedBy: '同样写法还见于',
    platformOnly: (platform) => `平台特有状态（${platform}），${NO_RFC_STATE['zh-cn']}`,
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
    colon: '：',
    listSeparator: '、',
  },
};
