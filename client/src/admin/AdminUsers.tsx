import { useState, type FormEvent } from 'react';
import type { UserDto } from '../../../shared/auth';
import { ROLES, type Role } from '../../../shared/enums';
import { createUser, fetchUsers, setUserDisabled } from '../api/admin';
import { fetchSiteList } from '../api/sites';
import { useResource } from '../api/useResource';
import { authMessages } from '../auth/messages';
import { ROLE_LABEL_KEYS } from '../auth/roleLabels';
import { useMessages } from '../i18n/localeContext';
import { EmptyPanel } from '../ui/StatePanels';
import { TextInput } from './AdminSites';
import { Field } from './Field';
import { adminMessages } from './messages';
import { ListCard } from './ListCard';
import { Outcome } from './Outcome';
import { useFieldErrors, useAction } from './useAction';

/** Users with their role and sites, disable / enable, and the form that creates one. */
export function AdminUsers() {
  const t = useMessages(adminMessages);
  const ta = useMessages(authMessages);
  const users = useResource(fetchUsers);
  const toggle = useAction();

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
                      <td>{user.siteIds.join(', ')}</td>
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
      <NewUserForm onCreated={users.reload} />
    </>
  );
}

const EMPTY_USER = { username: '', displayName: '', password: '' };

function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const t = useMessages(adminMessages);
  const ta = useMessages(authMessages);
  const sites = useResource(fetchSiteList);
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
        <Field label={t('username')} error={error('username')}>
          {(props) => (
            <TextInput
              {...props}
              name="username"
              value={form.username}
              onChange={set('username')}
            />
          )}
        </Field>
        <Field label={t('displayName')} error={error('displayName')}>
          {(props) => (
            <TextInput
              {...props}
              name="displayName"
              value={form.displayName}
              onChange={set('displayName')}
            />
          )}
        </Field>
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
        <Field label={t('password')} error={error('password')}>
          {(props) => (
            <TextInput
              {...props}
              name="new-password"
              type="password"
              value={form.password}
              onChange={set('password')}
            />
          )}
        </Field>
        {role === 'site_manager' && (
          <fieldset className="admin-form__sites">
            <legend className="form-field__label">{t('sites')}</legend>
            {sites.data?.data.map((site) => (
              <label key={site.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={siteIds.includes(site.id)}
                  onChange={(e) =>
                    setSiteIds((ids) =>
                      e.target.checked ? [...ids, site.id] : ids.filter((id) => id !== site.id),
                    )
                  }
                />
                <span className="code">{site.code}</span> {site.name}
              </label>
            ))}
            {error('siteIds') && <p className="form-field__error">{error('siteIds')}</p>}
          </fieldset>
        )}
        <div className="admin-form__actions">
          <button type="submit" className="button button--primary" aria-disabled={action.busy}>
            {t('createUser')}
          </button>
        </div>
      </form>
      <Outcome action={action} />
    </section>
  );
}
