/**
 * The in-page risk card: plain DOM in a closed shadow root, so no page script can read or restyle it
 * and the content-script bundle stays small (no React). Every string goes in through textContent.
 * Only the card's own buttons take pointer events, and they ignore clicks the page synthesised.
 */

export type CardFlag = { severity: 'info' | 'warn' | 'danger'; title: string; numbers: Record<string, string> };
export type CardView = {
  heading: string;
  status: string;
  worst?: 'info' | 'warn' | 'danger' | 'none';
  flags: CardFlag[];
  buttons: { label: string; primary?: boolean; onClick: () => void }[];
};

const COLORS = {
  danger: ['#b91c1c', '#fef2f2'],
  warn: ['#b45309', '#fffbeb'],
  info: ['#1d4ed8', '#eff6ff'],
  none: ['#047857', '#ecfdf5'],
} as const;
const HOST_STYLE =
  'all:initial!important;position:fixed!important;top:12px!important;right:12px!important;z-index:2147483647!important;display:block!important;pointer-events:none!important;width:340px!important;max-width:calc(100vw - 24px)!important';
const CSS = `:host{all:initial}
.c{all:initial;display:block;box-sizing:border-box;font:13px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111827;background:#fff;border:1px solid #d1d5db;border-left:6px solid var(--w);border-radius:10px;box-shadow:0 8px 24px rgba(0,0,0,.25);padding:10px 12px;pointer-events:none}
.h{display:flex;justify-content:space-between;gap:8px;font-weight:700;font-size:13px}
.s{margin:4px 0;padding:4px 8px;border-radius:6px;font-weight:700;color:var(--w);background:var(--b)}
ul{list-style:none;margin:6px 0 0;padding:0}li{margin:0 0 6px}
.t{font-weight:600}.n{font:11px/1.3 ui-monospace,monospace;color:#374151;word-break:break-all}
.g{font-size:10px;font-weight:700;text-transform:uppercase;padding:1px 5px;border-radius:9px;margin-right:5px;color:#fff}
.r{display:flex;gap:8px;justify-content:flex-end;margin-top:8px}
button{all:initial;pointer-events:auto;cursor:pointer;font:600 13px system-ui,sans-serif;padding:6px 12px;border-radius:6px;border:1px solid #6b7280;color:#111827;background:#f9fafb}
button.p{background:#0f766e;border-color:#0f766e;color:#fff}
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

  function ensure(): ShadowRoot {
    if (host?.isConnected && root) return root;
    host = doc.createElement('ballast-risk-card');
    host.setAttribute('style', HOST_STYLE);
    root = host.attachShadow({ mode: 'closed' });
    (doc.documentElement ?? doc.body).appendChild(host);
    return root;
  }

  return {
    render(view: CardView) {
      const shadow = ensure();
      const [accent, soft] = COLORS[view.worst ?? 'none'];
      const box = el(doc, 'div', 'c');
      box.setAttribute('role', 'alertdialog');
      box.setAttribute('aria-label', view.heading);
      box.style.setProperty('--w', view.worst ? accent : '#6b7280');
      box.style.setProperty('--b', view.worst ? soft : '#f3f4f6');
      box.append(el(doc, 'div', 'h', view.heading), el(doc, 'div', 's', view.status));
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
      for (const b of view.buttons) {
        const button = el(doc, 'button', b.primary ? 'p' : undefined, b.label);
        button.type = 'button';
        // A page can dispatch synthetic clicks; only the user's own input counts.
        button.addEventListener('click', (event) => {
          if (event.isTrusted) b.onClick();
        });
        row.append(button);
      }
      box.append(row);
      const style = el(doc, 'style', undefined, CSS);
      shadow.replaceChildren(style, box);
    },
    remove() {
      host?.remove();
      host = undefined;
      root = undefined;
    },
  };
}
