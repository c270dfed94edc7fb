import { useState, type FormEvent } from 'react';
import { CATEGORIES, type Category } from '../../../shared/enums';
import type { AllocationWeights, PolicyDocument } from '../../../shared/policy';
import { fetchPolicy, savePolicy } from '../api/admin';
import { ProblemPanel } from '../api/ProblemPanel';
import { useResource } from '../api/useResource';
import { useMessages } from '../i18n/localeContext';
import { LoadingPanel } from '../ui/StatePanels';
import { TextField } from '../ui/TextField';
import { adminMessages, type AdminMessageKey } from './messages';
import { Outcome } from './Outcome';
import { useFieldErrors, useAction } from './useAction';

const CATEGORY_LABELS: Record<Category, AdminMessageKey> = {
  close_contact: 'catCloseContact',
  secondary_contact: 'catSecondary',
  inbound_traveller: 'catInbound',
  high_risk_arrival: 'catHighRisk',
};

const WEIGHT_LABELS: Record<keyof AllocationWeights, AdminMessageKey> = {
  distance: 'weightDistance',
  openFirst: 'weightOpenFirst',
  bestFit: 'weightBestFit',
  householdProximity: 'weightHousehold',
  cohort: 'weightCohort',
  utilizationCeiling: 'weightCeiling',
};

/** The policy editor: loads the policy in force, edits it, and PUTs the whole document back. */
export function AdminPolicy() {
  const t = useMessages(adminMessages);
  const policy = useResource(fetchPolicy);
  if (policy.error && !policy.data)
    return <ProblemPanel error={policy.error} onRetry={policy.reload} />;
  if (!policy.data) return <LoadingPanel label={t('loading')} />;
  return <PolicyForm initial={policy.data} />;
}

/** Numbers are edited as text so a half-typed value is kept as typed; the API validates them. */
/** After saving, the form keeps what it sent: it is what the server now holds. */
function PolicyForm({ initial }: { initial: PolicyDocument }) {
  const t = useMessages(adminMessages);
  const [draft, setDraft] = useState(() => toDraft(initial));
  const action = useAction();
  const error = useFieldErrors(action.error);
  const setTop = (field: keyof Draft['top']) => (value: string) =>
    setDraft((d) => ({ ...d, top: { ...d.top, [field]: value } }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    await action.run(
      () => savePolicy(fromDraft(initial, draft)),
      () => t('saved'),
    );
  }

  return (
    <section className="card" aria-labelledby="policy-heading">
      <h3 id="policy-heading" className="card__title">
        {t('policyTitle')}
      </h3>
      <form onSubmit={submit} noValidate>
        <div className="table-frame">
          <table className="data-table policy-table">
            <thead>
              <tr>
                <th scope="col">{t('category')}</th>
                <th scope="col">{t('quarantineDays')}</th>
                <th scope="col">{t('testDays')}</th>
                <th scope="col">{t('priority')}</th>
              </tr>
            </thead>
            <tbody>
              {CATEGORIES.map((category) => {
                const row = draft.categories[category];
                const update = (field: keyof CategoryDraft) => (value: string) =>
                  setDraft((d) => ({
                    ...d,
                    categories: {
                      ...d.categories,
                      [category]: { ...d.categories[category], [field]: value },
                    },
                  }));
                const cell = (field: keyof CategoryDraft, label: AdminMessageKey) => {
                  const message = error(`categories.${category}.${field}`);
                  return (
                    <td>
                      <input
                        className="form-field__input"
                        aria-label={`${t(CATEGORY_LABELS[category])} ${t(label)}`}
                        aria-invalid={message ? true : undefined}
                        value={row[field]}
                        onChange={(e) => update(field)(e.target.value)}
                      />
                      {message && <p className="form-field__error">{message}</p>}
                    </td>
                  );
                };
                return (
                  <tr key={category}>
                    <th scope="row">{t(CATEGORY_LABELS[category])}</th>
                    {cell('quarantineDays', 'quarantineDays')}
                    {cell('testDays', 'testDays')}
                    {cell('priority', 'priority')}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="admin-form">
          {(
            [
              ['cleaningHours', 'cleaningHours', 'cleaningHours'],
              ['utilizationCeiling', 'utilizationCeiling', 'utilizationCeiling'],
              ['cityFreeBedsBelow', 'cityFreeBedsBelow', 'alerts.cityFreeBedsBelow'],
              ['waitingOverMinutes', 'waitingOverMinutes', 'alerts.waitingOverMinutes'],
            ] as const
          ).map(([field, label, path]) => (
            <TextField
              key={field}
              label={t(label)}
              error={error(path)}
              name={field}
              value={draft.top[field]}
              onChange={setTop(field)}
              numeric
            />
          ))}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.oneCategoryPerFloor}
              onChange={(e) => setDraft((d) => ({ ...d, oneCategoryPerFloor: e.target.checked }))}
            />
            {t('oneCategoryPerFloor')}
          </label>
        </div>
        <fieldset className="admin-form">
          <legend className="form-field__label">{t('weights')}</legend>
          {(Object.keys(WEIGHT_LABELS) as (keyof AllocationWeights)[]).map((weight) => (
            <TextField
              key={weight}
              label={t(WEIGHT_LABELS[weight])}
              error={error(`weights.${weight}`)}
              name={weight}
              value={draft.weights[weight]}
              onChange={(value) =>
                setDraft((d) => ({ ...d, weights: { ...d.weights, [weight]: value } }))
              }
              numeric
            />
          ))}
        </fieldset>
        <div className="admin-form__actions">
          <button type="submit" className="button button--primary" aria-disabled={action.busy}>
            {t('savePolicy')}
          </button>
        </div>
      </form>
      <Outcome action={action} />
    </section>
  );
}

interface CategoryDraft {
  quarantineDays: string;
  testDays: string;
  priority: string;
}

interface Draft {
  categories: Record<Category, CategoryDraft>;
  top: {
    cleaningHours: string;
    utilizationCeiling: string;
    cityFreeBedsBelow: string;
    waitingOverMinutes: string;
  };
  oneCategoryPerFloor: boolean;
  weights: Record<keyof AllocationWeights, string>;
}

function toDraft(policy: PolicyDocument): Draft {
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => {
      const p = policy.categories[c];
      return [
        c,
        {
          quarantineDays: String(p.quarantineDays),
          testDays: p.testDays.join(', '),
          priority: String(p.priority),
        },
      ];
    }),
  ) as Record<Category, CategoryDraft>;
  const weights = Object.fromEntries(
    Object.entries(policy.weights).map(([k, v]) => [k, String(v)]),
  ) as Record<keyof AllocationWeights, string>;
  return {
    categories,
    top: {
      cleaningHours: String(policy.cleaningHours),
      // Shown as a percentage, stored as a ratio.
      utilizationCeiling: String(Math.round(policy.utilizationCeiling * 1000) / 10),
      cityFreeBedsBelow: String(policy.alerts.cityFreeBedsBelow),
      waitingOverMinutes: String(policy.alerts.waitingOverMinutes),
    },
    oneCategoryPerFloor: policy.oneCategoryPerFloor,
    weights,
  };
}

/**
 * Text back to numbers. Something that is not a number becomes NaN, which JSON sends as null, so
 * the API refuses it naming the field rather than the form guessing.
 */
function fromDraft(initial: PolicyDocument, draft: Draft): PolicyDocument {
  const n = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => {
      const row = draft.categories[c];
      return [
        c,
        {
          quarantineDays: n(row.quarantineDays),
          testDays: row.testDays
            .split(/[,，\s]+/)
            .filter(Boolean)
            .map(Number),
          priority: n(row.priority),
        },
      ];
    }),
  ) as PolicyDocument['categories'];
  const weights = Object.fromEntries(
    Object.entries(draft.weights).map(([k, v]) => [k, n(v)]),
  ) as unknown as AllocationWeights;
  return {
    ...initial,
    categories,
    cleaningHours: n(draft.top.cleaningHours),
    utilizationCeiling: n(draft.top.utilizationCeiling) / 100,
    oneCategoryPerFloor: draft.oneCategoryPerFloor,
    weights,
    alerts: {
      cityFreeBedsBelow: n(draft.top.cityFreeBedsBelow),
      waitingOverMinutes: n(draft.top.waitingOverMinutes),
    },
  };
}
