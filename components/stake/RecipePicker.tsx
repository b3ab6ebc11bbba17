import type { FlowRecipeView } from '../../lib/messaging/protocol';
import { Badge, cx, focusRing } from '../ui';
import type { BadgeTone } from '../ui';
import { useResource } from '../hooks/use-resource';
import { recipeYieldsStore } from './recipe-yields-store';
import { RecipeYieldDetail, RecipeYieldShort } from './RecipeYield';

const riskTone: Record<FlowRecipeView['risk'], BadgeTone> = { low: 'ok', medium: 'warn', high: 'danger' };

/**
 * The recipe list: risk and expected yield on every row; the chosen one opens to its summary, why the
 * risk, and the yield with its source. The yields arrive after the list (they need a block search).
 */
export function RecipePicker({ recipes, value, onChange }: { recipes: FlowRecipeView[]; value: string; onChange: (id: string) => void }) {
  const yields = useResource(recipeYieldsStore);
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-xs font-medium text-ink">Recipe</legend>
      <div className="flex max-h-60 flex-col gap-1 overflow-y-auto rounded-md border border-line p-1">
        {recipes.map((r) => (
          <div
            key={r.id}
            className={cx('flex flex-col gap-1 rounded p-2 text-xs', r.id === value ? 'bg-surface-muted' : 'hover:bg-surface-muted')}
          >
            <label className="flex cursor-pointer items-center gap-2">
              <input
                type="radio"
                name="recipe"
                value={r.id}
                checked={r.id === value}
                onChange={() => onChange(r.id)}
                className={focusRing}
              />
              <span className="flex flex-1 flex-col">
                <span className="font-medium text-ink">{r.title}</span>
                <RecipeYieldShort state={yields} recipeId={r.id} />
              </span>
              <Badge tone={riskTone[r.risk]} title={r.riskWhy}>
                {r.risk} risk
              </Badge>
            </label>
            {r.id === value && (
              <div className="flex flex-col gap-1 pl-5">
                <p className="text-ink-muted">
                  {r.summary} {r.riskWhy}
                </p>
                <RecipeYieldDetail state={yields} recipeId={r.id} />
              </div>
            )}
          </div>
        ))}
      </div>
    </fieldset>
  );
}
