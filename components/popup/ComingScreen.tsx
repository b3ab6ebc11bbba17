import { EmptyState } from '../ui';
import { Screen } from '../layout/Screen';

/** A section whose feature is not built yet; says so plainly instead of showing made-up data. */
export function ComingScreen({ title, text }: { title: string; text: string }) {
  return (
    <Screen title={title}>
      <EmptyState title={`${title} is coming`}>{text}</EmptyState>
    </Screen>
  );
}
