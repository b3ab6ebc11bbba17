import { Address, Amount } from '../../ui';
import type { TxView } from '../decode';
import { knownSelectors } from '../known-selectors';
import { Field } from './Field';

/** A fee per gas: what the user pays at most, never shown smaller. */
function gwei(wei: bigint) {
  return <Amount value={wei} decimals={9} unit="gwei" rounding="expand" />;
}

/** `feeShownBelow`: the request's fee panel shows the gas, fees and nonce that will be signed; the site's own are not repeated here. */
export function TxFields({ tx, symbol = 'ETH', feeShownBelow = false }: { tx: TxView; symbol?: string; feeShownBelow?: boolean }) {
  return (
    <dl className="divide-y divide-line">
      {tx.from && (
        <Field label="From">
          <Address address={tx.from} />
        </Field>
      )}
      <Field label="To">{tx.to ? <Address address={tx.to} /> : <span className="text-warn">New contract</span>}</Field>
      <Field label="Value">
        <Amount value={tx.value} unit={symbol} rounding="expand" className="text-sm font-semibold" />
      </Field>
      {tx.selector && (
        <Field label="Calls">
          <span className="font-mono">{knownSelectors[tx.selector] ?? tx.selector}</span>
          {knownSelectors[tx.selector] && <span className="block font-mono text-ink-muted">{tx.selector}</span>}
        </Field>
      )}
      {tx.data && <Field label="Data">{(tx.data.length - 2) / 2} bytes</Field>}
      {!feeShownBelow && (
        <>
          <Field label="Gas limit">{tx.gas !== undefined ? tx.gas.toString() : 'estimated by Ballast'}</Field>
          {tx.maxFeePerGas !== undefined && <Field label="Max fee">{gwei(tx.maxFeePerGas)}</Field>}
          {tx.maxPriorityFeePerGas !== undefined && <Field label="Priority fee">{gwei(tx.maxPriorityFeePerGas)}</Field>}
          {tx.gasPrice !== undefined && <Field label="Gas price">{gwei(tx.gasPrice)}</Field>}
          {tx.nonce !== undefined && <Field label="Nonce">{tx.nonce.toString()}</Field>}
        </>
      )}
    </dl>
  );
}
