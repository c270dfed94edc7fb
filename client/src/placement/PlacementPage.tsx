import { useState } from 'react';
import type { PartyDto } from '../../../shared/dto';
import { type ApiError } from '../api/http';
import { ProblemPanel } from '../api/ProblemPanel';
import { toApiError } from '../api/http';
import { apiMessages } from '../api/messages';
import { fieldReason } from '../api/problemText';
import { useMessages } from '../i18n/localeContext';
import { placementMessages } from './messages';
import {
  apiFieldErrors,
  emptyParty,
  toPartyInput,
  type FieldErrors,
  type PartyForm,
} from './partyForm';
import { PartyFormView } from './PartyFormView';
import { PlacementResult } from './PlacementResult';
import { createParty } from './placementApi';
import './placement.css';

/** HTTP status of a refused input: its field errors go next to their fields. */
const BAD_INPUT = 400;

/**
 * Registering a party and placing it: the form, then the suggestions with their score in words,
 * then the outcome (placed, queued with its position, or the conflict).
 */
export function PlacementPage() {
  const t = useMessages(placementMessages);
  const tApi = useMessages(apiMessages);
  const [form, setForm] = useState<PartyForm>(emptyParty);
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [party, setParty] = useState<PartyDto | null>(null);

  async function submit() {
    setBusy(true);
    setFailure(null);
    setFieldErrors({});
    try {
      setParty(await createParty(toPartyInput(form)));
    } catch (error) {
      const problem = toApiError(error);
      if (problem.status === BAD_INPUT && problem.errors.length > 0) {
        setFieldErrors(
          apiFieldErrors(problem.errors, (e) => {
            const { reason, fromServer } = fieldReason(tApi, e);
            return fromServer ? undefined : reason;
          }),
        );
      }
      setFailure(problem);
    } finally {
      setBusy(false);
    }
  }

  function next() {
    setParty(null);
    setForm(emptyParty());
    setFieldErrors({});
  }

  return (
    <section className="page placement" aria-labelledby="placement-heading">
      <div className="page-head">
        <div>
          <h2 id="placement-heading" className="page-head__title">
            {t('title')}
          </h2>
          <p className="page-head__meta">{t('intro')}</p>
        </div>
      </div>
      {party ? (
        <PlacementResult party={party} onNext={next} />
      ) : (
        <>
          {failure &&
            (Object.keys(fieldErrors).length > 0 ? (
              <p className="notice notice--error" role="alert">
                {t('formInvalid')}
              </p>
            ) : (
              <ProblemPanel error={failure} onRetry={() => void submit()} />
            ))}
          <PartyFormView
            form={form}
            onChange={setForm}
            serverErrors={fieldErrors}
            busy={busy}
            onSubmit={() => void submit()}
          />
        </>
      )}
    </section>
  );
}
