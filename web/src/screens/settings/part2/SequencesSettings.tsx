import { useState } from 'react';
import { api } from '../../../app/api.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { useSession } from '../../../app/session.tsx';
import { Badge, Button, EmptyState, ErrorBanner, Loading } from '../../../app/ui.tsx';
import { useApi } from '../../../app/use-api.ts';
import './part2.css';
import { sequencesMessages } from './messages.ts';
import { SequenceEditor } from './SequenceEditor.tsx';
import { SequenceStats } from './SequenceStats.tsx';
import type { TemplateSummary } from './StepEditor.tsx';
import { TemplatesEditor } from './TemplatesEditor.tsx';

interface Sequence {
  id: string;
  name: string;
  status: 'active' | 'paused' | 'archived';
  version: number;
  systemKey: string | null;
  definition: Record<string, unknown>;
  updatedAt: string;
}

/** Sequences (status, statistics, form-based editor) and the message templates they send. */
export function SequencesSettings() {
  const t = useT(sequencesMessages);
  const { me } = useSession();
  // Admins and marketers write sequences and templates; reps read them (and preview templates).
  const canWrite = me?.role === 'admin' || me?.role === 'marketer';
  const format = useFormat();
  const sequences = useApi(() => api.get<{ data: Sequence[] }>('/api/v1/sequences'), []);
  const templates = useApi(
    () => api.get<{ data: (TemplateSummary & Record<string, unknown>)[] }>('/api/v1/templates'),
    [],
  );
  const [editing, setEditing] = useState<Sequence | 'new' | null>(null);
  const [statsOf, setStatsOf] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState<unknown>();

  const setStatus = async (sequence: Sequence, action: 'pause' | 'resume') => {
    setFailure(undefined);
    try {
      await api.post(`/api/v1/sequences/${sequence.id}/${action}`);
      sequences.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section
      className="p2-section"
      aria-labelledby="settings-sequences-title"
      data-testid="settings-sequences"
    >
      <h2 id="settings-sequences-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {!canWrite && <p className="p2-note">{t('readOnly')}</p>}
      <p role="status">{notice}</p>
      <ErrorBanner error={failure} />
      {sequences.loading && !sequences.data && <Loading />}
      <ErrorBanner error={sequences.error} onRetry={sequences.reload} />
      {sequences.data && sequences.data.data.length === 0 && <EmptyState>{t('noSequences')}</EmptyState>}
      {sequences.data && sequences.data.data.length > 0 && (
        <table className="data" data-testid="sequence-list">
          <caption className="sr-only">{t('title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col" className="num">
                {t('version')}
              </th>
              <th scope="col">{t('updated')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sequences.data.data.map((sequence) => (
              <tr key={sequence.id} data-testid={`sequence-row-${sequence.id}`}>
                <th scope="row">{sequence.name}</th>
                <td>
                  <Badge kind={sequence.status === 'active' ? 'ok' : 'stage'}>
                    {t(`status_${sequence.status}`)}
                  </Badge>
                </td>
                <td className="num">{format.number(sequence.version)}</td>
                <td>{format.dateTime(sequence.updatedAt)}</td>
                <td>
                  <div className="row">
                    <Button
                      onClick={() => setStatsOf(statsOf === sequence.id ? null : sequence.id)}
                      aria-expanded={statsOf === sequence.id}
                      aria-label={t('statsOf', { name: sequence.name })}
                      data-testid={`sequence-stats-${sequence.id}`}
                    >
                      {t('stats')}
                    </Button>
                    {canWrite && (
                      <Button
                        onClick={() => setEditing(sequence)}
                        aria-label={t('editNamed', { name: sequence.name })}
                        data-testid={`sequence-edit-${sequence.id}`}
                      >
                        {t('edit')}
                      </Button>
                    )}
                    {canWrite && sequence.status === 'active' && (
                      <Button
                        onClick={() => setStatus(sequence, 'pause')}
                        aria-label={t('pauseNamed', { name: sequence.name })}
                        data-testid={`sequence-pause-${sequence.id}`}
                      >
                        {t('pause')}
                      </Button>
                    )}
                    {canWrite && sequence.status === 'paused' && (
                      <Button
                        onClick={() => setStatus(sequence, 'resume')}
                        aria-label={t('resumeNamed', { name: sequence.name })}
                        data-testid={`sequence-resume-${sequence.id}`}
                      >
                        {t('resume')}
                      </Button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {statsOf && (
        <div className="card">
          <h3>
            {t('statsOf', {
              name: sequences.data?.data.find((sequence) => sequence.id === statsOf)?.name ?? '',
            })}
          </h3>
          <SequenceStats
            sequenceId={statsOf}
            name={sequences.data?.data.find((sequence) => sequence.id === statsOf)?.name ?? ''}
          />
        </div>
      )}
      {editing === null ? (
        canWrite && (
          <div>
            <Button variant="primary" onClick={() => setEditing('new')} data-testid="sequence-new">
              {t('newSequence')}
            </Button>
          </div>
        )
      ) : (
        <div className="card">
          <SequenceEditor
            key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
            sequence={editing === 'new' ? null : editing}
            templates={templates.data?.data ?? []}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null);
              setNotice(t('savedVersion', { version: saved.version }));
              sequences.reload();
            }}
          />
        </div>
      )}
      <TemplatesEditor templates={templates} canWrite={canWrite} />
    </section>
  );
}
