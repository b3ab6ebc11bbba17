import { useState, type FormEvent } from 'react';
import { addCustomToken, refreshHomeBalances } from '../../../lib/state/balances';
import { Button, Input, InlineError } from '../../ui';
import { useAction } from '../../hooks/use-action';

/** "Add token": a contract address; the background reads its symbol and decimals and refuses what is not a token. */
export function AddTokenForm() {
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState('');
  const [added, setAdded] = useState<string>();
  const add = useAction((text: string) => addCustomToken(text));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const meta = await add.run(address);
    if (!meta) return;
    setAdded(`Added ${meta.symbol} (${meta.decimals} decimals).`);
    setAddress('');
    setOpen(false);
    void refreshHomeBalances().catch(() => undefined);
  }

  if (!open)
    return (
      <div className="flex flex-col gap-1">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setAdded(undefined);
            setOpen(true);
          }}
        >
          Add token
        </Button>
        <p role="status" className="text-xs text-ok">
          {added}
        </p>
      </div>
    );
  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-2" aria-label="Add a token">
      <Input
        label="Token contract address"
        placeholder="0x…"
        value={address}
        onChange={(e) => {
          setAddress(e.target.value);
          add.clearError();
        }}
        autoComplete="off"
        spellCheck={false}
        hint="Symbol and decimals are read from the token contract on this network."
        autoFocus
      />
      <InlineError error={add.error} />
      <div className="grid grid-cols-2 gap-2">
        <Button type="submit" size="sm" loading={add.loading}>
          Add
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setOpen(false);
            add.clearError();
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
