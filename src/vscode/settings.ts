// Reads the extension's settings (`tcpStateLens.*`). Runs in the extension host.
import * as vscode from 'vscode';
import { toLocale, type Locale } from '../core/model/locales';
import { SECTION, SERVED_LANGUAGES } from './contributions';

export interface HoverSettings {
  readonly enabled: boolean;
  readonly languages: readonly string[];
  readonly locale: Locale;
}

export function readHoverSettings(): HoverSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const languages = config.get<unknown>('hover.languages');
  const language = config.get<string>('explanationLanguage', 'auto');
  return {
    enabled: config.get<boolean>('hover.enabled', true),
    // A hand-edited settings.json may hold anything: keep only strings.
    languages: Array.isArray(languages) ? languages.filter((l): l is string => typeof l === 'string' && l.length > 0) : SERVED_LANGUAGES,
    locale: language === 'auto' ? toLocale(vscode.env.language) : toLocale(language),
  };
}
