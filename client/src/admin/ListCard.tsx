import type { ReactNode } from 'react';
import type { Resource } from '../api/useResource';
import { useMessages } from '../i18n/localeContext';
import { Loaded } from '../ui/Loaded';
import { adminMessages } from './messages';
import { Outcome } from './Outcome';
import type { Action } from './useAction';

interface Props<T> {
  headingId: string;
  title: string;
  resource: Resource<T>;
  /** The row actions' write (activate, disable, …), whose outcome shows above the list. */
  action: Action;
  children: (data: T) => ReactNode;
}

/** An administration list: its heading, the last row action's outcome, and the loaded list. */
export function ListCard<T>({ headingId, title, resource, action, children }: Props<T>) {
  const t = useMessages(adminMessages);
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId} className="card__title">
        {title}
      </h3>
      <Outcome action={action} />
      <Loaded
        data={resource.data}
        error={resource.error}
        onRetry={resource.reload}
        loadingLabel={t('loading')}
      >
        {children}
      </Loaded>
    </section>
  );
}
