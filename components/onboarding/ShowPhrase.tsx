import { useState } from 'react';
import { Button, Card } from '../ui';
import { Screen } from '../layout/Screen';
import { useOnboardingFlow } from './flow-store';
import { PhraseGrid } from './PhraseGrid';

/** Shows the new phrase once. It is not stored in the UI beyond this flow. */
export function ShowPhrase() {
  const { mnemonic, go } = useOnboardingFlow();
  const [revealed, setRevealed] = useState(false);
  if (!mnemonic) return null;
  return (
    <Screen
      title="Your recovery phrase"
      footer={
        <Button block disabled={!revealed} onClick={() => go('backup-check')}>
          I wrote it down
        </Button>
      }
    >
      <div className="flex flex-col gap-3">
        <Card className="border-warn bg-warn-soft">
          <p className="text-xs text-ink">
            Write these words down on paper, in order. Anyone with them controls your funds; Ballast cannot recover them for you. You will
            be asked for three of them next.
          </p>
        </Card>
        {revealed ? (
          <PhraseGrid mnemonic={mnemonic} />
        ) : (
          <Button variant="secondary" block onClick={() => setRevealed(true)}>
            Show the phrase (make sure nobody watches)
          </Button>
        )}
      </div>
    </Screen>
  );
}
