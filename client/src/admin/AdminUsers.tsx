import { useState, type FormEvent } from 'react';
import type { UserDto } from '../../../shared/auth';
import type { SiteWithOccupancyDto } from '../../../shared/dto';
import { ROLES, type Role } from '../../../shared/enums';
import { createUser, fetchUsers, setUserDisabled, updateUser } from '../api/admin';
import { fetchSiteList } from '../api/sites';
import { useResource } from '../api/useResource';
import { authMessages } from '../auth/messages';
import { ROLE_LABEL_KEYS } from '../auth/roleLabels';
import { useMessages } from '../i18n/localeContext';
import { EmptyPanel } from '../ui/StatePanels';
import { Field } from '../ui/Field';
import { TextField } from '../ui/TextField';
import { adminMessages } from './messages';
import { ListCard } from './ListCard';
import { Outcome } from './Outcome';
import { useFieldErrors, useAction } from './useAction';

/** Users with their role and sites (by code and name), disable / enable, a site manager's sites
 * changed in place, and the form that creates a user. */
export function AdminUsers() {
  const t = useMessages(adminMessages);
  const ta = useMessages(authMessages);
  const users = useResource(fetchUsers);
  const sites = useResource(fetchSiteList);
  const siteList = sites.data?.data ?? null;
  const toggle = useAction();
  const [editing, setEditing] = useState<number | null>(null);

  async function flip(user: UserDto) {
    const flipped = await toggle.run(
      () => setUserDisabled(user.id, !user.disabled),
      () => t(user.disabled ? 'userEnabled' : 'userDisabled', { username: user.username }),
    );
    if (flipped) users.reload();
  }

  return (
    <>
      <ListCard
        headingId="admin-users-heading"
        title={t('usersTitle')}
        resource={users}
        action={toggle}
      >
        {(list) =>
          list.length === 0 ? (
            <EmptyPanel title={t('noUsers')} />
          ) : (
            <div className="table-frame">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('username')}</th>
                    <th scope="col">{t('displayName')}</th>
                    <th scope="col">{t('role')}</th>
                    <th scope="col">{t('sites')}</th>
                    <th scope="col">{t('state')}</th>
                    <th scope="col">{t('colActions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((user) => (
                    <tr key={user.id}>
                      <th scope="row" className="code">
                        {user.username}
                      </th>
                      <td>{user.displayName}</td>
                      <td>{ta(ROLE_LABEL_KEYS[user.role])}</td>
                      <td>
                        {editing === user.id && siteList ? (
                          <SiteEditor
                            user={user}
                            sites={siteList}
                            onDone={(saved) => {
                              setEditing(null);
                              if (saved) {
                                users.update((all) =>
                                  all.map((u) => (u.id === saved.id ? saved : u)),
                                );
                              }
                            }}
                          />
                        ) : (
                          <>
                            <SiteNames ids={user.siteIds} sites={siteList} />
                            {user.role === 'site_manager' && siteList && (
                              <button
                                type="button"
                                className="button button--small"
                                onClick={() => setEditing(user.id)}
                              >
                                {t('editSites')}{' '}
                                <span className="visually-hidden">{user.username}</span>
                              </button>
                            )}
                          </>
                        )}
                      </td>
                      <td>{t(user.disabled ? 'disabled' : 'enabled')}</td>
                      <td>
                        <button
                          type="button"
                          className="button"
                          aria-disabled={toggle.busy}
                          onClick={() => void flip(user)}
                        >
                          {t(user.disabled ? 'enable' : 'disable')}{' '}
                          <span className="visually-hidden">{user.username}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ListCard>
      <NewUserForm sites={siteList} onCreated={users.reload} />
    </>
  );
}

/** A user's sites as "CODE name", or the ids while the site list loads. */
function SiteNames({
  ids,
  sites,
}: {
  ids: readonly number[];
  sites: readonly SiteWithOccupancyDto[] | null;
}) {
  const t = useMessages(adminMessages);
  if (ids.length === 0) return <span className="muted">{t('noSitesAssigned')}</span>;
  return (
    <ul className="site-names">
      {ids.map((id) => {
        const site = sites?.find((s) => s.id === id);
        return (
          <li key={id}>
            {site ? (
              <>
                <span className="code">{site.code}</span> {site.name}
              </>
            ) : (
              `#${id}`
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Ticks of every site by code and name: a site manager's sites. */
function SitePicker({
  sites,
  value,
  onChange,
  error,
}: {
  sites: readonly SiteWithOccupancyDto[] | null;
  value: readonly number[];
  onChange: (ids: number[]) => void;
  error?: string;
}) {
  const t = useMessages(adminMessages);
  return (
    <fieldset className="admin-form__sites">
      <legend className="form-field__label">{t('sites')}</legend>
      {sites === null && <p role="status">{t('loadingSites')}</p>}
      {sites?.map((site) => (
        <label key={site.id} className="checkbox">
          <input
            type="checkbox"
            checked={value.includes(site.id)}
            onChange={(e) =>
              onChange(
                e.target.checked ? [...value, site.id] : value.filter((id) => id !== site.id),
              )
            }
          />
          <span className="code">{site.code}</span> {site.name}
        </label>
      ))}
      {error && <p className="form-field__error">{error}</p>}
    </fieldset>
  );
}

/** Changes a site manager's sites in place: the picker, Save and Cancel. */
function SiteEditor({
  user,
  sites,
  onDone,
}: {
  user: UserDto;
  sites: readonly SiteWithOccupancyDto[];
  /** The user as saved, or null when the edit was cancelled. */
  onDone: (saved: UserDto | null) => void;
}) {
  const t = useMessages(adminMessages);
  const [siteIds, setSiteIds] = useState<number[]>(user.siteIds);
  const action = useAction();
  const error = useFieldErrors(action.error);

  async function save(event: FormEvent) {
    event.preventDefault();
    let saved: UserDto | null = null;
    await action.run(
      async () => (saved = await updateUser(user.id, { siteIds })),
      () => t('userSitesSaved', { username: user.username }),
    );
    if (saved) onDone(saved);
  }

  return (
    <form className="site-editor" onSubmit={save} noValidate>
      <SitePicker sites={sites} value={siteIds} onChange={setSiteIds} error={error('siteIds')} />
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" aria-disabled={action.busy}>
          {t('saveSites')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('cancelEdit')}
        </button>
      </div>
      <Outcome action={action} />
    </form>
  );
}

const EMPTY_USER = { username: '', displayName: '', password: '' };

function NewUserForm({
  sites,
  onCreated,
}: {
  sites: readonly SiteWithOccupancyDto[] | null;
  onCreated: () => void;
}) {
  const t = useMessages(adminMessages);
  const ta = useMessages(authMessages);
  const [form, setForm] = useState(EMPTY_USER);
  const [role, setRole] = useState<Role>('official');
  const [siteIds, setSiteIds] = useState<number[]>([]);
  const action = useAction();
  const set = (field: keyof typeof EMPTY_USER) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));
  const error = useFieldErrors(action.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      username: form.username.trim(),
      displayName: form.displayName.trim(),
      password: form.password,
      role,
      ...(role === 'site_manager' ? { siteIds } : {}),
    };
    if (
      await action.run(
        () => createUser(input),
        () => t('userCreated', { username: input.username }),
      )
    ) {
      setForm(EMPTY_USER);
      setSiteIds([]);
      onCreated();
    }
  }

  return (
    <section className="card" aria-labelledby="new-user-heading">
      <h3 id="new-user-heading" className="card__title">
        {t('newUser')}
      </h3>
      <form className="admin-form" onSubmit={submit} noValidate>
        <TextField
          label={t('username')}
          error={error('username')}
          name="username"
          value={form.username}
          onChange={set('username')}
        />
        <TextField
          label={t('displayName')}
          error={error('displayName')}
          name="displayName"
          value={form.displayName}
          onChange={set('displayName')}
        />
        <Field label={t('role')} error={error('role')}>
          {(props) => (
            <select
              {...props}
              className="field__control"
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ta(ROLE_LABEL_KEYS[r])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label={t('password')}
          error={error('password')}
          name="new-password"
          type="password"
          value={form.password}
          onChange={set('password')}
        />
        {role === 'site_manager' && (
          <SitePicker
            sites={sites}
            value={siteIds}
            onChange={setSiteIds}
            error={error('siteIds')}
          />
        )}
        <div className="admin-form__actions">
          <button type="submit" className="button button--primary" aria-disabled={action.busy}>
            {t('createUser')}
          </button>
        </div>
      </form>
      <Outcome
        action={action}
        fieldLabels={{
          username: t('username'),
          displayName: t('displayName'),
          role: t('role'),
          password: t('password'),
          siteIds: t('sites'),
        }}
      />
    </section>
  );
}
