import type { Address } from 'viem';
import { approvalFlags, callTargetFlags, permit2Flags, permitFlags, setApprovalForAllFlags } from '../../risk';
import { PERMIT2, sameAddress } from '../labels';
import { codeOf, emptyOutput, tokenMeta, type Rule, type RuleOutput } from './context';

/**
 * Allowance traps in transactions: ERC-20 approve / increaseAllowance, setApprovalForAll, Permit2.approve
 * and an EIP-2612 permit submitted on-chain. The spender's code is read (eth_getCode) for each.
 */
export const approvalRule: Rule = async (ctx) => {
  const out = emptyOutput();
  await Promise.all(
    ctx.calls.map(async ({ call, decoded, rawArgs, family }) => {
      const token = call.to;
      if (!token || !decoded.known) return;
      const name = decoded.functionName;
      if (family === 'ERC-20' && (name === 'approve' || name === 'increaseAllowance')) {
        const [spender, amount] = rawArgs as [Address, bigint];
        const [meta, hasCode] = await Promise.all([tokenMeta(ctx, token), codeOf(ctx, out, spender, 'spender')]);
        out.flags.push(
          ...approvalFlags({
            method: name,
            token,
            tokenSymbol: meta.symbol,
            tokenDecimals: meta.decimals,
            spender,
            amount,
            spenderHasCode: hasCode ?? true,
          }),
        );
        out.checked.push(`${name} of ${meta.symbol} to ${spender}`);
      } else if (family === 'ERC-20' && name === 'setApprovalForAll') {
        const [operator, approved] = rawArgs as [Address, boolean];
        const hasCode = await codeOf(ctx, out, operator, 'operator');
        out.flags.push(
          ...setApprovalForAllFlags({
            collection: token,
            collectionName: ctx.registry.labelOf(token),
            operator,
            approved,
            operatorHasCode: hasCode ?? true,
          }),
        );
      } else if (family === 'ERC-20' && name === 'permit') {
        const [, spender, value, deadline] = rawArgs as [Address, Address, bigint, bigint];
        const [meta, hasCode] = await Promise.all([tokenMeta(ctx, token), codeOf(ctx, out, spender, 'spender')]);
        out.flags.push(
          ...permitFlags({
            token,
            tokenSymbol: meta.symbol,
            tokenDecimals: meta.decimals,
            spender,
            value,
            deadline,
            spenderHasCode: hasCode ?? true,
            now: ctx.nowSeconds,
          }),
        );
      } else if (family === 'Permit2' && name === 'approve' && sameAddress(token, PERMIT2)) {
        const [asset, spender, amount, expiration] = rawArgs as [Address, Address, bigint, number | bigint];
        const [meta, hasCode] = await Promise.all([tokenMeta(ctx, asset), codeOf(ctx, out, spender, 'spender')]);
        const details = {
          token: asset,
          tokenSymbol: meta.symbol,
          tokenDecimals: meta.decimals,
          amount,
          expiration: BigInt(expiration),
          nonce: 0n,
        };
        out.flags.push(
          ...permit2Flags({
            type: 'PermitSingle',
            spender,
            spenderHasCode: hasCode ?? true,
            now: ctx.nowSeconds,
            details,
            sigDeadline: BigInt(expiration),
          }),
        );
        out.checked.push(`Permit2 allowance of ${meta.symbol} to ${spender}`);
      }
    }),
  );
  return out;
};

/** Calldata sent to an address without code does nothing (wrong network or a poisoned address). */
export const codeRule: Rule = async (ctx) => {
  const out: RuleOutput = emptyOutput();
  await Promise.all(
    ctx.calls.map(async ({ call }) => {
      const hasData = !!call.data && call.data !== '0x';
      if (!call.to || !hasData) return;
      const hasCode = await codeOf(ctx, out, call.to, 'target');
      if (hasCode === undefined) return;
      out.flags.push(...callTargetFlags({ to: call.to, toHasCode: hasCode, value: call.value ?? 0n, hasData }));
    }),
  );
  return out;
};
