import type { DecodedArg, DecodedCall } from '../../lib/preview/types';
import { useAddressEntry } from '../hooks/use-address-entry';
import { AddressNameTag } from './AddressNameTag';

/** An address argument or call target with its address-book name in front, when the user named it. */
function Named({ address, children }: { address: string | null; children: string }) {
  const entry = useAddressEntry(address ?? undefined);
  if (!entry) return <>{children}</>;
  return (
    <>
      <AddressNameTag address={address} /> ({children})
    </>
  );
}

function Arg({ arg }: { arg: DecodedArg }) {
  return (
    <>
      {arg.name}: {arg.type === 'address' ? <Named address={arg.value}>{arg.value}</Named> : arg.value}
    </>
  );
}

/** One decoded call of the risk preview: target, function, arguments. */
export function DecodedCallLine({ call }: { call: DecodedCall }) {
  return (
    <>
      <span className="font-semibold text-ink">
        <Named address={call.to}>{call.targetLabel}</Named>
      </span>{' '}
      <span className="font-mono">{call.functionName}</span>
      {call.args.length > 0 && (
        <span className="break-all text-ink-muted">
          {' ('}
          {call.args.map((a, i) => (
            <span key={i}>
              {i > 0 && ', '}
              <Arg arg={a} />
            </span>
          ))}
          {')'}
        </span>
      )}
    </>
  );
}
