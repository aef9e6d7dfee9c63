// The extension manifest and what the VSIX ships: lazy activation, Restricted Mode support,
// an engine old enough for users on releases from the last two years, and no sources in the VSIX.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

test('activation is lazy: languages served and the restored panels, never * or onStartupFinished', () => {
  const events: string[] = manifest.activationEvents;
  assert.ok(events.length > 0);
  for (const event of events) assert.match(event, /^(onLanguage:[a-z]+|onWebviewPanel:tcpStateLens\.(diagram|walkthrough|textTimeline|explorer))$/);
  const languages = manifest.contributes.configuration.properties['tcpStateLens.hover.languages'].default;
  const onLanguage = events.filter((e) => e.startsWith('onLanguage:'));
  assert.deepEqual(onLanguage.map((e) => e.slice('onLanguage:'.length)), languages);
});

test('declares Restricted Mode and virtual workspace support', () => {
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(manifest.capabilities.virtualWorkspaces, true);
});

test('engine is no newer than ^1.95.0 and @types/vscode matches it', () => {
  const engine = /^\^1\.(\d+)\.\d+$/.exec(manifest.engines.vscode);
  assert.ok(engine, manifest.engines.vscode);
  assert.ok(Number(engine[1]) <= 95);
  const types = /1\.(\d+)\.\d+/.exec(manifest.devDependencies['@types/vscode']);
  assert.equal(types?.[1], engine[1]);
});

test('every %placeholder% in the manifest has an English and a Chinese string', () => {
  const en = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8'));
  const zh = JSON.parse(readFileSync(join(ROOT, 'package.nls.zh-cn.json'), 'utf8'));
  const keys = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1] as string);
  assert.ok(keys.length > 3);
  for (const key of keys) {
    assert.ok(en[key], `en: ${key}`);
    assert.ok(zh[key], `zh-cn: ${key}`);
  }
});

test('the VSIX ships only the bundle, the manifest strings and the docs', () => {
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const files = result.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
  assert.deepEqual(files, [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'SECURITY.md',
    'ThirdPartyNotices.txt',
    'dist/base.css',
    'dist/diagram.css',
    'dist/explorer-search.js',
    'dist/explorer.css',
    'dist/explorer.js',
    'dist/extension.js',
    'dist/kernel-replay.js',
    'dist/lazy-core.js',
    'dist/mermaid.tiny.js',
    'dist/timeline-core.js',
    'dist/timeline.css',
    'dist/timeline.js',
    'dist/walkthrough.css',
    'dist/walkthrough.js',
    'dist/web/explorer-search.js',
    'dist/web/extension.js',
    'dist/webview.js',
    'l10n/bundle.l10n.zh-cn.json',
    'l10n/bundle.l10n.zh-tw.json',
    'media/getting-started/capture.png',
    'media/getting-started/census.png',
    'media/getting-started/diagram.png',
    'media/getting-started/hover.png',
    'media/getting-started/walkthrough.png',
    'media/icon.png',
    'package.json',
    'package.nls.json',
    'package.nls.zh-cn.json',
    'package.nls.zh-tw.json',
    'samples/handshake-teardown.pcap',
    'samples/ss-tan-close-wait.log',
  ]);
});

// package.json cannot import the contributions module, so it is held against it here: a command,
// view type, context key, language or `when` clause changed in one and not the other fails.
test('package.json contributes exactly what src/vscode/contributions.ts names', async () => {
  const { COMMANDS, CONTEXT_KEYS, SERVED_LANGUAGES, STEP_COMMANDS, VIEW_TYPES, WALKTHROUGH_KEYS_WHEN, SECTION } = await import('../../src/vscode/contributions');
  const contributes = manifest.contributes;
  assert.deepEqual(new Set(contributes.commands.map((c: { command: string }) => c.command)), new Set(Object.values(COMMANDS)));
  assert.deepEqual(manifest.activationEvents, [
    ...SERVED_LANGUAGES.map((language) => `onLanguage:${language}`),
    ...Object.values(VIEW_TYPES).map((view) => `onWebviewPanel:${view}`),
  ]);
  assert.deepEqual(contributes.configuration.properties[`${SECTION}.hover.languages`].default, [...SERVED_LANGUAGES]);
  for (const key of Object.keys(contributes.configuration.properties)) assert.ok(key.startsWith(`${SECTION}.`), key);
  const keys: { command: string; when: string }[] = contributes.keybindings;
  assert.ok(keys.length > 0);
  for (const binding of keys) {
    assert.equal(binding.when, WALKTHROUGH_KEYS_WHEN, binding.command);
    assert.ok(Object.values(COMMANDS).includes(binding.command as never), binding.command);
  }
  for (const command of contributes.commands as { command: string; enablement?: string }[]) {
    const isStep = (Object.values(STEP_COMMANDS) as string[]).includes(command.command);
    assert.equal(command.enablement, isStep ? CONTEXT_KEYS.walkthroughOpen : undefined, command.command);
  }
});

test('"Count States" is in the editor title and context menus of logs and plain text and the explorer\'s of dump files, each with its one when clause', async () => {
  const { COMMANDS, COUNT_STATES_WHEN } = await import('../../src/vscode/contributions');
  for (const menu of ['editor/title', 'editor/context']) {
    const entries = (manifest.contributes.menus[menu] as { command: string; when: string }[]).filter((e) => e.command === COMMANDS.countStates);
    assert.equal(entries.length, 1, menu);
    assert.equal(entries[0]!.when, COUNT_STATES_WHEN, menu);
  }
  // And on a dump file in the explorer, open or not (the command streams it from disk).
  const { COUNT_FILE_WHEN } = await import('../../src/vscode/contributions');
  const explorer = (manifest.contributes.menus['explorer/context'] as { command: string; when: string }[]).filter((e) => e.command === COMMANDS.countStates);
  assert.equal(explorer.length, 1);
  assert.equal(explorer[0]!.when, COUNT_FILE_WHEN);
});

test('"TCP Connections" is one Explorer view, hidden in virtual workspaces, with its buttons, palette entries and setting', async () => {
  const { COMMANDS, CONNECTIONS_PALETTE_WHEN, CONNECTIONS_REFRESH_SETTING, CONNECTIONS_TITLE_WHEN, CONNECTIONS_VIEW_WHEN, CONTEXT_KEYS, SECTION, VIEWS } = await import('../../src/vscode/contributions');
  const { views, menus, commands, configuration } = manifest.contributes;
  // Every tree view we contribute is named in VIEWS, and this one lives in the Explorer.
  const all = Object.values(views as Record<string, { id: string }[]>).flat().map((v) => v.id);
  assert.deepEqual(all, Object.values(VIEWS));
  const [view] = views.explorer as { id: string; name: string; when: string }[];
  assert.equal(view!.id, VIEWS.connections);
  assert.equal(view!.name, '%view.connections%');
  assert.equal(view!.when, CONNECTIONS_VIEW_WHEN);
  assert.match(view!.when, /!virtualWorkspace/);
  // The view's own buttons, each with its icon, only on its title bar.
  const buttons = [
    [COMMANDS.connectionsRefresh, '$(refresh)'],
    [COMMANDS.connectionsShowOnDiagram, '$(type-hierarchy)'],
  ] as const;
  const title = menus['view/title'] as { command: string; when: string; group: string }[];
  const palette = menus.commandPalette as { command: string; when: string }[];
  for (const [command, icon] of buttons) {
    assert.equal((commands as { command: string; icon?: string }[]).find((c) => c.command === command)?.icon, icon, command);
    assert.deepEqual(title.filter((e) => e.command === command).map((e) => [e.when, e.group]), [[CONNECTIONS_TITLE_WHEN, 'navigation']], command);
    assert.deepEqual(palette.filter((e) => e.command === command).map((e) => e.when), [CONNECTIONS_PALETTE_WHEN], command);
  }
  assert.equal(CONNECTIONS_TITLE_WHEN, `view == ${VIEWS.connections}`);
  assert.equal(CONNECTIONS_PALETTE_WHEN, CONTEXT_KEYS.connectionsAvailable);
  // The interval: a number of seconds, off by default, never negative.
  const setting = configuration.properties[`${SECTION}.${CONNECTIONS_REFRESH_SETTING}`];
  assert.ok(setting, `${SECTION}.${CONNECTIONS_REFRESH_SETTING}`);
  assert.equal(setting.type, 'number');
  assert.equal(setting.default, 0);
  assert.equal(setting.minimum, 0);
  assert.match(setting.description, /^%config\.connections\.refreshSeconds%$/);
});

// The Getting Started walkthrough (contributes.walkthroughs): each step's strings, image, button
// and completion event, held to what the extension contributes and does.
test('the Getting Started walkthrough: every step has its strings in both languages, an image that ships, one button and a completion event we raise', async () => {
  const { COMMANDS, CONTEXT_KEYS, SAMPLE_ACTIONS, SAMPLES, WALKTHROUGH_ID } = await import('../../src/vscode/contributions');
  const en = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8'));
  const zh = JSON.parse(readFileSync(join(ROOT, 'package.nls.zh-cn.json'), 'utf8'));
  const walkthroughs = manifest.contributes.walkthroughs as { id: string; title: string; description: string; steps: Step[] }[];
  interface Step { id: string; title: string; description: string; media: { image: string; altText: string }; completionEvents: string[] }
  assert.equal(walkthroughs.length, 1);
  const [walkthrough] = walkthroughs;
  assert.equal(walkthrough!.id, WALKTHROUGH_ID);
  const nlsKey = (value: string): string => {
    const match = /^%([^%]+)%$/.exec(value);
    assert.ok(match, `${value} is not a %key%`);
    return match[1]!;
  };
  for (const value of [walkthrough!.title, walkthrough!.description]) {
    assert.ok(en[nlsKey(value)], value);
    assert.ok(zh[nlsKey(value)], value);
  }
  const shipped: string[] = manifest.files;
  const commands = new Set(Object.values(COMMANDS) as string[]);
  // A context key counts only if the extension sets it: stepDone(CONTEXT_KEYS.x) somewhere in src/vscode.
  const sources = ['hover-provider.ts', 'census-message.ts', 'timeline-view.ts'].map((f) => readFileSync(join(ROOT, 'src', 'vscode', f), 'utf8')).join('\n');
  const setKeys = new Set([...sources.matchAll(/stepDone\(CONTEXT_KEYS\.(\w+)\)/g)].map((m) => CONTEXT_KEYS[m[1] as keyof typeof CONTEXT_KEYS]));
  assert.equal(walkthrough!.steps.length, 5);
  for (const step of walkthrough!.steps) {
    for (const value of [step.title, step.description, step.media.altText]) {
      assert.ok(en[nlsKey(value)], `en: ${value}`);
      assert.ok(zh[nlsKey(value)], `zh-cn: ${value}`);
    }
    // The image: a PNG that exists, ships in the VSIX and is small.
    const image = step.media.image;
    assert.match(image, /^media\/getting-started\/[\w-]+\.png$/, step.id);
    assert.ok(existsSync(join(ROOT, image)), `${step.id}: ${image} does not exist`);
    assert.ok(shipped.includes(image), `${step.id}: ${image} is not in package.json's files`);
    const png = readFileSync(join(ROOT, image));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', image);
    assert.ok(png.length < 120_000, `${image} is ${png.length} bytes`);
    // One button (a line that is only a command link), the same command and arguments in both languages.
    const buttons = (text: string): string[] => text.split('\n').flatMap((line) => /^\[[^\]]+\]\((command:[^)\s]+)\)$/.exec(line.trim())?.[1] ?? []);
    const enButtons = buttons(en[nlsKey(step.description)]);
    assert.equal(enButtons.length, 1, `${step.id}: ${enButtons.join(', ')}`);
    assert.deepEqual(buttons(zh[nlsKey(step.description)]), enButtons, step.id);
    const link = /^command:(?:toSide:)?([\w.]+)(?:\?(.*))?$/.exec(enButtons[0]!);
    assert.ok(link, enButtons[0]);
    const [, command, query] = link;
    assert.ok(commands.has(command!), `${step.id}: the button runs ${command}, which is not contributed`);
    const args: unknown = query ? JSON.parse(decodeURIComponent(query)) : [];
    assert.ok(Array.isArray(args), enButtons[0]);
    if (command === COMMANDS.openSample) {
      assert.ok(Object.hasOwn(SAMPLES, args[0] as string), `${step.id}: no sample ${String(args[0])}`);
      if (args.length > 1) assert.ok((SAMPLE_ACTIONS as readonly string[]).includes(args[1] as string), `${step.id}: no action ${String(args[1])}`);
    } else assert.deepEqual(args, [], step.id);
    // Completed by its button's command, or by a context key the extension sets when the step's thing happened.
    assert.ok(step.completionEvents.length > 0, step.id);
    for (const event of step.completionEvents) {
      const [kind, name] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
      if (kind === 'onCommand') assert.ok(commands.has(name), `${step.id}: ${event}`);
      else if (kind === 'onContext') assert.ok(setKeys.has(name as never), `${step.id}: ${event} is not a context key the extension sets`);
      else assert.fail(`${step.id}: ${event}`);
    }
    // A step opening a sample is not done by the click alone: it waits for what the sample shows.
    if (command === COMMANDS.openSample) assert.ok(step.completionEvents.every((e) => e.startsWith('onContext:')), step.id);
  }
  // The samples exist and ship.
  for (const path of Object.values(SAMPLES)) {
    assert.ok(existsSync(join(ROOT, path)), path);
    assert.ok(shipped.includes(path), `${path} is not in package.json's files`);
  }
});
