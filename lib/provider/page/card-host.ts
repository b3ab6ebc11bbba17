/**
 * The one element of the card in the page's DOM, and the page can touch it: restyle it (opacity 0,
 * display none, an off-screen transform), give it attributes (hidden, inert), move it into a hidden box
 * or remove it. A MutationObserver in our isolated world sees each such change (the DOM is shared) and
 * puts the host back before the next frame; the card then says the page tried to hide it.
 */

/** Fixed box: its size is the same for every preview (a page can measure the host, never its content). */
export const HOST_STYLE = [
  'all:initial',
  'position:fixed',
  'top:12px',
  'right:12px',
  'z-index:2147483647',
  'display:block',
  'pointer-events:none',
  'box-sizing:border-box',
  'width:340px',
  'max-width:calc(100vw - 24px)',
  'height:300px',
  'max-height:calc(100vh - 24px)',
  'overflow:hidden',
  'contain:strict',
]
  .map((declaration) => `${declaration}!important`)
  .join(';');

/**
 * Puts the host back as Ballast placed it: our style attribute only, a child of the document element.
 * True when something had to be put back (the page touched it).
 */
export function restoreHost(doc: Document, host: HTMLElement): boolean {
  let changed = false;
  if (host.getAttribute('style') !== HOST_STYLE) {
    host.setAttribute('style', HOST_STYLE);
    changed = true;
  }
  for (const name of host.getAttributeNames()) {
    if (name === 'style') continue;
    host.removeAttribute(name); // hidden, inert, popover, a class a page stylesheet targets…
    changed = true;
  }
  const parent = doc.documentElement;
  if (parent && host.parentNode !== parent) {
    parent.appendChild(host);
    changed = true;
  }
  return changed;
}

/** Watches the host and its place; `onTamper` runs after a change by the page was undone. */
export function guardHost(doc: Document, host: HTMLElement, onTamper: () => void) {
  const observer = new MutationObserver(() => {
    // Our own repairs come back here as records too; the comparison in restoreHost makes them no-ops.
    if (restoreHost(doc, host)) onTamper();
    // A replaced document element is watched from now on.
    if (doc.documentElement) observer.observe(doc.documentElement, { childList: true });
  });
  observer.observe(host, { attributes: true });
  observer.observe(doc, { childList: true });
  if (doc.documentElement) observer.observe(doc.documentElement, { childList: true });
  return { stop: () => observer.disconnect() };
}
