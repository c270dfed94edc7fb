import { useState, type FormEvent } from 'react';
import { addDays, type IsoDate } from '../../../shared/dates';
import { useMessages } from '../i18n/localeContext';
import { Field } from '../ui/Field';
import { boardMessages } from './messages';

/** The API's shortest accepted reason (server/routes/stays/schemas.ts). */
const REASON_MIN = 3;

interface Props {
  /** What is being confirmed, shown as the form's legend. */
  title: string;
  busy: boolean;
  /** Also ask for a day after this one (an extension's new planned release). */
  dateAfter?: IsoDate;
  onConfirm: (reason: string, date: IsoDate | undefined) => void;
  onCancel: () => void;
}

/**
 * Asks for the reason an early release, a cancellation, an extension (with its new date), an
 * out-of-service or a move must carry.
 */
export function ReasonForm({ title, busy, dateAfter, onConfirm, onCancel }: Props) {
  const t = useMessages(boardMessages);
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(dateAfter ? addDays(dateAfter, 1) : '');
  const [tried, setTried] = useState(false);
  const tooShort = reason.trim().length < REASON_MIN;
  const badDate = dateAfter !== undefined && !(date > dateAfter);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (!tooShort && !badDate && !busy) onConfirm(reason.trim(), dateAfter ? date : undefined);
  }

  return (
    <form className="reason-form" onSubmit={submit} noValidate>
      <fieldset className="reason-form__set">
        <legend className="reason-form__legend">{title}</legend>
        {dateAfter && (
          <Field
            label={t('extendDate')}
            hint={tried && badDate ? undefined : t('extendDateHint', { date: dateAfter })}
            error={tried && badDate ? t('extendDateHint', { date: dateAfter }) : undefined}
          >
            {(props) => (
              <input
                {...props}
                type="date"
                className="form-field__input"
                value={date}
                min={addDays(dateAfter, 1)}
                onChange={(event) => setDate(event.target.value)}
              />
            )}
          </Field>
        )}
        <Field
          label={t('reason')}
          hint={tried && tooShort ? undefined : t('reasonHint')}
          error={tried && tooShort ? t('reasonHint') : undefined}
        >
          {(props) => (
            <input
              {...props}
              className="form-field__input"
              value={reason}
              maxLength={255}
              autoFocus
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        <div className="reason-form__actions">
          <button type="submit" className="button button--primary" aria-disabled={busy}>
            {t('confirm')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
