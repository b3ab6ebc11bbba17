import { Address } from '../../ui';
import type { AssetView } from '../decode';
import { Field } from './Field';

export function WatchAssetDetails({ view }: { view: AssetView }) {
  return (
    <dl className="divide-y divide-line">
      <Field label="Type">{view.type ?? '—'}</Field>
      <Field label="Token">{view.address ? <Address address={view.address} /> : '—'}</Field>
      <Field label="Symbol">{view.symbol ?? '—'}</Field>
      <Field label="Decimals">{view.decimals ?? '—'}</Field>
    </dl>
  );
}
