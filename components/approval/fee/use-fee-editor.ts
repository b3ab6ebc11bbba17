import { useEffect, useRef, useState } from 'react';
import type { FeeEdit } from '../../../lib/provider/fees';
import {
  checkBatchGas,
  checkBatchNonce,
  checkFeeEdit,
  gweiText,
  parseGweiText,
  parseWholeText,
  type FeeEditErrors,
} from '../../../lib/risk/fee-edit';
import { marketOf, quoteCost, storedFeeFields, type FeeFields, type QuoteCost } from '../../../lib/risk/fees';
import type { FeeChoice, StoredFeeQuote } from '../../../lib/storage/fee-quote';
import { call, toErrorView, type ErrorView } from '../../../lib/state';

/** The edit fields as typed: fees in gwei, gas and nonce as whole numbers; a batch has one gas limit per call. */
export type FeeDraft = { maxFee: string; priorityFee: string; gasPrice: string; gas: string; nonce: string; gases: string[] };
/** The single-value fields (a batch's per-call gas limits are typed with typeGas). */
export type FeeDraftField = Exclude<keyof FeeDraft, 'gases'>;

/** How long after the last keystroke a valid fee is stored (the cost on screen follows every keystroke). */
export const SAVE_AFTER_MS = 400;

export function draftOf(fee: StoredFeeQuote): FeeDraft {
  const tx = fee.txs[0]!;
  return {
    maxFee: fee.maxFeePerGas ? gweiText(BigInt(fee.maxFeePerGas)) : '',
    priorityFee: fee.maxPriorityFeePerGas ? gweiText(BigInt(fee.maxPriorityFeePerGas)) : '',
    gasPrice: fee.gasPrice ? gweiText(BigInt(fee.gasPrice)) : '',
    gas: tx.gas === '0' ? '' : tx.gas,
    nonce: String(tx.nonce),
    gases: fee.txs.map((t) => (t.gas === '0' ? '' : t.gas)),
  };
}

type ParsedDraft = {
  fields?: FeeFields;
  gas?: bigint;
  gases?: bigint[];
  nonce?: number;
  errors: FeeEditErrors;
  gasErrors: (string | undefined)[];
};

function parseDraft(draft: FeeDraft, fee: StoredFeeQuote): ParsedDraft {
  const errors: FeeEditErrors = {};
  const gweiOf = (text: string, field: keyof FeeEditErrors) => {
    const v = parseGweiText(text);
    if (v === undefined) errors[field] = 'Enter an amount in gwei, e.g. 1.5';
    return v ?? 0n;
  };
  const fields: FeeFields =
    fee.type === 'legacy'
      ? { type: 'legacy', gasPrice: gweiOf(draft.gasPrice, 'gasPrice') }
      : { type: 'eip1559', maxFeePerGas: gweiOf(draft.maxFee, 'maxFee'), maxPriorityFeePerGas: gweiOf(draft.priorityFee, 'priorityFee') };
  const single = fee.txs.length === 1;
  const gas = single ? parseWholeText(draft.gas) : 21_000n;
  if (gas === undefined) errors.gas = 'Enter a whole number of gas units.';
  const nonce = parseWholeText(draft.nonce);
  if (nonce === undefined) errors.nonce = 'Enter a whole number.';
  const checked = checkFeeEdit(fields, gas ?? 0n, Number(nonce ?? 0n), marketOf(fee.market));
  // A batch: each call's gas limit (never below its estimate), the starting nonce never below the account's next.
  const gases = single ? [] : draft.gases.map((g) => parseWholeText(g));
  const ranged = checkBatchGas(
    gases.map((g) => g ?? 0n),
    fee.txs.map((tx) => (tx.gasEstimate === undefined ? undefined : BigInt(tx.gasEstimate))),
  );
  const gasErrors = gases.map((g, i) => (g === undefined ? 'Enter a whole number of gas units.' : ranged[i]));
  const nonceError = !single && nonce !== undefined ? checkBatchNonce(Number(nonce), fee.market.pendingNonce) : undefined;
  const all = { ...checked, ...errors, ...(nonceError ? { nonce: nonceError } : {}) };
  return Object.keys(all).length > 0 || gasErrors.some(Boolean)
    ? { errors: all, gasErrors }
    : { fields, gas, gases: gases as bigint[], nonce: Number(nonce), errors: {}, gasErrors };
}

/** The calls as the parsed draft would sign them: gas limits and consecutive nonces. */
function draftTxs(fee: StoredFeeQuote, parsed: ParsedDraft): StoredFeeQuote['txs'] {
  if (fee.txs.length === 1) return [{ ...fee.txs[0]!, gas: parsed.gas!.toString(), nonce: parsed.nonce! }];
  return fee.txs.map((tx, i) => ({ ...tx, gas: parsed.gases![i]!.toString(), nonce: parsed.nonce! + i }));
}

/**
 * The approval window's fee editing: a preset is stored at once; typed fields update the cost on every
 * keystroke and are stored SAVE_AFTER_MS after the last one when they are valid. `busy` while anything
 * typed is not yet stored: the window approves only the stored fee, never a half-typed one.
 */
export function useFeeEditor(id: string, fee: StoredFeeQuote) {
  const single = fee.txs.length === 1;
  const [draft, setDraft] = useState<FeeDraft>(() => draftOf(fee));
  const [typedSeq, setTypedSeq] = useState(0);
  const savedSeq = useRef(0);
  const [saving, setSaving] = useState(false);
  const [awaitVersion, setAwaitVersion] = useState(0);
  const [error, setError] = useState<ErrorView>();
  const dirty = typedSeq !== savedSeq.current;
  const version = Math.max(fee.version, awaitVersion);

  // The fields follow the stored fee (a preset picked, the user's edit stored) unless something typed is pending.
  useEffect(() => {
    if (!dirty) setDraft(draftOf(fee));
  }, [fee.version]);

  const parsed = parseDraft(draft, fee);
  const cost: QuoteCost | undefined =
    dirty && parsed.fields
      ? quoteCost({
          ...fee,
          ...storedFeeFields(parsed.fields),
          txs: draftTxs(fee, parsed),
        })
      : dirty
        ? undefined
        : quoteCost(fee);

  /** Stores an edit; a refused preset leaves the fields as stored, a refused typed fee stays for the user to fix. */
  async function store(edit: Omit<FeeEdit, 'version'>, seq: number) {
    setSaving(true);
    setError(undefined);
    try {
      const next = await call('pending:setFee', { id, version, ...edit });
      setAwaitVersion(next.version);
      savedSeq.current = seq;
    } catch (e) {
      setError(toErrorView(e));
      if (edit.choice !== 'custom') {
        savedSeq.current = seq;
        setDraft(draftOf(fee));
      }
    } finally {
      setSaving(false);
    }
  }

  useEffect(() => {
    if (!dirty || !parsed.fields || saving) return undefined;
    const seq = typedSeq;
    const timer = setTimeout(() => {
      const f = parsed.fields!;
      void store(
        {
          choice: 'custom',
          ...(f.type === 'legacy'
            ? { gasPrice: f.gasPrice.toString() }
            : { maxFeePerGas: f.maxFeePerGas.toString(), maxPriorityFeePerGas: f.maxPriorityFeePerGas.toString() }),
          ...(single
            ? { gas: parsed.gas!.toString() }
            : parsed.gases!.some((g, i) => g.toString() !== fee.txs[i]!.gas)
              ? { gases: parsed.gases!.map(String) }
              : {}),
          ...(parsed.nonce !== fee.txs[0]!.nonce ? { nonce: parsed.nonce } : {}),
        },
        seq,
      );
    }, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [draft, typedSeq, saving]);

  return {
    draft,
    errors: dirty ? parsed.errors : {},
    gasErrors: dirty ? parsed.gasErrors : [],
    cost,
    error,
    busy: dirty || saving || fee.version < awaitVersion,
    single,
    type(field: FeeDraftField, text: string) {
      setDraft((d) => ({ ...d, [field]: text }));
      setTypedSeq((n) => n + 1);
    },
    /** A batch: call `index`'s gas limit. */
    typeGas(index: number, text: string) {
      setDraft((d) => ({ ...d, gases: d.gases.map((g, i) => (i === index ? text : g)) }));
      setTypedSeq((n) => n + 1);
    },
    pick(choice: Exclude<FeeChoice, 'custom'>) {
      const seq = typedSeq + 1;
      setTypedSeq(seq);
      void store({ choice }, seq);
    },
  };
}

export type FeeEditor = ReturnType<typeof useFeeEditor>;
