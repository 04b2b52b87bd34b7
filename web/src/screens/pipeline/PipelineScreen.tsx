import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../app/api.ts';
import {
  FUNNEL_STAGES,
  type Lead,
  leadName,
  type Page,
  type Stage,
  TEMPERATURES,
  type User,
} from '../../app/domain.ts';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { useQueryParam } from '../../app/router.tsx';
import { ErrorBanner, PageHeader, ReasonDialog, SelectField } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { pipelineMessages } from './messages.ts';
import { type ColumnState, PipelineColumn } from './PipelineColumn.tsx';
import './Pipeline.css';

const SIDE_STAGES = ['recycled', 'disqualified'] as const;
const BOARD_STAGES: readonly Stage[] = [...FUNNEL_STAGES, ...SIDE_STAGES];
const PAGE_SIZE = 50;

interface PendingMove {
  lead: Lead;
  from: Stage;
  to: Stage;
}

function byScore(leads: Lead[]): Lead[] {
  return [...leads].sort((a, b) => b.score - a.score);
}

/** The board of lifecycle stages (Pipedrive-like): every manual move needs a reason (the API says so). */
export function PipelineScreen(_props: { params: Record<string, string> }) {
  const t = useT(pipelineMessages);
  const tc = useT(common);
  const [ownerId, setOwnerId] = useQueryParam('owner');
  const [temperature, setTemperature] = useQueryParam('temperature');
  const [columns, setColumns] = useState<Partial<Record<Stage, ColumnState>>>({});
  const [pending, setPending] = useState<PendingMove>();
  const [moveError, setMoveError] = useState<unknown>();
  const [announcement, setAnnouncement] = useState('');
  const users = useApi(() => api.get<{ data: User[] }>('/api/v1/users').then((page) => page.data), []);
  const generation = useRef(0);

  const loadColumn = useCallback(
    async (stage: Stage, cursor: string | null) => {
      const request = generation.current;
      setColumns((current) => ({
        ...current,
        [stage]: { ...(current[stage] ?? { leads: [], nextCursor: null }), loading: true, error: undefined },
      }));
      try {
        const page = await api.get<Page<Lead>>('/api/v1/leads', {
          stage,
          sort: '-score',
          limit: PAGE_SIZE,
          ownerId,
          temperature,
          cursor,
        });
        if (request !== generation.current) return;
        setColumns((current) => ({
          ...current,
          [stage]: {
            leads: cursor ? [...(current[stage]?.leads ?? []), ...page.data] : page.data,
            nextCursor: page.nextCursor,
            loading: false,
            error: undefined,
          },
        }));
      } catch (error) {
        if (request !== generation.current) return;
        setColumns((current) => ({
          ...current,
          [stage]: { ...(current[stage] ?? { leads: [], nextCursor: null }), loading: false, error },
        }));
      }
    },
    [ownerId, temperature],
  );

  useEffect(() => {
    generation.current++;
    setColumns({});
    for (const stage of BOARD_STAGES) void loadColumn(stage, null);
  }, [loadColumn]);

  const findLead = (id: string, from: Stage) => columns[from]?.leads.find((lead) => lead.id === id);
  const requestMove = (leadId: string, from: Stage, to: Stage) => {
    const lead = findLead(leadId, from);
    if (lead) setPending({ lead, from, to });
  };

  // Optimistic: the card moves at once and goes back if the server refuses.
  const place = (lead: Lead, from: Stage, to: Stage) =>
    setColumns((current) => {
      const source = current[from];
      const target = current[to];
      return {
        ...current,
        ...(source
          ? { [from]: { ...source, leads: source.leads.filter((item) => item.id !== lead.id) } }
          : {}),
        ...(target
          ? {
              [to]: {
                ...target,
                leads: byScore([...target.leads.filter((item) => item.id !== lead.id), lead]),
              },
            }
          : {}),
      };
    });

  const confirmMove = async (reason: string) => {
    if (!pending) return;
    const { lead, from, to } = pending;
    place({ ...lead, stage: to }, from, to);
    try {
      const moved = await api.post<Lead>(`/api/v1/leads/${lead.id}/stage`, { to, reason });
      // Rules may carry the lead further (a rescore after the move): show it where the server put it.
      if (moved.stage !== to && BOARD_STAGES.includes(moved.stage)) place(moved, to, moved.stage);
      else if (moved.stage === to) place(moved, to, to);
      setMoveError(undefined);
      setAnnouncement(
        t('moved', { name: leadName(lead), stage: tc(`stage_${moved.stage}` as 'stage_lead') }),
      );
      setPending(undefined);
    } catch (error) {
      place(lead, to, from);
      setMoveError(error);
      throw error;
    }
  };

  const reasonTitle = () => {
    if (!pending) return '';
    const name = leadName(pending.lead);
    const stage = tc(`stage_${pending.to}` as 'stage_lead');
    if (pending.to === 'recycled') return t('reasonRecycle', { name });
    if (pending.to === 'disqualified') return t('reasonDisqualify', { name });
    const fromIndex = FUNNEL_STAGES.indexOf(pending.from as (typeof FUNNEL_STAGES)[number]);
    const toIndex = FUNNEL_STAGES.indexOf(pending.to as (typeof FUNNEL_STAGES)[number]);
    return toIndex < fromIndex ? t('reasonBack', { name, stage }) : t('reasonForward', { name, stage });
  };

  const ownerName = (id: string | null) => users.data?.find((user) => user.id === id)?.name;
  return (
    <>
      <PageHeader title={t('title')} />
      <div className="row pipeline-filters">
        <SelectField
          label={t('owner')}
          value={ownerId ?? ''}
          onChange={(event) => setOwnerId(event.target.value || null)}
          options={[
            { value: '', label: t('anyOwner') },
            ...(users.data ?? []).map((user) => ({ value: user.id, label: user.name })),
          ]}
        />
        <SelectField
          label={t('temperature')}
          value={temperature ?? ''}
          onChange={(event) => setTemperature(event.target.value || null)}
          options={[
            { value: '', label: t('anyTemperature') },
            ...TEMPERATURES.map((value) => ({ value, label: tc(`temperature_${value}`) })),
          ]}
        />
        <p className="muted pipeline-hint">{t('dragHint')}</p>
      </div>
      <ErrorBanner error={moveError} />
      <p className="sr-only" role="status">
        {announcement}
      </p>
      <div className="pipeline-board">
        {BOARD_STAGES.map((stage) => (
          <PipelineColumn
            key={stage}
            stage={stage}
            column={columns[stage]}
            stages={BOARD_STAGES}
            isCollapsible={(SIDE_STAGES as readonly string[]).includes(stage)}
            ownerName={ownerName}
            onLoadMore={() => void loadColumn(stage, columns[stage]?.nextCursor ?? null)}
            onRetry={() => void loadColumn(stage, null)}
            onMove={requestMove}
          />
        ))}
      </div>
      <ReasonDialog
        title={reasonTitle()}
        open={pending !== undefined}
        onCancel={() => setPending(undefined)}
        onConfirm={confirmMove}
      />
    </>
  );
}
