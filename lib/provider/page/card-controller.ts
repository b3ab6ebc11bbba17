import { CONTENT_CHANNEL, selfTargetOrigin, type InpageRequest } from './channel';
import { createCard, type CardView } from './card';
import {
  CARD_MESSAGE,
  GUARD_ASK,
  GUARD_DECISION,
  GUARDED_METHODS,
  type CardPreviewAnswer,
  type CardPreviewAsk,
  type GuardAsk,
} from './card-messages';

export type CardControllerOptions = {
  win: Window;
  /** Sends the ask to the background (runtime message) and returns its answer. */
  ask: (message: CardPreviewAsk) => Promise<CardPreviewAnswer>;
  /** Guard mode setting; read when a guarded request comes in. */
  guardEnabled: () => Promise<boolean>;
};

const TOP_FLAGS = 3;

function summary(answer: CardPreviewAnswer): Pick<CardView, 'status' | 'worst' | 'flags'> {
  if (!answer.ok && answer.reason === 'rate-limited')
    return {
      status: 'Ballast could not check this request: this page asked for too many checks in the last minute. Review it carefully.',
      worst: 'warn',
      flags: [],
    };
  if (!answer.ok || !answer.preview)
    return { status: 'Ballast could not check this request. Review it carefully.', worst: 'warn', flags: [] };
  const p = answer.preview;
  const top = p.flags.slice(0, TOP_FLAGS).map((f) => ({ severity: f.severity, title: f.title, numbers: f.numbers }));
  const more = p.flags.length > TOP_FLAGS ? ` (+${p.flags.length - TOP_FLAGS} more)` : '';
  const status =
    p.worst === 'none'
      ? 'No risk flags found'
      : `${p.worst === 'danger' ? 'Danger' : p.worst === 'warn' ? 'Warning' : 'Info'}: ${p.flags[0]?.title ?? ''}${more}`;
  return { status, worst: p.worst, flags: top };
}

/**
 * Content-script side of the page card. Requests to Ballast get an informational card (the decision
 * is made in the approval window); guard-mode requests to another wallet get Continue / Cancel.
 */
export function startCardController({ win, ask, guardEnabled }: CardControllerOptions) {
  const card = createCard(win.document);
  let current: string | undefined;
  const origin = selfTargetOrigin(win);

  function close(id: string) {
    if (current !== id) return;
    current = undefined;
    card.remove();
  }

  function show(id: string, heading: string, buttons: CardView['buttons'], message: CardPreviewAsk) {
    current = id;
    card.render({ heading, status: 'Simulating with Ballast…', flags: [], buttons });
    void ask(message)
      .catch((): CardPreviewAnswer => ({ ok: false }))
      .then((answer) => {
        if (current === id) card.render({ heading, buttons, ...summary(answer) });
      });
  }

  function decide(id: string, proceed: boolean) {
    close(id);
    win.postMessage({ channel: GUARD_DECISION, id, proceed }, origin);
  }

  async function onGuardAsk(msg: GuardAsk) {
    if (!(await guardEnabled())) return decide(msg.id, true);
    show(
      msg.id,
      `Ballast check before ${msg.wallet}`,
      [
        { label: 'Cancel', onClick: () => decide(msg.id, false) },
        // Continue lets the request through: it counts only while the card is seen visible (card-visibility.ts).
        { label: 'Continue', primary: true, needsVisible: true, onClick: () => decide(msg.id, true) },
      ],
      { type: CARD_MESSAGE, mode: 'guard', requestId: msg.id, method: msg.method, params: msg.params },
    );
  }

  win.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== win) return;
    const data = event.data as { channel?: string; type?: string; id?: unknown; method?: unknown; wallet?: unknown } | null;
    if (!data || typeof data !== 'object' || typeof data.id !== 'string' || data.id.length > 100) return;
    // The answer to a Ballast request went back to the page: the approval window has done its job.
    if (data.channel === CONTENT_CHANNEL && data.type === 'response') return close(data.id);
    if (data.channel === GUARD_ASK && typeof data.method === 'string' && GUARDED_METHODS.includes(data.method)) {
      void onGuardAsk({ ...(data as GuardAsk), wallet: typeof data.wallet === 'string' ? data.wallet.slice(0, 40) : 'your wallet' });
    }
  });

  return {
    /** Relay hook: a page request to Ballast. */
    onPageRequest(request: InpageRequest) {
      if (!GUARDED_METHODS.includes(request.method)) return;
      show(request.id, 'Ballast risk check', [{ label: 'Dismiss', onClick: () => close(request.id) }], {
        type: CARD_MESSAGE,
        mode: 'ballast',
        requestId: request.id,
        method: request.method,
      });
    },
  };
}
