/**
 * Whether the in-page card is really in front of the user, for the one button that lets a request
 * through (Continue in guard mode). A page cannot restyle the host for long (card.ts restores it), but
 * it can cover the card with a decoy, even one the clicks pass through (pointer-events: none), or fade,
 * clip or move an ancestor. Two checks, both at the click:
 *
 * - IntersectionObserver v2 (`trackVisibility`, Chromium): the browser itself reports whether the host
 *   is unoccluded, unclipped, untransformed and fully opaque. It reports at most every `delay` ms, so
 *   after every render Continue waits for a fresh "visible" report of that render.
 * - Computed styles of the host and its ancestors, and the host's box inside the viewport: this covers
 *   the moment before the next report, and browsers without v2 (Firefox), where a decoy on top is
 *   NOT detected.
 */

/** How long Continue stays inert after the page was caught hiding the card: the user gets to read why. */
export const REARM_AFTER_TAMPER_MS = 1000;
/** IntersectionObserver v2 reports at most this often (100 ms is its minimum). */
const VISIBILITY_DELAY_MS = 100;

type V2Entry = IntersectionObserverEntry & { isVisible?: boolean };
type V2Init = IntersectionObserverInit & { trackVisibility: boolean; delay: number };

/** threshold 1: the whole card, not a sliver of it, must be in view. */
const V2_OPTIONS: V2Init = { threshold: 1, trackVisibility: true, delay: VISIBILITY_DELAY_MS };

const tracksVisibility = () => typeof IntersectionObserverEntry === 'function' && 'isVisible' in IntersectionObserverEntry.prototype;

function styleLooksVisible(doc: Document, host: HTMLElement): boolean {
  const view = doc.defaultView;
  if (!view || !host.isConnected) return false;
  const own = view.getComputedStyle(host);
  if (own.display === 'none' || own.visibility !== 'visible' || own.opacity !== '1') return false;
  for (let node = host.parentElement; node; node = node.parentElement) {
    const s = view.getComputedStyle(node);
    if (s.display === 'none' || s.opacity !== '1' || s.filter !== 'none' || s.clipPath !== 'none' || s.transform !== 'none') return false;
    if (s.maskImage !== 'none' || s.contentVisibility === 'hidden') return false;
  }
  const box = host.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= view.innerHeight && box.right <= view.innerWidth;
}

export function watchCardVisibility(doc: Document, host: HTMLElement, onChange: () => void) {
  const tracks = tracksVisibility();
  let observer: IntersectionObserver | undefined;
  /** What the browser last reported for the current render; 'unknown' until its first report. */
  let reported: 'unknown' | 'visible' | 'hidden' = 'unknown';
  let notBefore = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function observeFresh() {
    observer?.disconnect();
    reported = 'unknown';
    if (!tracks) return;
    const current = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1] as V2Entry | undefined;
      if (current !== observer || !last) return;
      reported = last.isVisible === true ? 'visible' : 'hidden';
      onChange();
    }, V2_OPTIONS);
    observer = current;
    current.observe(host);
  }

  return {
    /** The card's content changed: Continue waits for the browser to see this render visible. */
    rendered: observeFresh,
    /** Continue may act now. */
    confirmable(): boolean {
      if (performance.now() < notBefore) return false;
      if (tracks && reported !== 'visible') return false;
      return styleLooksVisible(doc, host);
    },
    /** The card was hidden or covered (not merely waiting for its first report). */
    seenHidden(): boolean {
      return reported === 'hidden' || !styleLooksVisible(doc, host);
    },
    /** The page was caught hiding the card: Continue stays inert for a while, whatever is reported. */
    rearmLater() {
      notBefore = performance.now() + REARM_AFTER_TAMPER_MS;
      clearTimeout(timer);
      timer = setTimeout(onChange, REARM_AFTER_TAMPER_MS + 1);
    },
    stop() {
      observer?.disconnect();
      observer = undefined;
      clearTimeout(timer);
    },
  };
}
