import type { ReactNode } from 'react';
import type { ResourceState } from '../../lib/state';
import { ErrorState, Skeleton } from '../ui';

/** Loading skeleton, error with retry, or the content once the data is there. */
export function ResourceView<T>({
  resource,
  what,
  children,
}: {
  resource: ResourceState<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (resource.data !== undefined) return <>{children(resource.data)}</>;
  if (resource.error) {
    return (
      <ErrorState
        title={`Could not load ${what}`}
        message={resource.error.message}
        details={resource.error.details}
        onRetry={() => void resource.reload()}
      />
    );
  }
  return (
    <div className="flex flex-col gap-2" aria-busy="true" aria-label={`Loading ${what}`}>
      <Skeleton className="h-12 w-full" />
      <Skeleton className="h-12 w-full" />
    </div>
  );
}
