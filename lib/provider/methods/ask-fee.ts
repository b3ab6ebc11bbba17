import type { Address, Client } from 'viem';
import { AppError } from '../../errors';
import { FEE_PRESETS, type FeePreset } from '../../risk/fees';
import type { StoredFeeQuote } from '../../storage/fee-quote';
import { rejectedByUser, type Decision } from '../approvals';
import { chainMovedReason } from '../fees';

/** How many times the window asks again when the chain moves between the approval and the signature. */
export const MAX_ASKS = 3;

export type AskWithFeeParameters = {
  client: Client;
  from: Address;
  /** The first ask's key; a re-ask gets its own (the first one's entry was answered). */
  dedupeKey?: string;
  /** The fee decided before the first ask. */
  fee: StoredFeeQuote;
  /** What the request is, for the rejection: "transaction", "batch of calls". */
  what: string;
  ask: (fee: StoredFeeQuote, dedupeKey: string | undefined) => Promise<Decision>;
  /** A new fee after the chain moved; `useSiteFee` false when the base fee rose past the site's own fee. */
  requote: (options: { preset: FeePreset; useSiteFee: boolean; notice: string }) => Promise<StoredFeeQuote>;
};

/**
 * Shows the request with its fee until the fee the user approved still holds on chain (its nonce is the
 * account's next, the base fee is under its max fee), and answers that approved fee: what is signed.
 * When the chain moved in between, nothing is signed: a new fee, with the reason, is shown and asked for.
 */
export async function askWithFee(p: AskWithFeeParameters): Promise<StoredFeeQuote> {
  let fee = p.fee;
  for (let ask = 1; ; ask++) {
    const key = ask === 1 || !p.dedupeKey ? p.dedupeKey : `${p.dedupeKey}#ask${ask}`;
    const decision = await p.ask(fee, key);
    if (!decision.approved) throw rejectedByUser(p.what);
    const approved = decision.fee ?? fee;
    const moved = await chainMovedReason(p.client, p.from, approved);
    if (!moved) return approved;
    if (ask >= MAX_ASKS)
      throw new AppError('The network kept moving', {
        details: `${moved} Nothing was signed after ${MAX_ASKS} approvals; send the request again.`,
        code: 'fee.chain-moved',
      });
    const preset = (FEE_PRESETS as readonly string[]).includes(approved.choice) ? (approved.choice as FeePreset) : 'normal';
    fee = await p.requote({ preset, useSiteFee: !/base fee/.test(moved), notice: `${moved} Nothing was signed: review the new fee.` });
  }
}
