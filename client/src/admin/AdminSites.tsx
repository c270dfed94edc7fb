import { useState, type FormEvent } from 'react';
import type { SiteCreateInput, SiteWithOccupancyDto } from '../../../shared/dto';
import { SITE_KINDS, type SiteKind } from '../../../shared/enums';
import { changeSiteStatus, createSite } from '../api/admin';
import { fetchSiteList } from '../api/sites';
import { useResource } from '../api/useResource';
import { useLocale, useMessages } from '../i18n/localeContext';
import { districtName } from '../overview/districts';
import { sitesMessages } from '../sites/messages';
import { SITE_KIND_LABEL_KEYS } from '../sites/siteLabels';
import { StatusBadge } from '../sites/StatusBadge';
import { Field } from '../ui/Field';
import { TextField } from '../ui/TextField';
import { adminMessages } from './messages';
import { ListCard } from './ListCard';
import { Outcome } from './Outcome';
import { useFieldErrors, useAction } from './useAction';
import districtData from '../../../seeders/data/zhengzhou-districts.json';

type InitialStatus = NonNullable<SiteCreateInput['status']>;

const EMPTY_SITE = {
  code: '',
  name: '',
  district: districtData.districts[0].code,
  address: '',
  latitude: '34.75',
  longitude: '113.65',
  kind: 'hotel' as SiteKind,
  status: 'preparing' as InitialStatus,
  activationLeadHours: '',
};

/** Every site with the status actions an admin has, and the form that registers a new one. */
export function AdminSites() {
  const t = useMessages(adminMessages);
  const ts = useMessages(sitesMessages);
  const sites = useResource(fetchSiteList);
  const statusAction = useAction();

  async function change(site: SiteWithOccupancyDto, action: 'activate' | 'suspend') {
    const changed = await statusAction.run(
      () => changeSiteStatus(site.id, action),
      () => t(action === 'activate' ? 'activated' : 'suspended', { code: site.code }),
    );
    if (changed) sites.reload();
  }

  return (
    <>
      <ListCard
        headingId="admin-sites-heading"
        title={t('sitesTitle')}
        resource={sites}
        action={statusAction}
      >
        {(list) => (
          <div className="table-frame">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{ts('colCode')}</th>
                  <th scope="col">{ts('colName')}</th>
                  <th scope="col">{ts('colStatus')}</th>
                  <th scope="col" className="num">
                    {ts('colBeds')}
                  </th>
                  <th scope="col">{t('colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((site) => (
                  <tr key={site.id}>
                    <td>
                      <span className="code">{site.code}</span>
                    </td>
                    <th scope="row">{site.name}</th>
                    <td>
                      <StatusBadge status={site.status} />
                    </td>
                    <td className="num">{site.occupancy.beds}</td>
                    <td>
                      {site.status === 'active' ? (
                        <button
                          type="button"
                          className="button"
                          aria-disabled={statusAction.busy}
                          onClick={() => void change(site, 'suspend')}
                        >
                          {t('suspend')} <span className="visually-hidden">{site.code}</span>
                        </button>
                      ) : site.status !== 'closed' ? (
                        <button
                          type="button"
                          className="button button--primary"
                          aria-disabled={statusAction.busy}
                          onClick={() => void change(site, 'activate')}
                        >
                          {t('activate')} <span className="visually-hidden">{site.code}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListCard>
      <NewSiteForm onCreated={sites.reload} />
    </>
  );
}

function NewSiteForm({ onCreated }: { onCreated: () => void }) {
  const t = useMessages(adminMessages);
  const ts = useMessages(sitesMessages);
  const { locale } = useLocale();
  const [form, setForm] = useState(EMPTY_SITE);
  const action = useAction();
  const set = (field: keyof typeof EMPTY_SITE) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));
  const error = useFieldErrors(action.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input: SiteCreateInput = {
      code: form.code.trim(),
      name: form.name.trim(),
      district: form.district,
      address: form.address.trim(),
      latitude: Number(form.latitude),
      longitude: Number(form.longitude),
      kind: form.kind,
      status: form.status,
      activationLeadHours:
        form.activationLeadHours === '' ? null : Number(form.activationLeadHours),
    };
    if (
      await action.run(
        () => createSite(input),
        () => t('siteCreated', { code: input.code }),
      )
    ) {
      setForm(EMPTY_SITE);
      onCreated();
    }
  }

  return (
    <section className="card" aria-labelledby="new-site-heading">
      <h3 id="new-site-heading" className="card__title">
        {t('newSite')}
      </h3>
      <form className="admin-form" onSubmit={submit} noValidate>
        <TextField
          label={t('code')}
          hint={t('codeHint')}
          error={error('code')}
          name="code"
          value={form.code}
          onChange={set('code')}
        />
        <TextField
          label={t('name')}
          error={error('name')}
          name="name"
          value={form.name}
          onChange={set('name')}
        />
        <Field label={t('district')} error={error('district')}>
          {(props) => (
            <select
              {...props}
              className="field__control"
              value={form.district}
              onChange={(e) => set('district')(e.target.value)}
            >
              {districtData.districts.map((d) => (
                <option key={d.code} value={d.code}>
                  {districtName(d.code, locale)} {d.code}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label={t('address')}
          error={error('address')}
          name="address"
          value={form.address}
          onChange={set('address')}
        />
        <TextField
          label={t('latitude')}
          error={error('latitude')}
          name="latitude"
          value={form.latitude}
          onChange={set('latitude')}
          numeric
        />
        <TextField
          label={t('longitude')}
          error={error('longitude')}
          name="longitude"
          value={form.longitude}
          onChange={set('longitude')}
          numeric
        />
        <Field label={t('kind')} error={error('kind')}>
          {(props) => (
            <select
              {...props}
              className="field__control"
              value={form.kind}
              onChange={(e) => set('kind')(e.target.value)}
            >
              {SITE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {ts(SITE_KIND_LABEL_KEYS[kind])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('initialStatus')} error={error('status')}>
          {(props) => (
            <select
              {...props}
              className="field__control"
              value={form.status}
              onChange={(e) => set('status')(e.target.value)}
            >
              <option value="preparing">{ts('statusPreparing')}</option>
              <option value="active">{ts('statusActive')}</option>
              <option value="standby">{ts('statusStandby')}</option>
            </select>
          )}
        </Field>
        <TextField
          label={t('leadHours')}
          hint={t('leadHoursHint')}
          error={error('activationLeadHours')}
          name="activationLeadHours"
          value={form.activationLeadHours}
          onChange={set('activationLeadHours')}
          numeric
        />
        <div className="admin-form__actions">
          <button type="submit" className="button button--primary" aria-disabled={action.busy}>
            {t('createSite')}
          </button>
        </div>
      </form>
      <Outcome
        action={action}
        fieldLabels={{
          code: t('code'),
          name: t('name'),
          district: t('district'),
          address: t('address'),
          latitude: t('latitude'),
          longitude: t('longitude'),
          kind: t('kind'),
          status: t('initialStatus'),
          activationLeadHours: t('leadHours'),
        }}
      />
    </section>
  );
}
