import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { Button } from '../ui';

/** How long a request's Approve stays inert after it appears or its content changes: time to read, not to click through. */
export const ARM_DELAY_MS = 1_000;

/**
 * The Approve control of one request. It is inert until ARM_DELAY_MS after `armKey` last changed (a new
 * request, or new content such as the finished risk preview), and it only acts on a press that began
 * after that: the second click of a double click, or a held Enter's auto-repeat, that began on the
 * previous request never approves this one.
 */
export function ApproveButton({
  armKey,
  onApprove,
  loading,
  blocked,
  children,
}: {
  armKey: string;
  onApprove: () => void;
  loading: boolean;
  blocked: boolean;
  children: string;
}) {
  const [armedAt, setArmedAt] = useState<number>();
  const pressStartedAt = useRef(0);
  useEffect(() => {
    setArmedAt(undefined);
    const timer = setTimeout(() => setArmedAt(performance.now()), ARM_DELAY_MS);
    return () => clearTimeout(timer);
  }, [armKey]);

  const armed = armedAt !== undefined;
  const pressBegan = () => (pressStartedAt.current = performance.now());
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    // A held key repeats keydown (and Enter clicks on each): only a fresh press counts.
    if (event.repeat) event.preventDefault();
    else pressBegan();
  };
  const onClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (!armed || pressStartedAt.current < armedAt) {
      event.preventDefault();
      return;
    }
    onApprove();
  };

  return (
    <Button
      onPointerDown={pressBegan}
      onKeyDown={onKeyDown}
      onClick={onClick}
      loading={loading}
      disabled={blocked || !armed}
      data-armed={armed ? 'true' : 'false'}
    >
      {children}
    </Button>
  );
}
