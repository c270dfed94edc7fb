import { useState, type FormEvent } from 'react';
import { createRooms } from '../api/admin';
import { ProblemPanel } from '../api/ProblemPanel';
import { fetchSiteList } from '../api/sites';
import { useResource } from '../api/useResource';
import { useMessages } from '../i18n/localeContext';
import { EmptyPanel, LoadingPanel } from '../ui/StatePanels';
import { Field } from '../ui/Field';
import { TextField } from '../ui/TextField';
import { adminMessages } from './messages';
import { Outcome } from './Outcome';
import { useFieldErrors, useAction } from './useAction';

const EMPTY_ROOMS = { from: '1', to: '1', roomsPerFloor: '10', beds: '1' };

/** Rooms in bulk for one site (POST /api/sites/:id/rooms): floors × rooms per floor. */
export function AdminRooms() {
  const t = useMessages(adminMessages);
  const sites = useResource(fetchSiteList);
  const [siteId, setSiteId] = useState<number | null>(null);
  const [form, setForm] = useState(EMPTY_ROOMS);
  const [accessible, setAccessible] = useState(false);
  const [family, setFamily] = useState(false);
  const action = useAction();
  const set = (field: keyof typeof EMPTY_ROOMS) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));
  const error = useFieldErrors(action.error);

  if (sites.error && !sites.data)
    return <ProblemPanel error={sites.error} onRetry={sites.reload} />;
  if (!sites.data) return <LoadingPanel label={t('loading')} />;
  if (sites.data.data.length === 0) return <EmptyPanel title={t('noSites')} />;
  const chosen = siteId ?? sites.data.data[0].id;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      floors: { from: Number(form.from), to: Number(form.to) },
      roomsPerFloor: Number(form.roomsPerFloor),
      beds: Number(form.beds),
      accessible,
      family,
    };
    const added = await action.run(
      () => createRooms(chosen, input),
      ({ created }) => t('roomsCreated', { count: created }),
    );
    if (added) sites.reload();
  }

  return (
    <section className="card" aria-labelledby="admin-rooms-heading">
      <h3 id="admin-rooms-heading" className="card__title">
        {t('roomsTitle')}
      </h3>
      <p className="card__intro">{t('roomsIntro')}</p>
      <form className="admin-form" onSubmit={submit} noValidate>
        <Field label={t('site')}>
          {(props) => (
            <select
              {...props}
              className="field__control"
              value={chosen}
              onChange={(e) => setSiteId(Number(e.target.value))}
            >
              {sites.data!.data.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.code} {site.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label={t('floorFrom')}
          error={error('floors.from') ?? error('floors')}
          name="from"
          value={form.from}
          onChange={set('from')}
          numeric
        />
        <TextField
          label={t('floorTo')}
          error={error('floors.to')}
          name="to"
          value={form.to}
          onChange={set('to')}
          numeric
        />
        <TextField
          label={t('roomsPerFloor')}
          error={error('roomsPerFloor')}
          name="roomsPerFloor"
          value={form.roomsPerFloor}
          onChange={set('roomsPerFloor')}
          numeric
        />
        <TextField
          label={t('beds')}
          error={error('beds')}
          name="beds"
          value={form.beds}
          onChange={set('beds')}
          numeric
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={accessible}
            onChange={(e) => setAccessible(e.target.checked)}
          />
          {t('accessible')}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={family} onChange={(e) => setFamily(e.target.checked)} />
          {t('family')}
        </label>
        <div className="admin-form__actions">
          <button type="submit" className="button button--primary" aria-disabled={action.busy}>
            {t('createRooms')}
          </button>
        </div>
      </form>
      <Outcome
        action={action}
        fieldLabels={{
          floors: `${t('floorFrom')}–${t('floorTo')}`,
          'floors.from': t('floorFrom'),
          'floors.to': t('floorTo'),
          roomsPerFloor: t('roomsPerFloor'),
          beds: t('beds'),
        }}
      />
    </section>
  );
}
