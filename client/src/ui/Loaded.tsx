import type { ReactNode } from 'react';
import type { ApiError } from '../api/http';
import { ProblemPanel } from '../api/ProblemPanel';
import { LoadingPanel } from './StatePanels';

interface Props<T> {
  data: T | null;
  error: ApiError | null;
  onRetry: () => void;
  loadingLabel: string;
  children: (data: T) => ReactNode;
}

/**
 * The three states of loaded data, the same in every view: the data (kept on screen while a
 * reload runs or after a reload failed), else the problem with Retry, else loading.
 */
export function Loaded<T>({ data, error, onRetry, loadingLabel, children }: Props<T>) {
  if (data !== null) return children(data);
  if (error) return <ProblemPanel error={error} onRetry={onRetry} />;
  return <LoadingPanel label={loadingLabel} />;
}
