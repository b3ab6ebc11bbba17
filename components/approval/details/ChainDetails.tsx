import type { ChainView } from '../decode';
import { Field } from './Field';

export function ChainDetails({ view, adding }: { view: ChainView; adding: boolean }) {
  return (
    <dl className="divide-y divide-line">
      <Field label="Chain ID">{view.chainId !== undefined ? `${view.chainId} (0x${view.chainId.toString(16)})` : 'missing'}</Field>
      {adding && (
        <>
          <Field label="Name">{view.name ?? '—'}</Field>
          <Field label="Currency">
            {view.currency ? `${view.currency.symbol ?? '?'} (${view.currency.decimals ?? '?'} decimals)` : '—'}
          </Field>
          <Field label="RPC URLs">
            {view.rpcUrls.map((u) => (
              <span key={u} className="block font-mono">
                {u}
              </span>
            ))}
          </Field>
          {view.explorerUrls.length > 0 && (
            <Field label="Explorer">
              {view.explorerUrls.map((u) => (
                <span key={u} className="block font-mono">
                  {u}
                </span>
              ))}
            </Field>
          )}
        </>
      )}
    </dl>
  );
}
