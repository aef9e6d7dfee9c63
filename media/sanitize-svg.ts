// Every SVG our webviews show goes through here before it enters the page: Mermaid's output, the
// laid-out SVGs the extension keeps in its cache file (anyone who can write that file, or a webview
// that posts `cacheSvg`, chooses that text) and the SVG the VSIX ships. The page's CSP already
// stops scripts, but markup that is not script did harm when it went in by `innerHTML`: a
// `<meta http-equiv=refresh>` navigated the frame, a `<form>` submitted, elements with the page's
// own ids (`narration`, `states`) took their place, a `<style>` restyled the whole panel.
//
// Why our own and not DOMPurify (which Mermaid carries): DOMPurify is only a dependency of the
// mermaid package here (not declared by us, so not pinned), it would add 29 KB minified to each of
// the four webview scripts, which go inline into every page (a first open parses them), and what
// we need beyond it (ids rewritten per insertion, style rules scoped to the SVG, no URL but `#id`)
// would be hooks of ours anyway. This is an allow-list a few KB long, of what Mermaid writes.
//
// How: the text is parsed by DOMParser in an inert document (no scripts run, nothing loads, no
// refresh acts there), as HTML, the way `innerHTML` parsed it before: Mermaid's SVG is serialised
// as HTML (it may carry `&nbsp;`, which an XML parse rejects). The root <svg> is kept and walked;
// anything outside it is dropped, and inside it every element not on the list goes with its
// content (HTML elements, foreignObject, script, image, a, use, animation elements...), every
// attribute not on the list goes (on* handlers), `href` survives only as `#id`, CSS only when it
// names no URL but `url(#id)`. The cleaned nodes themselves are moved into the page: they are never
// serialised and parsed again, the round trip where mutation XSS lives.
//
// Ids: each insertion gets its own prefix, put before every id and every reference to one
// (`url(#…)`, `href="#…"`, aria IDREFs, `#id` in the SVG's style rules), so the SVG can neither
// take an id of the page nor reach one with a reference; the original id stays a suffix, which
// stateOfRenderedNode (`-CLOSED-`) and `path[id*="L_…"]` still find. Style rules are kept only when
// every selector starts at the SVG's root (Mermaid scopes its rules by the root's id): a rule for
// the root itself may set only text and paint properties, so it cannot move, grow or overlay
// the SVG over the page; one for its descendants cannot paint outside it (an inline SVG clips them).
//
// The decisions on names and text are pure functions (unit-tested in Node); sanitizeSvg is the DOM walk.

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Elements kept below the root (names as the HTML parser gives SVG ones): Mermaid's flowchart and sequence output. */
const ELEMENTS: ReadonlySet<string> = new Set([
  'g', 'defs', 'symbol', 'marker', 'style', 'title', 'desc',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan',
  'clipPath', 'linearGradient', 'radialGradient', 'stop',
  'filter', 'feDropShadow', 'feGaussianBlur', 'feOffset', 'feFlood', 'feComposite', 'feMerge', 'feMergeNode', 'feBlend', 'feColorMatrix',
]);

/** Attributes of the elements below the root: geometry, presentation, markers, filters, names. */
const ATTRIBUTES: ReadonlySet<string> = new Set([
  'id', 'class', 'style', 'transform', 'name',
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'd', 'points', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust',
  'fill', 'fill-opacity', 'fill-rule', 'clip-rule', 'clip-path', 'clipPathUnits', 'filter', 'opacity', 'visibility', 'display', 'color',
  'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-opacity',
  'text-anchor', 'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant',
  'letter-spacing', 'word-spacing', 'text-decoration', 'writing-mode',
  'viewBox', 'preserveAspectRatio', 'refX', 'refY', 'markerUnits', 'markerWidth', 'markerHeight', 'orient', 'marker-start', 'marker-mid', 'marker-end',
  'offset', 'stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform', 'spreadMethod', 'fx', 'fy', 'fr',
  'filterUnits', 'primitiveUnits', 'in', 'in2', 'result', 'stdDeviation', 'flood-color', 'flood-opacity', 'operator', 'k1', 'k2', 'k3', 'k4', 'mode', 'type', 'values', 'edgeMode',
  'href', 'xlink:href',
  ...ariaAttributes(),
]);

/** The root's attributes: its size and names, nothing that moves it, transforms it or paints beyond it. */
const ROOT_ATTRIBUTES: ReadonlySet<string> = new Set(['id', 'class', 'style', 'width', 'height', 'viewBox', 'preserveAspectRatio', 'xmlns', 'xmlns:xlink', ...ariaAttributes()]);

/** Only these ARIA attributes: the others that hold ids (aria-owns, aria-controls…) could reach the page's elements. */
function ariaAttributes(): string[] {
  return ['role', 'aria-label', 'aria-roledescription', 'aria-hidden', 'aria-labelledby', 'aria-describedby'];
}

/** ID reference lists, rewritten like ids. */
const IDREFS: ReadonlySet<string> = new Set(['aria-labelledby', 'aria-describedby']);

/** What a style rule for the root element may set: inherited text and paint, nothing about its box. */
const ROOT_PROPERTIES: ReadonlySet<string> = new Set([
  'font-family', 'font-size', 'font-style', 'font-weight', 'font-variant', 'color', 'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'text-anchor', 'dominant-baseline',
]);

/** A CSS reference to an element of the same document, `url(#id)` quoted or not. */
const LOCAL_URL = /url\(\s*(["']?)#([^"')\s\\]*)\1\s*\)/gi;
/**
 * What, left in CSS text once the local `url(#…)` are taken out, could fetch or reach outside:
 * any other url(), image-set() and friends (they take bare strings as URLs), attr(), an escape
 * (`u\72 l(` is `url(`), a comment (one could hide what precedes a declaration), a custom property
 * declared (var() could carry it anywhere).
 */
const FORBIDDEN_CSS = /url\(|image-set\(|image\(|cross-fade\(|element\(|src\(|attr\(|expression\(|\\|\/\*|(?:^|[{;])\s*--/i;

/** `text` (CSS declarations, a rule, a presentation attribute) with its local references prefixed; undefined when it could fetch or reach out. */
export function cleanCss(text: string, prefix: string): string | undefined {
  const withoutLocal = text.replace(LOCAL_URL, '');
  if (FORBIDDEN_CSS.test(withoutLocal)) return undefined;
  return text.replace(LOCAL_URL, (_match, quote: string, id: string) => `url(${quote}#${prefix}${id}${quote})`);
}

/** Whether an element (below the root) of this local name is kept. */
export function isAllowedElement(localName: string): boolean {
  return ELEMENTS.has(localName);
}

/**
 * An attribute's value as it may stay (ids and references prefixed), or undefined when it goes.
 * `name` is the qualified name the HTML parser gives (`xlink:href`, `viewBox`). `style` is
 * decided by sanitizeSvg (it needs the CSS parser), and then again by cleanCss.
 */
export function cleanAttribute(name: string, value: string, prefix: string, root: boolean): string | undefined {
  const dataAttribute = name.startsWith('data-') && /^data-[a-z0-9_.-]+$/.test(name);
  if (!dataAttribute && !(root ? ROOT_ATTRIBUTES : ATTRIBUTES).has(name)) return undefined;
  if (dataAttribute || name === 'class' || name === 'name' || name === 'role' || name === 'aria-label' || name === 'aria-roledescription' || name === 'aria-hidden') return value;
  if (name === 'id') return value === '' ? undefined : prefix + value;
  if (name === 'href' || name === 'xlink:href') return /^#[^\s"'()\\]+$/.test(value) ? `#${prefix}${value.slice(1)}` : undefined;
  if (IDREFS.has(name)) return value.split(/\s+/).filter(Boolean).map((id) => prefix + id).join(' ');
  if (name === 'xmlns') return value === SVG_NS ? value : undefined;
  if (name === 'xmlns:xlink') return value === XLINK_NS ? value : undefined;
  // Presentation attributes are CSS values: url(#…) prefixed, any other URL refused.
  return /[(\\]/.test(value) ? cleanCss(value, prefix) : value;
}

/** Splits a selector list at its top-level commas (not those in `:is(…)`, `[…]` or strings). */
export function splitSelectors(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '\\') i++;
    else if (c === '"' || c === "'") i = stringEnd(list, i);
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(list.slice(start).trim());
  return parts.filter(Boolean);
}

/** The index of the quote that closes the string opening at `open`. */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === text[open]) return i;
  }
  return text.length;
}

/** `selector` with `prefix` before every id it names (`#a` → `#p-a`): it can then match only ids of this SVG. */
export function prefixIdSelectors(selector: string, prefix: string): string {
  let out = '';
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i] as string;
    if (c === '\\') {
      out += selector.slice(i, i + 2);
      i++;
    } else if (c === '"' || c === "'") {
      const end = stringEnd(selector, i);
      out += selector.slice(i, end + 1);
      i = end;
    } else out += c === '#' ? `#${prefix}` : c;
  }
  return out;
}

/** The CSS identifier starting at `start`, escapes decoded, and where it ends. */
function readIdentifier(text: string, start: number): [string, number] {
  let name = '';
  let i = start;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\') {
      const hex = /^[0-9a-fA-F]{1,6}\s?/.exec(text.slice(i + 1, i + 8));
      if (hex) {
        name += String.fromCodePoint(parseInt(hex[0].trim(), 16));
        i += 1 + hex[0].length;
      } else {
        name += text[i + 1] ?? '';
        i += 2;
      }
    } else if (/[\w-]/.test(c) || c.charCodeAt(0) > 0x7f) {
      name += c;
      i++;
    } else break;
  }
  return [name, i];
}

/**
 * Which elements `selector` (its ids already prefixed) can match: 'root' when its subject is the
 * SVG's root (`#root`, `#root.x`), 'inside' when it is below the root (`#root .node rect`), and
 * undefined when it could match elsewhere: it does not start at the root, or it goes from the
 * root to a sibling (`#root ~ div`).
 */
export function selectorScope(selector: string, rootId: string): 'root' | 'inside' | undefined {
  if (!selector.startsWith('#')) return undefined;
  const [id, afterId] = readIdentifier(selector, 1);
  if (id !== rootId) return undefined;
  // The rest of the first compound selector (`.x`, `:hover`, `[a]`, `:is(…)`), up to its combinator.
  let i = afterId;
  let depth = 0;
  for (; i < selector.length; i++) {
    const c = selector[i] as string;
    if (c === '\\') i++;
    else if (c === '"' || c === "'") i = stringEnd(selector, i);
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && /[\s>+~|]/.test(c)) break;
  }
  const rest = selector.slice(i).trimStart();
  if (rest === '') return 'root';
  return /^[+~|]/.test(rest) ? undefined : 'inside';
}

/** The declarations of `style`, custom properties dropped, checked by cleanCss; only ROOT_PROPERTIES when `root`. */
function declarations(style: CSSStyleDeclaration, prefix: string, root: boolean): string | undefined {
  for (const name of [...style]) if (name.startsWith('--') || (root && !ROOT_PROPERTIES.has(name))) style.removeProperty(name);
  return cleanCss(style.cssText, prefix);
}

/** The text of one of the SVG's <style> elements, rebuilt from the rules that stay inside the SVG. */
function scopedStyle(text: string, rootId: string, prefix: string): string {
  const sheet = new CSSStyleSheet();
  try {
    sheet.replaceSync(text); // ignores @import: nothing is fetched
  } catch {
    return '';
  }
  const kept: string[] = [];
  for (const rule of sheet.cssRules) {
    if (rule instanceof CSSKeyframesRule) {
      const clean = cleanCss(rule.cssText, prefix);
      if (clean !== undefined) kept.push(clean);
      continue;
    }
    // Any other at-rule (@font-face, @media, @layer, @property…) goes; Mermaid writes none.
    if (!(rule instanceof CSSStyleRule)) continue;
    const selectors = splitSelectors(rule.selectorText).map((selector) => prefixIdSelectors(selector, prefix));
    const inside = selectors.filter((selector) => selectorScope(selector, rootId) === 'inside');
    const root = selectors.filter((selector) => selectorScope(selector, rootId) === 'root');
    // Declarations only: rules nested in this one (CSS nesting, `& ~ div`) are never copied.
    const all = inside.length ? declarations(rule.style, prefix, false) : undefined;
    if (all) kept.push(`${inside.join(', ')} { ${all} }`);
    const own = root.length ? declarations(rule.style, prefix, true) : undefined;
    if (own) kept.push(`${root.join(', ')} { ${own} }`);
  }
  const rebuilt = kept.join('\n');
  return staysInside(rebuilt, rootId, kept.length) ? rebuilt : '';
}

/**
 * Whether the rebuilt style text, parsed again as the page will parse it, is what was meant: as
 * many rules, each scoped to the root. A value that serialised into something that ends its block
 * early would show here; then the SVG gets no styles at all rather than a rule that escapes.
 */
function staysInside(text: string, rootId: string, rules: number): boolean {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  if (sheet.cssRules.length !== rules) return false;
  return [...sheet.cssRules].every((rule) => {
    if (rule instanceof CSSKeyframesRule) return true;
    if (!(rule instanceof CSSStyleRule) || rule.cssRules.length > 0) return false;
    const scopes = splitSelectors(rule.selectorText).map((selector) => selectorScope(selector, rootId));
    if (scopes.some((scope) => scope === undefined)) return false;
    return scopes.every((scope) => scope === 'inside') || [...rule.style].every((name) => ROOT_PROPERTIES.has(name));
  });
}

/** Cleans `element`'s attributes in place; `root`: the SVG's own element. */
function cleanAttributes(element: Element, prefix: string, root: boolean): void {
  const attributes = element.attributes;
  // Backwards: a removal shifts only the ones already seen.
  for (let i = attributes.length - 1; i >= 0; i--) {
    const attribute = attributes[i] as Attr;
    const { name, value } = attribute;
    let clean: string | undefined;
    if (name === 'style') {
      // The root keeps only its max-width (Mermaid's): the page sizes it. Any other element's
      // declarations are checked as written, as the CSS parser will read them (no CSSOM: fast).
      const maxWidth = root ? (element as SVGElement).style.maxWidth : '';
      clean = (root ? cleanCss(maxWidth ? `max-width: ${maxWidth};` : '', prefix) : cleanCss(value, prefix)) || undefined;
    } else clean = cleanAttribute(name, value, prefix, root);
    if (clean === undefined) element.removeAttributeNode(attribute);
    else if (clean !== value) attribute.value = clean;
  }
}

/** Walks `parent`'s children: allowed SVG elements stay (cleaned), text stays, anything else goes. */
function cleanChildren(parent: Element, prefix: string): void {
  let node = parent.firstChild;
  while (node) {
    const next = node.nextSibling;
    if (node instanceof Element && node.namespaceURI === SVG_NS && isAllowedElement(node.localName)) {
      cleanAttributes(node, prefix, false);
      cleanChildren(node, prefix);
    } else if (node.nodeType !== Node.TEXT_NODE) node.remove();
    node = next;
  }
}

/**
 * The SVG of `markup`, cleaned and moved into this page's document, every id prefixed by
 * `prefix` (lower case, so no node id, which is upper case, shows in it); undefined when the
 * markup's first element is not an <svg>.
 */
export function sanitizeSvg(markup: string, prefix: string): SVGSVGElement | undefined {
  const inert = new DOMParser().parseFromString(markup, 'text/html');
  const root = inert.body.firstElementChild;
  if (!(root instanceof SVGSVGElement) || root.namespaceURI !== SVG_NS) return undefined;
  cleanAttributes(root, prefix, true);
  if (!root.id) root.id = `${prefix}svg`;
  cleanChildren(root, prefix);
  for (const style of root.querySelectorAll('style')) style.textContent = scopedStyle(style.textContent ?? '', root.id, prefix);
  return document.adoptNode(root);
}
