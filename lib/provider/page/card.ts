import { guardHost, HOST_STYLE, restoreHost } from './card-host';
import { watchCardVisibility } from './card-visibility';

/**
 * The in-page risk card: plain DOM in a closed shadow root, so no page script can read or restyle it
 * and the content-script bundle stays small (no React). Every string goes in through textContent.
 * Only the card itself takes pointer events, and its buttons ignore clicks the page synthesised.
 *
 * What the page can still see is the host element. Its box is fixed (width and height, the content
 * scrolls inside the shadow root), so measuring the host (getBoundingClientRect, ResizeObserver,
 * scrollHeight) tells the page nothing about the flags. The page can also try to hide the host: its
 * style and place are restored on every change, and a confirming button (Continue) counts only while
 * the card is seen visible (card-visibility.ts).
 */

export type CardFlag = { severity: 'info' | 'warn' | 'danger'; title: string; numbers: Record<string, string> };
export type CardView = {
  heading: string;
  status: string;
  worst?: 'info' | 'warn' | 'danger' | 'none';
  flags: CardFlag[];
  /** `needsVisible`: a click counts only when the card was really visible (the button that lets a request through). */
  buttons: { label: string; primary?: boolean; needsVisible?: boolean; onClick: () => void }[];
};

export const TAMPER_NOTICE = "This page tried to hide Ballast's warning.";
const COVERED_NOTICE = `${TAMPER_NOTICE} Your click did not count: this card was covered or hidden.`;

const COLORS = {
  danger: ['#b91c1c', '#fef2f2'],
  warn: ['#b45309', '#fffbeb'],
  info: ['#1d4ed8', '#eff6ff'],
  none: ['#047857', '#ecfdf5'],
} as const;
const CSS = `:host{all:initial}
.c{all:initial;box-sizing:border-box;display:flex;flex-direction:column;width:100%;height:100%;overflow:hidden;font:13px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111827;background:#fff;border:1px solid #d1d5db;border-left:6px solid var(--w);border-radius:10px;box-shadow:0 8px 24px rgba(0,0,0,.25);padding:10px 12px;pointer-events:auto}
.h{flex:none;font-weight:700;font-size:13px}
.s,.x{flex:none;margin:4px 0;padding:4px 8px;border-radius:6px;font-weight:700;color:var(--w);background:var(--b)}
.x{color:#fff;background:#b91c1c}
ul{flex:1 1 auto;min-height:0;overflow:auto;list-style:none;margin:6px 0 0;padding:0}li{margin:0 0 6px}
.t{font-weight:600}.n{font:11px/1.3 ui-monospace,monospace;color:#374151;word-break:break-all}
.g{font-size:10px;font-weight:700;text-transform:uppercase;padding:1px 5px;border-radius:9px;margin-right:5px;color:#fff}
.r{flex:none;display:flex;gap:8px;justify-content:flex-end;margin-top:8px}
button{all:initial;cursor:pointer;font:600 13px system-ui,sans-serif;padding:6px 12px;border-radius:6px;border:1px solid #6b7280;color:#111827;background:#f9fafb}
button.p{background:#0f766e;border-color:#0f766e;color:#fff}
button[aria-disabled=true]{opacity:.55;cursor:not-allowed}
button:focus-visible{outline:2px solid #2563eb;outline-offset:2px}
@media (prefers-color-scheme:dark){.c{color:#f3f4f6;background:#111827;border-color:#374151}.n{color:#d1d5db}button{color:#f3f4f6;background:#1f2937}}`;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function createCard(doc: Document) {
  let host: HTMLElement | undefined;
  let root: ShadowRoot | undefined;
  let guard: { stop(): void } | undefined;
  let visibility: ReturnType<typeof watchCardVisibility> | undefined;
  let lastView: CardView | undefined;
  let notice: string | undefined;
  let confirmButtons: HTMLButtonElement[] = [];

  /** Marks the confirming buttons inert or live; they are inert until a fresh render was seen visible. */
  function showArmed() {
    const armed = visibility?.confirmable() === true;
    for (const button of confirmButtons) button.setAttribute('aria-disabled', String(!armed));
  }

  /**
   * The page hid or covered the card: say so, and re-render so Continue waits for a fresh, visible card.
   * A covered card also moves to the end of the document: it then paints above a decoy of the same z-index.
   */
  function tampered(text: string, lift = false) {
    notice = text;
    visibility?.rearmLater();
    if (lift && host && doc.documentElement) doc.documentElement.appendChild(host);
    if (lastView) draw(lastView);
  }

  function ensure(): ShadowRoot {
    if (host && root) {
      if (restoreHost(doc, host)) {
        notice = TAMPER_NOTICE;
        visibility?.rearmLater();
      }
      return root;
    }
    const node = doc.createElement('ballast-risk-card');
    node.setAttribute('style', HOST_STYLE);
    root = node.attachShadow({ mode: 'closed' });
    (doc.documentElement ?? doc.body).appendChild(node);
    host = node;
    guard = guardHost(doc, node, () => tampered(TAMPER_NOTICE));
    visibility = watchCardVisibility(doc, node, showArmed);
    return root;
  }

  function draw(view: CardView) {
    const shadow = ensure();
    lastView = view;
    const [accent, soft] = COLORS[view.worst ?? 'none'];
    const box = el(doc, 'div', 'c');
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-label', view.heading);
    box.style.setProperty('--w', view.worst ? accent : '#6b7280');
    box.style.setProperty('--b', view.worst ? soft : '#f3f4f6');
    box.append(el(doc, 'div', 'h', view.heading));
    if (notice) box.append(el(doc, 'div', 'x', notice));
    box.append(el(doc, 'div', 's', view.status));
    const list = el(doc, 'ul');
    for (const flag of view.flags) {
      const item = el(doc, 'li');
      const badge = el(doc, 'span', 'g', flag.severity);
      badge.style.background = COLORS[flag.severity][0];
      const title = el(doc, 'span', 't', flag.title);
      const numbers = el(
        doc,
        'div',
        'n',
        Object.entries(flag.numbers)
          .map(([k, v]) => `${k}: ${v}`)
          .join(' · '),
      );
      item.append(badge, title, numbers);
      list.append(item);
    }
    box.append(list);
    const row = el(doc, 'div', 'r');
    confirmButtons = [];
    for (const b of view.buttons) {
      const button = el(doc, 'button', b.primary ? 'p' : undefined, b.label);
      button.type = 'button';
      if (b.needsVisible) confirmButtons.push(button);
      button.addEventListener('click', (event) => {
        // A page can dispatch synthetic clicks; only the user's own input counts.
        if (!event.isTrusted) return;
        if (b.needsVisible && !visibility?.confirmable()) {
          // Covered or hidden at the click (not merely too soon after a render): tell the user why nothing happened.
          if (visibility?.seenHidden()) tampered(COVERED_NOTICE, true);
          return;
        }
        b.onClick();
      });
      row.append(button);
    }
    box.append(row);
    const style = el(doc, 'style', undefined, CSS);
    shadow.replaceChildren(style, box);
    // A fresh render: Continue waits until this content has been seen visible.
    visibility?.rendered();
    showArmed();
  }

  return {
    render(view: CardView) {
      draw(view);
    },
    remove() {
      guard?.stop();
      visibility?.stop();
      host?.remove();
      host = undefined;
      root = undefined;
      guard = undefined;
      visibility = undefined;
      lastView = undefined;
      notice = undefined;
      confirmButtons = [];
    },
  };
}
