// The few fixed phrases of an explanation, in the languages the explanations are written in.
// The core cannot use `vscode.l10n` (the CLI shares it), so the table lives here. Pure: no `vscode`.

export const LOCALES = ['en', 'zh-cn'] as const;
export type Locale = (typeof LOCALES)[number];

/** Maps a VS Code / POSIX locale tag ('zh-CN', 'zh_CN.UTF-8', 'zh-hans') to one we have. */
export function toLocale(tag: string | undefined): Locale {
  const lower = (tag ?? '').toLowerCase().replace('_', '-');
  return lower.startsWith('zh') ? 'zh-cn' : 'en';
}

export interface Phrases {
  readonly rfcName: string;
  readonly spellingOf: (source: string, rfcState: string) => string;
  readonly rfcSpelling: string;
  readonly alsoUsedBy: string;
  readonly platformOnly: (platform: string) => string;
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

export const PHRASES: Readonly<Record<Locale, Phrases>> = {
  en: {
    rfcName: 'RFC 9293',
    spellingOf: (source, rfcState) => `${source} spelling of RFC ${rfcState}`,
    rfcSpelling: 'RFC 9293 name',
    alsoUsedBy: 'also used by',
    platformOnly: (platform) => `platform-only state (${platform}); RFC 9293 has no such state`,
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
    rfcName: 'RFC 9293',
    spellingOf: (source, rfcState) => `${source} 的写法,即 RFC 的 ${rfcState}`,
    rfcSpelling: 'RFC 9293 标准名称',
    alsoUsedBy: '同样写法还见于',
    platformOnly: (platform) => `平台特有状态(${platform}),RFC 9293 中没有这个状态`,
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
