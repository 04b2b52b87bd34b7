import { useState } from 'react';
import { ApiError, api } from '../../app/api.ts';
import { type Lead, leadName, STAGES, type User } from '../../app/domain.ts';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Button, ErrorBanner, ReasonDialog, SelectField } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { leadsMessages } from './messages.ts';

interface ItemResult {
  leadId: string;
  ok: boolean;
  code?: string;
  message?: string;
}
interface Sequence {
  id: string;
  name: string;
  status: 'active' | 'paused' | 'archived';
}

/** Enrols the leads one by one (the endpoint takes one lead) and reports each failure. */
async function enrolAll(sequenceId: string, leadIds: string[]): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  for (const leadId of leadIds) {
    try {
      await api.post(`/api/v1/sequences/${encodeURIComponent(sequenceId)}/enrollments`, { leadId });
      results.push({ leadId, ok: true });
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      results.push({ leadId, ok: false, code: failure.code, message: failure.message });
    }
  }
  return results;
}

/** Actions on the selected leads: assign, change stage (with a reason), enrol in a sequence. */
export function BulkBar({
  selectedIds,
  leads,
  users,
  canAssign,
  onClear,
  onChanged,
}: {
  selectedIds: string[];
  leads: Lead[];
  users: User[];
  canAssign: boolean;
  onClear: () => void;
  onChanged: () => void;
}) {
  const t = useT(leadsMessages);
  const tc = useT(common);
  const sequences = useApi(() => api.get<{ data: Sequence[] }>('/api/v1/sequences'), []);
  const [ownerId, setOwnerId] = useState('');
  const [stage, setStage] = useState('');
  const [sequenceId, setSequenceId] = useState('');
  const [asking, setAsking] = useState<'assign' | 'stage' | null>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<ItemResult[]>();
  const [error, setError] = useState<unknown>();
  const count = selectedIds.length;
  const names = new Map(leads.map((lead) => [lead.id, leadName(lead)]));
  const ownerLabel =
    ownerId === 'none' ? t('unassigned') : (users.find((user) => user.id === ownerId)?.name ?? '');

  const run = async (work: () => Promise<ItemResult[]>) => {
    setBusy(true);
    setError(undefined);
    try {
      setResults(await work());
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const bulk = (action: object) => async () =>
    (await api.post<{ results: ItemResult[] }>('/api/v1/leads/bulk', { leadIds: selectedIds, action }))
      .results;

  const failures = results?.filter((result) => !result.ok) ?? [];
  return (
    <section className="leads-bulk card" aria-label={t('selected', { count })} data-testid="bulk-bar">
      <div className="row leads-bulk-actions">
        <strong>{t('selected', { count })}</strong>
        <Button variant="ghost" onClick={onClear}>
          {t('clearSelection')}
        </Button>
        {canAssign && (
          <>
            <SelectField
              label={t('assignTo')}
              value={ownerId}
              onChange={(event) => setOwnerId(event.target.value)}
              options={[
                { value: '', label: t('choose') },
                { value: 'none', label: t('unassigned') },
                ...users.map((user) => ({ value: user.id, label: user.name })),
              ]}
              data-testid="bulk-owner"
            />
            <Button disabled={!ownerId || busy} onClick={() => setAsking('assign')} data-testid="bulk-assign">
              {t('assign')}
            </Button>
          </>
        )}
        <SelectField
          label={t('changeStageTo')}
          value={stage}
          onChange={(event) => setStage(event.target.value)}
          options={[
            { value: '', label: t('choose') },
            ...STAGES.map((value) => ({ value, label: tc(`stage_${value}`) })),
          ]}
          data-testid="bulk-stage"
        />
        <Button disabled={!stage || busy} onClick={() => setAsking('stage')} data-testid="bulk-change-stage">
          {t('changeStage')}
        </Button>
        <SelectField
          label={t('sequence')}
          value={sequenceId}
          onChange={(event) => setSequenceId(event.target.value)}
          options={[
            { value: '', label: t('choose') },
            ...(sequences.data?.data ?? [])
              .filter((sequence) => sequence.status === 'active')
              .map((sequence) => ({ value: sequence.id, label: sequence.name })),
          ]}
          data-testid="bulk-sequence"
        />
        <Button
          disabled={!sequenceId || busy}
          onClick={() => run(() => enrolAll(sequenceId, selectedIds))}
          data-testid="bulk-enrol"
        >
          {t('enrol')}
        </Button>
        {busy && (
          <span role="status" className="muted">
            {t('working')}
          </span>
        )}
      </div>
      <ErrorBanner error={error ?? sequences.error} />
      {results && (
        <div role="status" className="leads-bulk-results" data-testid="bulk-results">
          <p>
            {t('resultSummary', { ok: results.length - failures.length, failed: failures.length })}{' '}
            <Button variant="ghost" onClick={() => setResults(undefined)}>
              {t('dismiss')}
            </Button>
          </p>
          {failures.length > 0 && (
            <>
              <h2 className="leads-bulk-failures-title">{t('failures')}</h2>
              <ul data-testid="bulk-failures">
                {failures.map((failure) => (
                  <li key={failure.leadId}>
                    {names.get(failure.leadId) ?? failure.leadId} — {failure.message}{' '}
                    <code className="error-code">{failure.code}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <ReasonDialog
        title={t('assignTitle', { count, owner: ownerLabel })}
        open={asking === 'assign'}
        onCancel={() => setAsking(null)}
        onConfirm={async (reason) => {
          setAsking(null);
          await run(bulk({ kind: 'assign', ownerId: ownerId === 'none' ? null : ownerId, reason }));
        }}
      />
      <ReasonDialog
        title={t('stageTitle', { count, stage: stage ? tc(`stage_${stage}` as 'stage_lead') : '' })}
        open={asking === 'stage'}
        onCancel={() => setAsking(null)}
        onConfirm={async (reason) => {
          setAsking(null);
          await run(bulk({ kind: 'stage', stage, reason }));
        }}
      />
    </section>
  );
}
