import { useState } from 'react';
import { api } from '../../app/api.ts';
import { isDemo, type Lead, leadName, STAGES, type User } from '../../app/domain.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import {
  Badge,
  Button,
  PageHeader,
  ReasonDialog,
  SelectField,
  StageBadge,
  TemperatureBadge,
} from '../../app/ui.tsx';
import type { Checklist } from './lead-data.ts';
import { leadMessages } from './messages.ts';

// Stages from which a rep may confirm an SQL (the server's rule; it answers 409 otherwise).
const CONFIRMABLE = ['subscriber', 'lead', 'recycled', 'mql'];

/**
 * The record's header: who the lead is, where it stands (stage, temperature, score), who owns it, and
 * the two actions that need a reason: moving the stage and changing the owner.
 */
export function LeadHeader({
  lead,
  users,
  checklist,
  onChanged,
}: {
  lead: Lead;
  users: User[];
  checklist: Checklist | undefined;
  onChanged: (lead: Lead) => void;
}) {
  const t = useT(leadMessages);
  const tc = useT(common);
  const format = useFormat();
  const { me } = useSession();
  const role = me?.role;
  const [stage, setStage] = useState<string>('');
  const [dialog, setDialog] = useState<'stage' | 'owner' | 'sql' | null>(null);
  const [ownerId, setOwnerId] = useState<string>('');
  const [notice, setNotice] = useState('');

  const owner = users.find((user) => user.id === lead.ownerId);
  const subtitle =
    lead.jobTitle && lead.company?.name
      ? t('jobAt', { job: lead.jobTitle, company: lead.company.name })
      : (lead.jobTitle ?? lead.company?.name ?? '');
  const canConfirmSql =
    (role === 'admin' || role === 'sales_rep') &&
    checklist?.verdict === 'sql' &&
    CONFIRMABLE.includes(lead.stage);
  const canChangeOwner = role === 'admin' || role === 'marketer';

  const stageOptions = [
    { value: '', label: `— ${t('newStage')} —` },
    ...STAGES.filter((value) => value !== lead.stage).map((value) => ({
      value,
      label: tc(`stage_${value}` as 'stage_lead'),
    })),
  ];
  const ownerOptions = [
    { value: '', label: t('noOwner') },
    ...users.filter((user) => user.isActive).map((user) => ({ value: user.id, label: user.name })),
  ];

  const run = async (work: () => Promise<Lead>, done: string) => {
    const updated = await work();
    setDialog(null);
    setStage('');
    setNotice(done);
    onChanged(updated);
  };

  return (
    <>
      <p className="lead-back">
        <Link to="/leads">← {t('back')}</Link>
      </p>
      <PageHeader
        title={leadName(lead)}
        actions={
          <div className="row lead-actions">
            <SelectField
              label={t('newStage')}
              hideLabel
              options={stageOptions}
              value={stage}
              onChange={(event) => setStage(event.target.value)}
              data-testid="stage-select"
            />
            <Button
              variant="primary"
              data-testid="stage-change"
              disabled={!stage}
              onClick={() => setDialog('stage')}
            >
              {t('changeStage')}
            </Button>
            {canConfirmSql && (
              <Button data-testid="confirm-sql" onClick={() => setDialog('sql')}>
                {t('confirmSql')}
              </Button>
            )}
          </div>
        }
      />
      <div className="lead-summary row">
        {subtitle && <span className="lead-subtitle">{subtitle}</span>}
        {isDemo(lead) && <Badge kind="demo">{tc('demoBadge')}</Badge>}
        <StageBadge stage={lead.stage} />
        <TemperatureBadge temperature={lead.temperature} />
        <Badge kind="score">
          <span data-testid="lead-score">
            {t('scoreValue', { score: format.number(Math.round(lead.score)) })}
          </span>
        </Badge>
        <span className="lead-owner">
          <span className="muted">{t('owner')}</span>{' '}
          <strong data-testid="lead-owner">{owner?.name ?? t('noOwner')}</strong>
        </span>
        {canChangeOwner && (
          <span className="row">
            <SelectField
              label={t('newOwner')}
              hideLabel
              options={ownerOptions}
              value={ownerId || lead.ownerId || ''}
              onChange={(event) => setOwnerId(event.target.value)}
            />
            <Button
              data-testid="owner-change"
              disabled={(ownerId || lead.ownerId || '') === (lead.ownerId ?? '')}
              onClick={() => setDialog('owner')}
            >
              {t('changeOwner')}
            </Button>
          </span>
        )}
      </div>
      {notice && (
        <p role="status" className="muted">
          {notice}
        </p>
      )}
      <ReasonDialog
        title={t('changeStageTitle', { stage: stage ? tc(`stage_${stage}` as 'stage_lead') : '' })}
        open={dialog === 'stage'}
        onCancel={() => setDialog(null)}
        onConfirm={(reason) =>
          run(
            () => api.post<Lead>(`/api/v1/leads/${lead.id}/stage`, { to: stage, reason }),
            t('stageChanged'),
          )
        }
      />
      <ReasonDialog
        title={t('confirmSqlTitle')}
        open={dialog === 'sql'}
        onCancel={() => setDialog(null)}
        onConfirm={(reason) =>
          run(() => api.post<Lead>(`/api/v1/leads/${lead.id}/confirm-sql`, { reason }), t('stageChanged'))
        }
      />
      <ReasonDialog
        title={t('changeOwnerTitle')}
        open={dialog === 'owner'}
        onCancel={() => setDialog(null)}
        onConfirm={(reason) =>
          run(
            () => api.put<Lead>(`/api/v1/leads/${lead.id}/owner`, { ownerId: ownerId || null, reason }),
            t('ownerChanged'),
          )
        }
      />
    </>
  );
}
