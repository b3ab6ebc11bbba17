import { Address, Badge } from '../../ui';
import type { SignatureView } from '../decode';
import { ValueTree } from '../ValueTree';
import { revealHiddenCharacters } from '../../../lib/risk/traps/hidden-characters';
import { TypedValueTree } from '../TypedValueTree';
import { tokenOfDomain, type TypedTypes } from '../../../lib/state/typed-values';
import { Field } from './Field';

export function SignatureDetails({ view, activeChainId }: { view: SignatureView; activeChainId: number }) {
  if (view.kind === 'message') {
    return (
      <div className="flex flex-col gap-2 text-xs">
        {view.address && (
          <dl>
            <Field label="Signer">
              <Address address={view.address} />
            </Field>
          </dl>
        )}
        <p className="font-semibold">Message</p>
        {view.text !== undefined ? (
          <pre
            data-testid="signature-message"
            className="max-h-48 overflow-auto whitespace-pre-wrap break-words rounded-md bg-surface-muted p-2 font-mono"
          >
            {/* Bidi and zero-width characters shown as visible markers: the text cannot reorder or hide itself. */}
            {revealHiddenCharacters(view.text)}
          </pre>
        ) : (
          <>
            <Badge tone="warn">Not readable text</Badge>
            <pre className="max-h-32 overflow-auto break-all rounded-md bg-surface-muted p-2 font-mono">{view.hex}</pre>
          </>
        )}
      </div>
    );
  }
  if (view.kind === 'typed') {
    const domainChain = view.domain.chainId;
    const mismatch = domainChain !== undefined && BigInt(String(domainChain)) !== BigInt(activeChainId);
    return (
      <div className="flex flex-col gap-2 text-xs">
        {view.address && (
          <dl>
            <Field label="Signer">
              <Address address={view.address} />
            </Field>
          </dl>
        )}
        <p className="flex items-center gap-2 font-semibold">
          Domain
          {mismatch && (
            <Badge tone="danger">
              Chain {String(domainChain)} ≠ active {activeChainId}
            </Badge>
          )}
        </p>
        <ValueTree value={view.domain} label="Domain" />
        <p className="font-semibold">{view.primaryType ?? 'Message'}</p>
        <div className="max-h-64 overflow-auto">
          {view.primaryType ? (
            <TypedValueTree
              value={view.message}
              typeName={view.primaryType}
              types={view.types as TypedTypes}
              ctx={{ token: tokenOfDomain(view.domain), nowMs: Date.now() }}
              label="Typed message"
            />
          ) : (
            <ValueTree value={view.message} label="Typed message" />
          )}
        </div>
      </div>
    );
  }
  if (view.kind === 'typed-legacy') return <ValueTree value={view.fields} label="Typed data" />;
  return <pre className="overflow-auto rounded-md bg-surface-muted p-2 font-mono text-xs">{JSON.stringify(view.raw, null, 2)}</pre>;
}
