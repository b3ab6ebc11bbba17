import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { SendOptionsView, SendStartInput, SendStartView, SendTokenView } from '../../../lib/provider/send/service';
import { formatAmount, formatAmountExact, formatDecimal, readAmountInput, readUsdAmountInput, unitsToUsdCents } from '../../../lib/format';
import { call } from '../../../lib/state';
import { addressBookStore } from '../../../lib/state/address-book';
import { Button, Card, EmptyState, InlineError, Select, Skeleton, cx, focusRing } from '../../ui';
import { Input } from '../../ui';
import { Screen } from '../../layout/Screen';
import { useAction } from '../../hooks/use-action';
import { RecipientField, type RecipientState } from './RecipientField';

type Unit = 'token' | 'usd';

const dollars = (cents: bigint) => `$${formatDecimal(cents, 2, { maxFractionDigits: 2, minFractionDigits: 2, rounding: 'trunc' })}`;

/** The amount as typed, in the token's smallest unit, or the message to show under the field. */
function readAmount(text: string, unit: Unit, token: SendTokenView): { units?: bigint; error?: string } {
  if (text.trim() === '') return {};
  const options = { decimals: token.decimals, symbol: token.symbol };
  const reading = unit === 'usd' ? readUsdAmountInput(text, BigInt(token.usdPrice ?? '0'), options) : readAmountInput(text, options);
  if (!reading.ok) return { error: reading.message };
  if (reading.value > BigInt(token.max)) {
    const have = formatAmount(BigInt(token.balance), token.decimals, token.symbol);
    const fee = token.token === 'ETH' ? ` Max (${formatAmount(BigInt(token.max), 18, 'ETH')}) keeps back the network fee.` : '';
    return { units: reading.value, error: `Not enough ${token.symbol}: you have ${have}.${fee}` };
  }
  return { units: reading.value };
}

/**
 * Send ETH or a held token: token, amount (in the token or in dollars, Max), recipient. Review hands it to the
 * background, which opens the approval window with the fee, the simulation and the recipient checks, as for a dApp.
 */
export function SendScreen({ onBack }: { onBack: () => void }) {
  const [options, setOptions] = useState<SendOptionsView>();
  const load = useAction(() => call('send:options'));
  const entries = useStore(addressBookStore, (s) => s.data) ?? [];
  const [tokenKey, setTokenKey] = useState('ETH');
  const [unit, setUnit] = useState<Unit>('token');
  const [amount, setAmount] = useState('');
  const [to, setTo] = useState('');
  const [recipient, setRecipient] = useState<RecipientState>({ status: 'empty' });
  const [started, setStarted] = useState<SendStartView>();
  const review = useAction((input: SendStartInput) => call('send:start', input));

  useEffect(() => {
    void load.run().then((o) => o && setOptions(o));
    if (addressBookStore.getState().status === 'idle') void addressBookStore.getState().reload();
  }, [load.run]);

  const token = options?.tokens.find((t) => t.token === tokenKey) ?? options?.tokens[0];
  const read = useMemo(() => (token ? readAmount(amount, unit, token) : {}), [amount, unit, token]);

  if (!options) {
    return (
      <Screen title="Send" onBack={onBack}>
        {load.error ? <InlineError error={load.error} /> : <Skeleton className="h-48 w-full" />}
      </Screen>
    );
  }
  if (!options.from || !token) {
    return (
      <Screen title="Send" onBack={onBack}>
        <EmptyState title="Nothing to send from">{options.reason ?? 'Pick an account on Home.'}</EmptyState>
      </Screen>
    );
  }

  const usdOf = (units: bigint) => (token.usdPrice ? dollars(unitsToUsdCents(units, BigInt(token.usdPrice), token.decimals)) : undefined);
  const converted =
    read.units === undefined
      ? undefined
      : unit === 'usd'
        ? formatAmount(read.units, token.decimals, token.symbol, { maxFractionDigits: 6 })
        : usdOf(read.units);
  const setMax = () => {
    const max = BigInt(token.max);
    setAmount(
      unit === 'usd' && token.usdPrice
        ? formatAmount(unitsToUsdCents(max, BigInt(token.usdPrice), token.decimals), 2, undefined, {
            maxFractionDigits: 2,
            rounding: 'floor',
          }).replace(/,/g, '')
        : formatAmountExact(max, token.decimals),
    );
  };
  const canReview = options.canSign && read.units !== undefined && !read.error && recipient.status === 'ok' && !review.loading;
  const submit = async () => {
    if (!canReview) return;
    const done = await review.run({ token: token.token, amount, unit, to });
    if (done) setStarted(done);
  };

  return (
    <Screen title="Send" onBack={onBack}>
      <form
        className="flex flex-col gap-3"
        aria-label="Send"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="text-xs text-ink-muted">
          From <span className="font-semibold text-ink">{options.from.name}</span>
        </p>
        {!options.canSign && <InlineError error={{ message: 'This account cannot send', details: options.reason }} />}
        <Select
          label="Token"
          value={token.token}
          onChange={(e) => {
            setTokenKey(e.target.value);
            setAmount('');
            if (!options.tokens.find((t) => t.token === e.target.value)?.usdPrice) setUnit('token');
          }}
          options={options.tokens.map((t) => ({
            value: t.token,
            label: `${t.symbol} · ${formatAmount(BigInt(t.balance), t.decimals, t.symbol)}`,
          }))}
          data-testid="send-token"
        />
        <div className="flex flex-col gap-1">
          <div className="flex items-start gap-2">
            <div className="flex-1">
              <Input
                label={unit === 'usd' ? 'Amount in USD' : `Amount in ${token.symbol}`}
                inputMode="decimal"
                autoComplete="off"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                error={read.error}
                hint={converted ? `≈ ${converted}` : undefined}
                data-testid="send-amount"
              />
            </div>
            <Button type="button" size="sm" variant="secondary" onClick={setMax} className="mt-6">
              Max
            </Button>
          </div>
          <div role="group" aria-label="Amount unit" className="flex gap-1">
            {(['token', 'usd'] as const).map((u) => (
              <button
                key={u}
                type="button"
                aria-pressed={unit === u}
                disabled={u === 'usd' && !token.usdPrice}
                onClick={() => {
                  setUnit(u);
                  setAmount('');
                }}
                className={cx(
                  'rounded-full border px-2.5 py-0.5 text-xs disabled:opacity-50',
                  unit === u ? 'border-brand font-semibold text-ink' : 'border-line text-ink-muted',
                  focusRing,
                )}
              >
                {u === 'usd' ? 'USD' : token.symbol}
              </button>
            ))}
            {!token.usdPrice && <span className="text-xs text-ink-muted">No USD price for {token.symbol}.</span>}
          </div>
          {token.token === 'ETH' && options.ethFeeReserve && (
            <p className="text-xs text-ink-muted">
              Max keeps{' '}
              {formatAmount(BigInt(options.ethFeeReserve), 18, 'ETH', {
                rounding: 'expand',
                significantFractionDigits: 2,
                maxFractionDigits: 8,
              })}{' '}
              for the network fee.
            </p>
          )}
        </div>
        <RecipientField value={to} onChange={setTo} entries={entries} state={recipient} onState={setRecipient} />
        <InlineError error={review.error} />
        {started && (
          <Card role="status" data-testid="send-started">
            <p className="text-sm">
              Review {formatAmount(BigInt(started.amount), token.decimals, started.symbol, { maxFractionDigits: 6 })} to{' '}
              {started.recipient.name ?? started.recipient.ensName ?? started.recipient.address} in the approval window. It shows the fee,
              the simulation and the checks; nothing is sent until you approve there.
            </p>
          </Card>
        )}
        <Button type="submit" block disabled={!canReview} loading={review.loading} data-testid="send-review">
          Review
        </Button>
      </form>
    </Screen>
  );
}
