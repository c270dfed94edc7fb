import { useMessages } from '../i18n/localeContext';
import { routeHref, type AdminSection } from '../navigation/route';
import { AdminPolicy } from './AdminPolicy';
import { AdminRooms } from './AdminRooms';
import { AdminSites } from './AdminSites';
import { AdminUsers } from './AdminUsers';
import { adminMessages, type AdminMessageKey } from './messages';

const SECTIONS: readonly { section: AdminSection; label: AdminMessageKey }[] = [
  { section: 'sites', label: 'sectionSites' },
  { section: 'rooms', label: 'sectionRooms' },
  { section: 'policy', label: 'sectionPolicy' },
  { section: 'users', label: 'sectionUsers' },
];

/** Administrators' view: sites, rooms in bulk, the policy and users, one section at a time. */
export function AdminPage({ section }: { section: AdminSection }) {
  const t = useMessages(adminMessages);
  return (
    <section className="page" aria-labelledby="admin-heading">
      <div className="page-head">
        <h2 id="admin-heading" className="page-head__title">
          {t('title')}
        </h2>
      </div>
      <nav className="admin-tabs" aria-label={t('sections')}>
        {SECTIONS.map((item) => (
          <a
            key={item.section}
            className="admin-tabs__link"
            href={routeHref({ view: 'admin', section: item.section })}
            aria-current={item.section === section ? 'page' : undefined}
          >
            {t(item.label)}
          </a>
        ))}
      </nav>
      {section === 'sites' && <AdminSites />}
      {section === 'rooms' && <AdminRooms />}
      {section === 'policy' && <AdminPolicy />}
      {section === 'users' && <AdminUsers />}
    </section>
  );
}
