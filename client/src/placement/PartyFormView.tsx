import { useId, useState, type FormEvent } from 'react';
import { CATEGORIES, type Category } from '../../../shared/enums';
import { useLocale, useMessages } from '../i18n/localeContext';
import { Field } from '../ui/Field';
import { districtName, DISTRICTS } from '../overview/districts';
import { domainMessages } from './domainMessages';
import { idHintText, MemberFields } from './MemberFields';
import { placementMessages } from './messages';
import {
  emptyMember,
  idNumberHint,
  localErrors,
  type FieldErrors,
  type MemberForm,
  type PartyForm,
} from './partyForm';

/** The API's limit on people in one party (server/routes/parties/schemas.ts). */
const PARTY_MEMBERS_MAX = 8;

interface Props {
  form: PartyForm;
  onChange: (form: PartyForm) => void;
  /** The API's field errors of the last submit, by field name. */
  serverErrors: FieldErrors;
  busy: boolean;
  onSubmit: () => void;
}

/** The party: category, people, sharing; local checks first, then the API's answer per field. */
export function PartyFormView({ form, onChange, serverErrors, busy, onSubmit }: Props) {
  const t = useMessages(placementMessages);
  const d = useMessages(domainMessages);
  const [tried, setTried] = useState(false);
  const { locale } = useLocale();
  const summaryId = useId();
  const local = tried ? localErrors(form) : {};
  const hasLocal = Object.keys(local).length > 0;

  const memberErrors = (i: number) => {
    const fields: (keyof MemberForm)[] = ['fullName', 'idNumber', 'phone', 'exposureDate', 'needs'];
    const errorOf = (field: keyof MemberForm): string | undefined => {
      const key = local[`members.${i}.${field}`];
      if (key === 'required') return t('required');
      if (key === 'invalid') return idHintText(t, idNumberHint(form.members[i].idNumber));
      return serverErrors[`members.${i}.${field}`];
    };
    return Object.fromEntries(fields.map((f) => [f, errorOf(f)]).filter(([, e]) => e)) as Partial<
      Record<keyof MemberForm, string>
    >;
  };
  const setMember = (i: number, member: MemberForm) =>
    onChange({ ...form, members: form.members.map((m, j) => (j === i ? member : m)) });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (busy || Object.keys(localErrors(form)).length > 0) return;
    onSubmit();
  }

  return (
    <form className="party-form" onSubmit={submit} noValidate aria-describedby={summaryId}>
      <div id={summaryId} role="alert" className={hasLocal ? 'notice notice--error' : undefined}>
        {hasLocal && <p className="notice__title">{t('formInvalid')}</p>}
      </div>
      <Field label={t('category')} error={serverErrors.category}>
        {(props) => (
          <select
            {...props}
            className="field__control"
            value={form.category}
            onChange={(e) => onChange({ ...form, category: e.target.value as Category })}
          >
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {d(`category.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('originDistrict')} hint={t('originHint')}>
        {(props) => (
          <select
            {...props}
            className="field__control"
            value={form.originDistrict}
            onChange={(e) => onChange({ ...form, originDistrict: e.target.value })}
          >
            <option value="">{t('originUnknown')}</option>
            {DISTRICTS.map((district) => (
              <option key={district.code} value={district.code}>
                {districtName(district.code, locale) ?? district.code}
              </option>
            ))}
          </select>
        )}
      </Field>

      <h3 className="party-form__section">{t('partySection')}</h3>
      {form.members.map((member, i) => (
        <MemberFields
          key={i}
          index={i}
          member={member}
          errors={memberErrors(i)}
          onChange={(m) => setMember(i, m)}
          onRemove={
            form.members.length > 1
              ? () => onChange({ ...form, members: form.members.filter((_, j) => j !== i) })
              : null
          }
        />
      ))}
      <div className="party-form__row">
        {form.members.length < PARTY_MEMBERS_MAX && (
          <button
            type="button"
            className="button"
            onClick={() => onChange({ ...form, members: [...form.members, emptyMember()] })}
          >
            + {t('addMember')}
          </button>
        )}
        {form.members.length > 1 && (
          <label className="needs__option">
            <input
              type="checkbox"
              checked={form.shareRoom}
              onChange={(e) => onChange({ ...form, shareRoom: e.target.checked })}
            />
            {t('shareRoom')}
          </label>
        )}
      </div>
      {serverErrors.members && <p className="field-error">{serverErrors.members}</p>}
      {serverErrors.body && <p className="field-error">{serverErrors.body}</p>}
      <button type="submit" className="button button--primary" aria-disabled={busy}>
        {busy && <span className="spinner spinner--on-brand" aria-hidden="true" />}
        {busy ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
