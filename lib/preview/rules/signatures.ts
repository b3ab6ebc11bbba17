import { getAddress } from 'viem';
import {
  findTypedDataIssue,
  permit2Flags,
  permitFlags,
  typedDataChainFlags,
  typedDataIssueFlags,
  type Permit2AllowanceDetails,
  type Permit2TokenAmount,
} from '../../risk';
import { PERMIT2, sameAddress, shortAddress } from '../labels';
import type { DecodedCall, TypedDataJson } from '../types';
import { codeOf, emptyOutput, tokenMeta, type RuleContext, type RuleOutput } from './context';

const big = (x: unknown): bigint => (typeof x === 'bigint' ? x : BigInt(String(x ?? 0)));
const asRecord = (x: unknown) => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {});
const show = (x: unknown): string =>
  typeof x === 'object' && x !== null ? JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? v.toString() : v)) : String(x);

export function parseTypedData(data: TypedDataJson | string): TypedDataJson {
  return typeof data === 'string' ? (JSON.parse(data) as TypedDataJson) : data;
}

export function decodeTypedData(typed: TypedDataJson, labelOf: (a: string) => string | undefined): DecodedCall {
  const contract = typed.domain.verifyingContract ? getAddress(typed.domain.verifyingContract) : null;
  return {
    to: contract,
    targetLabel: contract
      ? (labelOf(contract) ?? typed.domain.name ?? shortAddress(contract))
      : (typed.domain.name ?? 'no verifying contract'),
    functionName: `sign ${typed.primaryType}`,
    selector: null,
    args: Object.entries(typed.message).map(([name, value]) => ({
      name,
      type: typed.types[typed.primaryType]?.find((f) => f.name === name)?.type ?? 'unknown',
      value: show(value),
    })),
    value: '0 ETH',
    known: true,
  };
}

async function withMeta<T extends Permit2TokenAmount>(ctx: RuleContext, entry: T): Promise<T> {
  const meta = await tokenMeta(ctx, entry.token);
  return { ...entry, tokenSymbol: meta.symbol, tokenDecimals: meta.decimals };
}

async function permit2(ctx: RuleContext, out: RuleOutput, typed: TypedDataJson) {
  const m = typed.message;
  const spender = getAddress(String(m.spender));
  const hasCode = (await codeOf(ctx, out, spender, 'spender')) ?? true;
  const base = { spender, spenderHasCode: hasCode, now: ctx.nowSeconds };
  const details = (d: unknown): Permit2AllowanceDetails => {
    const r = asRecord(d);
    return { token: getAddress(String(r.token)), amount: big(r.amount), expiration: big(r.expiration), nonce: big(r.nonce) };
  };
  const permitted = (p: unknown): Permit2TokenAmount => ({ token: getAddress(String(asRecord(p).token)), amount: big(asRecord(p).amount) });
  switch (typed.primaryType) {
    case 'PermitSingle':
      out.flags.push(
        ...permit2Flags({
          ...base,
          type: 'PermitSingle',
          details: await withMeta(ctx, details(m.details)),
          sigDeadline: big(m.sigDeadline),
        }),
      );
      break;
    case 'PermitBatch':
      out.flags.push(
        ...permit2Flags({
          ...base,
          type: 'PermitBatch',
          details: await Promise.all((m.details as unknown[]).map((d) => withMeta(ctx, details(d)))),
          sigDeadline: big(m.sigDeadline),
        }),
      );
      break;
    case 'PermitTransferFrom':
    case 'PermitWitnessTransferFrom':
      out.flags.push(
        ...permit2Flags({
          ...base,
          type: 'PermitTransferFrom',
          permitted: await withMeta(ctx, permitted(m.permitted)),
          nonce: big(m.nonce),
          deadline: big(m.deadline),
        }),
      );
      break;
    case 'PermitBatchTransferFrom':
    case 'PermitBatchWitnessTransferFrom':
      out.flags.push(
        ...permit2Flags({
          ...base,
          type: 'PermitBatchTransferFrom',
          permitted: await Promise.all((m.permitted as unknown[]).map((p) => withMeta(ctx, permitted(p)))),
          nonce: big(m.nonce),
          deadline: big(m.deadline),
        }),
      );
      break;
    default:
      return false;
  }
  out.checked.push(`Permit2 ${typed.primaryType}: spender, amounts and expiry`);
  return true;
}

/** EIP-712 signatures: domain chain, Permit2 allowances and transfers, EIP-2612 permits. */
export async function typedDataRule(ctx: RuleContext, typed: TypedDataJson): Promise<RuleOutput> {
  const out = emptyOutput();
  // Ballast refuses such data before it is queued; a guard-mode request (to another wallet) still arrives here.
  const issue = findTypedDataIssue(typed, { version: 'V4' });
  if (issue) {
    out.flags.push(...typedDataIssueFlags(issue));
    out.notChecked.push(`what the signature authorises: ${issue.path} is not in canonical form, so its fields cannot be trusted`);
    return out;
  }
  const verifyingContract = typed.domain.verifyingContract ? getAddress(typed.domain.verifyingContract) : undefined;
  const domainChainId = typed.domain.chainId === undefined ? undefined : big(typed.domain.chainId);
  out.flags.push(...typedDataChainFlags({ domainChainId, activeChainId: ctx.chainId, verifyingContract }));
  out.checked.push(
    domainChainId === undefined
      ? 'signature domain has no chainId'
      : `signature domain chain ${domainChainId} vs active chain ${ctx.chainId}`,
  );

  const isPermit2 = sameAddress(verifyingContract, PERMIT2) || typed.domain.name === 'Permit2';
  if (isPermit2 && (await permit2(ctx, out, typed))) return out;
  if (typed.primaryType === 'Permit' && verifyingContract && 'spender' in typed.message && 'value' in typed.message) {
    const spender = getAddress(String(typed.message.spender));
    const [meta, hasCode] = await Promise.all([tokenMeta(ctx, verifyingContract), codeOf(ctx, out, spender, 'spender')]);
    out.flags.push(
      ...permitFlags({
        token: verifyingContract,
        tokenSymbol: meta.symbol,
        tokenDecimals: meta.decimals,
        spender,
        value: big(typed.message.value),
        deadline: big(typed.message.deadline),
        spenderHasCode: hasCode ?? true,
        now: ctx.nowSeconds,
      }),
    );
    out.checked.push(`EIP-2612 permit of ${meta.symbol}: spender, amount and deadline`);
    return out;
  }
  out.notChecked.push(
    `what a ${typed.primaryType} signature authorises: not a message type Ballast knows; read every field before signing`,
  );
  out.flags.push({
    id: 'typed-data.unrecognised',
    severity: 'info',
    title: `Unrecognised ${typed.primaryType} signature for ${typed.domain.name ?? 'an unnamed app'}`,
    numbers: { primaryType: typed.primaryType, ...(verifyingContract ? { verifyingContract } : {}) },
    why: 'Ballast cannot tell what this signature allows. Off-chain signatures can approve orders or transfers; sign only what you understand.',
  });
  return out;
}
