import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { call, networksStore } from '../../lib/state';
import { Button, Card, ErrorState, InlineError, Input, Spinner, cx, focusRing } from '../ui';
import { Screen } from '../layout/Screen';
import { useAction } from '../hooks/use-action';
import { useResource } from '../hooks/use-resource';
import { activeNetwork } from '../popup/networks/active';
import { checkRpcUrl } from '../popup/networks/rpc-url';
import { useOnboardingFlow } from './flow-store';
import { PUBLIC_RPCS } from './public-rpcs';

const OWN_URL = 'own';

/**
 * First run: which Ethereum node Ballast talks to. A short list of public endpoints or the user's own URL
 * (https, or http to this computer), with what the chosen RPC learns. Ends the flow as soon as the active
 * network has an RPC (at once when it already had one, as the devnet of a test build does).
 */
export function ChooseRpc() {
  const finish = useOnboardingFlow((s) => s.finish);
  const networks = useResource(networksStore);
  const network = networks.data && activeNetwork(networks.data);
  const hasRpc = (network?.rpcUrls.length ?? 0) > 0;
  const [choice, setChoice] = useState<string>();
  const [own, setOwn] = useState('');
  const [problem, setProblem] = useState<string>();
  const save = useAction(async (url: string) => {
    if (!network) throw new Error('No active network');
    const done = await call('networks:setRpcUrls', { key: network.key, chainId: network.chainId, rpcUrls: [url] });
    await networksStore.getState().reload();
    return done;
  });

  useEffect(() => {
    if (hasRpc) finish();
  }, [hasRpc, finish]);

  if (!network || hasRpc) {
    if (networks.error && !networks.data)
      return (
        <div className="flex flex-col gap-2 p-4">
          <ErrorState
            title="Could not read the networks"
            message={networks.error.message}
            details={networks.error.details}
            onRetry={() => void networksStore.getState().reload()}
          />
          <Button variant="ghost" onClick={finish}>
            Set up later
          </Button>
        </div>
      );
    return (
      <div className="flex h-full items-center justify-center">
        <Spinner label="Loading networks" />
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = choice === OWN_URL ? own : choice;
    if (!input) return setProblem('Choose an RPC from the list, or enter your own URL.');
    const checked = checkRpcUrl(input, []);
    if (!checked.ok) return setProblem(checked.reason);
    setProblem(undefined);
    await save.run(checked.url);
  };

  const option = (value: string, label: string, detail?: string) => (
    <label
      key={value}
      className={cx(
        'flex cursor-pointer items-start gap-2 rounded-md border p-2 text-sm',
        choice === value ? 'border-brand' : 'border-line',
      )}
    >
      <input
        type="radio"
        name="rpc"
        value={value}
        checked={choice === value}
        onChange={() => {
          setChoice(value);
          setProblem(undefined);
        }}
        className={cx('mt-0.5 size-4 accent-brand', focusRing)}
      />
      <span className="flex min-w-0 flex-col">
        <span className={cx('break-all', value !== OWN_URL && 'font-mono text-xs')}>{label}</span>
        {detail && <span className="text-xs text-ink-muted">{detail}</span>}
      </span>
    </label>
  );

  return (
    <Screen title="Choose your Ethereum RPC">
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <p className="text-xs text-ink-muted">
          Ballast reads balances, previews requests and sends transactions through one Ethereum node (RPC) for {network.name}, chain id{' '}
          {network.chainId}.
        </p>
        <Card className="border-warn bg-warn-soft" data-testid="rpc-privacy-note">
          <p className="text-xs text-ink">
            The RPC you choose sees your addresses, your balances, every request you preview or send, and your IP address. Ballast sends no
            data anywhere else. A node you run yourself keeps all of it on your side.
          </p>
        </Card>
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1 text-xs font-medium text-ink">Public endpoints</legend>
          {PUBLIC_RPCS.map((rpc) => option(rpc.url, rpc.url, rpc.operator))}
          {option(OWN_URL, 'My own node or provider URL')}
        </fieldset>
        {choice === OWN_URL && (
          <Input
            label="RPC URL"
            name="rpc-url"
            value={own}
            onChange={(e) => setOwn(e.target.value)}
            placeholder="https://…"
            hint="https://, or http:// for a node on this computer."
            error={problem}
            autoComplete="off"
            spellCheck={false}
          />
        )}
        {choice !== OWN_URL && problem && (
          <p role="alert" className="text-xs text-danger">
            {problem}
          </p>
        )}
        <InlineError error={save.error} />
        <Button type="submit" block loading={save.loading}>
          Use this RPC
        </Button>
        <Button variant="ghost" block onClick={finish}>
          Set up later
        </Button>
      </form>
    </Screen>
  );
}
