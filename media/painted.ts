// When what a webview drew has reached the screen. The benchmark (scripts/bench-vscode.mjs)
// reads `data-painted-at` off the body, so a panel's first open is timed to its first paint even
// when the page's thread is busy right after it (the walkthrough then loads Mermaid, and a test
// that asks the page for its DOM waits for that, not for the paint a person sees).

/** Resolves once what is on the page has been painted (or after 100 ms, as a hidden page paints nothing). */
export function painted(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
}

/** Records, once per page, the wall-clock time (ms since the epoch) of the first paint of its content. */
export function markFirstPaint(): void {
  if (document.body.dataset.paintedAt) return;
  requestAnimationFrame(() =>
    setTimeout(() => {
      document.body.dataset.paintedAt ??= String(performance.timeOrigin + performance.now());
    }, 0),
  );
}
