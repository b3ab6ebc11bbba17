import { useState } from 'react';
import type { FormEvent } from 'react';
import type { NetworkView } from '../../../lib/messaging/types';
import { call } from '../../../lib/state';
import { Badge, Button, Card, InlineError, Input } from '../../ui';
import { useAction } from '../../hooks/use-action';
import { checkRpcUrl } from './rpc-url';

/** One network: its RPC URLs in fallback order (add, remove) and a switch button. */
export function NetworkCard({
  network,
  active,
  onSwitch,
  switching,
}: {
  network: NetworkView;
  active: boolean;
  onSwitch: () => void;
  switching: boolean;
}) {
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string>();
  const save = useAction((rpcUrls: string[]) => {
    const change = { chainId: network.chainId, key: network.key, rpcUrls };
    return call('networks:setRpcUrls', change);
  });

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkRpcUrl(draft, network.rpcUrls);
    if (!checked.ok) return setDraftError(checked.reason);
    setDraftError(undefined);
    if (await save.run([...network.rpcUrls, checked.url])) setDraft('');
  };

  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          {network.name}
          {active && <Badge tone="ok">Active</Badge>}
        </span>
      }
      actions={
        !active && (
          <Button size="sm" variant="secondary" onClick={onSwitch} loading={switching}>
            Switch
          </Button>
        )
      }
    >
      <p className="mb-2 text-xs text-ink-muted">
        Chain {network.chainId} · {network.nativeSymbol}
      </p>
      {network.rpcUrls.length === 0 && (
        <p className="mb-2 text-xs text-warn" data-testid="no-rpc-url">
          No RPC URL yet: Ballast cannot reach {network.name} until you add one.
        </p>
      )}
      <ul aria-label={`RPC URLs of ${network.name}`} className="mb-2 flex flex-col gap-1">
        {network.rpcUrls.map((url, i) => (
          <li key={url} className="flex items-center gap-2 text-xs">
            <span className="w-4 text-ink-muted">{i + 1}.</span>
            <span className="min-w-0 flex-1 truncate font-mono" title={url}>
              {url}
            </span>
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Remove ${url}`}
              disabled={network.rpcUrls.length === 1}
              title={network.rpcUrls.length === 1 ? 'A network needs at least one RPC URL' : undefined}
              onClick={() => void save.run(network.rpcUrls.filter((u) => u !== url))}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="flex items-end gap-2" noValidate>
        <div className="flex-1">
          <Input
            label={`Add RPC URL to ${network.name}`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="https://…"
            error={draftError}
            spellCheck={false}
          />
        </div>
        <Button type="submit" size="md" variant="secondary" loading={save.loading}>
          Add
        </Button>
      </form>
      <div className="mt-2">
        <InlineError error={save.error} />
      </div>
    </Card>
  );
}
