import { useAuth } from '../auth/authContext';
import { useMessages } from '../i18n/localeContext';
import { landingRoute, routeHref } from '../navigation/route';
import { shellMessages } from './messages';

/** Shown for a view the role may open but that this build does not have yet. */
export function UnavailableView() {
  const t = useMessages(shellMessages);
  const { user } = useAuth();
  return (
    <section className="page" aria-labelledby="unavailable-heading">
      <div className="panel panel--empty">
        <h2 id="unavailable-heading" className="panel__title">
          {t('unavailableTitle')}
        </h2>
        <p className="panel__text">{t('unavailableText')}</p>
        {user && (
          <a className="button" href={routeHref(landingRoute(user.role))}>
            {t('unavailableBack')}
          </a>
        )}
      </div>
    </section>
  );
}
