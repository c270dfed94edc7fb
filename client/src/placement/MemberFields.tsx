import { useId, type ReactNode } from 'react';
import { PERSON_NEEDS, type PersonNeed } from '../../../shared/enums';
import { useMessages } from '../i18n/localeContext';
import { domainMessages } from './domainMessages';
import type { Translate } from '../i18n/locale';
import { placementMessages, type PlacementMessageKey } from './messages';
import { idNumberHint, ID_NUMBER_LENGTH, type IdNumberHint, type MemberForm } from './partyForm';

interface Props {
  index: number;
  member: MemberForm;
  /** Error text by field name (`fullName`, `idNumber`, …) for this member. */
  errors: Partial<Record<keyof MemberForm, string>>;
  onChange: (member: MemberForm) => void;
  onRemove: (() => void) | null;
}

/** The live hint under the ID number field, also its error text when the form is submitted. */
export function idHintText(t: Translate<PlacementMessageKey>, hint: IdNumberHint): string {
  return hint.kind === 'empty'
    ? t('idHint.length', { count: ID_NUMBER_LENGTH })
    : t(`idHint.${hint.kind}`, { count: 'count' in hint ? hint.count : 0 });
}

/** One person of the party: each field labelled, its error (local or the API's) right below it. */
export function MemberFields({ index, member, errors, onChange, onRemove }: Props) {
  const t = useMessages(placementMessages);
  const d = useMessages(domainMessages);
  const base = useId();
  const id = (field: string) => `${base}-${field}`;
  const hint = idNumberHint(member.idNumber);
  const hintText = idHintText(t, hint);

  const field = (
    name: keyof MemberForm,
    label: string,
    control: (describedBy: string | undefined) => ReactNode,
    note?: ReactNode,
  ) => (
    <div className="form-field">
      <label htmlFor={id(name)} className="form-field__label">
        {label}
      </label>
      {control(errors[name] || note ? id(`${name}-note`) : undefined)}
      {errors[name] ? (
        <p id={id(`${name}-note`)} className="field-error">
          {errors[name]}
        </p>
      ) : (
        note && (
          <p id={id(`${name}-note`)} className="field-note">
            {note}
          </p>
        )
      )}
    </div>
  );

  const toggleNeed = (need: PersonNeed, on: boolean) =>
    onChange({
      ...member,
      needs: on ? [...member.needs, need] : member.needs.filter((n) => n !== need),
    });

  return (
    <fieldset className="member">
      <legend className="member__legend">{t('member', { n: index + 1 })}</legend>
      <div className="member__grid">
        {field('fullName', t('fullName'), (describedBy) => (
          <input
            id={id('fullName')}
            name={`members.${index}.fullName`}
            className="form-field__input"
            value={member.fullName}
            maxLength={120}
            autoComplete="off"
            aria-invalid={Boolean(errors.fullName) || undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange({ ...member, fullName: e.target.value })}
          />
        ))}
        {field(
          'idNumber',
          t('idNumber'),
          (describedBy) => (
            <input
              id={id('idNumber')}
              name={`members.${index}.idNumber`}
              className="form-field__input code"
              value={member.idNumber}
              maxLength={ID_NUMBER_LENGTH + 2}
              autoComplete="off"
              spellCheck={false}
              inputMode="text"
              aria-invalid={Boolean(errors.idNumber) || undefined}
              aria-describedby={describedBy}
              onChange={(e) => onChange({ ...member, idNumber: e.target.value })}
            />
          ),
          <span className={hint.kind === 'ok' ? 'hint-ok' : undefined}>
            {hint.kind === 'ok' ? '✓ ' : ''}
            {hintText}
          </span>,
        )}
        {field('phone', t('phone'), (describedBy) => (
          <input
            id={id('phone')}
            name={`members.${index}.phone`}
            className="form-field__input"
            type="tel"
            value={member.phone}
            maxLength={32}
            autoComplete="off"
            aria-invalid={Boolean(errors.phone) || undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange({ ...member, phone: e.target.value })}
          />
        ))}
        {field('exposureDate', t('exposureDate'), (describedBy) => (
          <input
            id={id('exposureDate')}
            name={`members.${index}.exposureDate`}
            className="form-field__input"
            type="date"
            value={member.exposureDate}
            aria-invalid={Boolean(errors.exposureDate) || undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange({ ...member, exposureDate: e.target.value })}
          />
        ))}
      </div>
      <fieldset className="needs">
        <legend className="form-field__label">{t('needs')}</legend>
        {PERSON_NEEDS.map((need) => (
          <label key={need} className="needs__option">
            <input
              type="checkbox"
              checked={member.needs.includes(need)}
              onChange={(e) => toggleNeed(need, e.target.checked)}
            />
            {d(`need.${need}`)}
          </label>
        ))}
        {errors.needs && <p className="field-error">{errors.needs}</p>}
      </fieldset>
      {onRemove && (
        <button type="button" className="button button--small" onClick={onRemove}>
          {t('removeMember', { n: index + 1 })}
        </button>
      )}
    </fieldset>
  );
}
