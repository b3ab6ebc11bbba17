import { cx, focusRing } from './cx';
import { Address } from './Address';

/** A transaction hash, copyable, with a link to the explorer page when the network has one. */
export function TxHash({
  hash,
  href,
  className,
}: {
  hash: string;
  /** Explorer page of the transaction, if any. */ href?: string | undefined;
  className?: string;
}) {
  return (
    <span className={cx('inline-flex items-center gap-1', className)}>
      <Address address={hash} named={false} />
      {href && (
        <a
          href={href}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`View transaction ${hash} on the explorer`}
          className={cx('rounded px-1 text-xs text-brand underline', focusRing)}
        >
          View
        </a>
      )}
    </span>
  );
}
