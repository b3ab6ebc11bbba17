/** The recovery phrase as numbered words, in reading order, two columns. */
export function PhraseGrid({ mnemonic }: { mnemonic: string }) {
  return (
    <ol aria-label="Recovery phrase" className="grid grid-cols-2 gap-1.5">
      {mnemonic.split(' ').map((word, i) => (
        <li key={i} className="flex items-center gap-2 rounded-md border border-line bg-surface-muted px-2 py-1 font-mono text-sm">
          <span className="w-5 text-right text-xs text-ink-muted">{i + 1}</span>
          <span data-testid={`phrase-word-${i}`}>{word}</span>
        </li>
      ))}
    </ol>
  );
}
