import { useState } from 'react';
import type { FormEvent } from 'react';
import { AppError } from '../../lib/errors';
import type { FlowAccountView, FlowPreviewView, FlowRecipeView } from '../../lib/messaging/protocol';
import { planFlow, slippageTextToBps, validateAmount, validateOperatorAddress } from '../../lib/state/flows';
import { stakeFieldOfError, type StakeField } from '../../lib/state/stake-field-of-error';
import { toErrorView, type ErrorView } from '../../lib/state';
import { formatAmountExact } from '../../lib/format';
import { Amount, Button, InlineError, Input } from '../ui';
import { RecipePicker } from './RecipePicker';

/** Left for gas when the user presses Max: a flow of 4–5 transactions costs well under this. */
const GAS_RESERVE_WEI = 10n ** 16n;

type FieldErrors = Partial<Record<StakeField, string>>;

export function StakeForm({
  recipes,
  account,
  onPreview,
}: {
  recipes: FlowRecipeView[];
  account: FlowAccountView;
  onPreview: (p: FlowPreviewView) => void;
}) {
  const [recipeId, setRecipeId] = useState(recipes[0]?.id ?? '');
  const [amountText, setAmountText] = useState('');
  const [slippageText, setSlippageText] = useState('0.5');
  const [operatorText, setOperatorText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<ErrorView>();
  const [loading, setLoading] = useState(false);
  const recipe = recipes.find((r) => r.id === recipeId);
  const balance = BigInt(account.balanceWei ?? '0');

  /** The same checks the background runs, so most mistakes show before any round trip. */
  function check(): FieldErrors {
    const found: FieldErrors = {};
    try {
      validateAmount({ text: amountText, balance });
    } catch (e) {
      found.amount = e instanceof AppError ? `${e.shortMessage}. ${e.details ?? ''}`.trim() : String(e);
    }
    if (slippageTextToBps(slippageText) === undefined) found.slippage = 'Enter a percentage such as 0.5 (at most 2 decimals).';
    if (recipe?.needsOperator) {
      try {
        validateOperatorAddress(operatorText);
      } catch (e) {
        found.operator = e instanceof AppError ? `${e.shortMessage}. ${e.details ?? ''}`.trim() : String(e);
      }
    }
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(undefined);
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0 || !recipe) return;
    setLoading(true);
    try {
      const slippageBps = slippageTextToBps(slippageText);
      onPreview(
        await planFlow({
          recipeId: recipe.id,
          amountText,
          ...(slippageBps !== undefined ? { slippageBps } : {}),
          ...(recipe.needsOperator ? { operator: operatorText } : {}),
        }),
      );
    } catch (e) {
      // A background error about what the user typed shows under that field.
      const field = stakeFieldOfError(e instanceof AppError ? e.code : undefined);
      const view = toErrorView(e);
      if (field) setErrors({ [field]: `${view.message}. ${view.details ?? ''}`.trim() });
      else setFormError(view);
    } finally {
      setLoading(false);
    }
  }

  const max = balance > GAS_RESERVE_WEI ? balance - GAS_RESERVE_WEI : 0n;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="flex flex-col gap-3">
      <RecipePicker recipes={recipes} value={recipeId} onChange={setRecipeId} />
      <div className="flex flex-col gap-1">
        <Input
          label="Amount (ETH)"
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.0"
          value={amountText}
          onChange={(e) => setAmountText(e.target.value)}
          error={errors.amount}
        />
        <div className="flex items-center justify-between text-xs text-ink-muted">
          <span>
            Balance: <Amount value={balance} />
          </span>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => setAmountText(formatAmountExact(max))}
            title="Balance minus 0.01 ETH kept for gas"
          >
            Max
          </Button>
        </div>
      </div>
      <Input
        label="Slippage (%)"
        inputMode="decimal"
        value={slippageText}
        onChange={(e) => setSlippageText(e.target.value)}
        error={errors.slippage}
        hint="Minimum out of every mint and swap; 0.5 % suits staking."
      />
      {recipe?.needsOperator && (
        // The refusal names the full address: let it wrap instead of running out of the popup.
        <div className="[overflow-wrap:anywhere]">
          <Input
            label="EigenLayer operator address"
            placeholder="0x…"
            spellCheck={false}
            autoComplete="off"
            value={operatorText}
            onChange={(e) => setOperatorText(e.target.value)}
            error={errors.operator}
            hint="Checked on-chain with DelegationManager.isOperator."
          />
        </div>
      )}
      <InlineError error={formError} />
      <Button type="submit" block loading={loading} disabled={!recipe}>
        Preview
      </Button>
    </form>
  );
}
