import { getAddress, type Address } from 'viem';
import { recipientFlags, type SentAsset } from '../../risk';
import { shortAddress } from '../labels';
import { emptyOutput, tokenMeta, type Rule, type RuleContext } from './context';

type Transfer = { index: number; recipient: Address; asset: SentAsset | { kind: 'token'; token: Address } };

/** ETH sent without calldata, and ERC-20 transfer(to, amount): the calls that hand value to a recipient. */
function transfersOf(ctx: RuleContext): Transfer[] {
  return ctx.calls.flatMap(({ call, decoded, family, rawArgs }, index): Transfer[] => {
    if (!call.to) return [];
    const hasData = !!call.data && call.data !== '0x';
    if (!hasData && (call.value ?? 0n) > 0n) return [{ index, recipient: getAddress(call.to), asset: { kind: 'eth' } }];
    if (family === 'ERC-20' && decoded.known && decoded.functionName === 'transfer')
      return [{ index, recipient: getAddress(rawArgs[0] as Address), asset: { kind: 'token', token: getAddress(call.to) } }];
    return [];
  });
}

/**
 * Where a transfer goes, for dApp requests and Ballast's own Send alike: a token sent to its own contract, a
 * contract recipient that may not take it (code read; for ETH, the simulation), a lookalike of an address the
 * user knows (address poisoning) and a first-time recipient. The last two need the user's own accounts,
 * address book and Activity (`ctx.known`); without them they are listed as not checked.
 */
export const recipientRule: Rule = async (ctx) => {
  const out = emptyOutput();
  const transfers = transfersOf(ctx);
  if (transfers.length === 0) return out;
  if (!ctx.known) out.notChecked.push('whether the recipient is new or imitates an address you know: your history was not available');
  await Promise.all(
    transfers.map(async (t) => {
      const [code, meta, sim] = await Promise.all([
        ctx.reader.hasCode(t.recipient),
        t.asset.kind === 'token' ? tokenMeta(ctx, t.asset.token) : undefined,
        t.asset.kind === 'eth' ? ctx.simulation : undefined,
      ]);
      if (code.ok) out.checked.push(`code at recipient ${shortAddress(t.recipient)}: ${code.value ? 'contract' : 'no code'}`);
      else out.notChecked.push(`whether recipient ${shortAddress(t.recipient)} is a contract: ${code.error}`);
      const outcome = sim?.simulation.calls.find((c) => c.index === t.index) ?? sim?.simulation.calls[t.index];
      const asset: SentAsset = t.asset.kind === 'eth' ? t.asset : { kind: 'token', token: t.asset.token, symbol: meta!.symbol };
      out.flags.push(
        ...recipientFlags({
          recipient: t.recipient,
          asset,
          recipientHasCode: code.ok ? code.value : undefined,
          transferReverted: outcome?.status === 'reverted',
          known: ctx.known,
        }),
      );
      if (ctx.known) out.checked.push(`recipient ${shortAddress(t.recipient)} against ${ctx.known.length} addresses you know`);
    }),
  );
  return out;
};
