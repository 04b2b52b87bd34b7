import { useState } from 'react';
import type { Lead, Stage } from '../../app/domain.ts';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Button, ErrorBanner } from '../../app/ui.tsx';
import { pipelineMessages } from './messages.ts';
import { DRAG_TYPE, PipelineCard } from './PipelineCard.tsx';

export interface ColumnState {
  leads: Lead[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
}

/** One stage: its leads by score, a drop target, "load more"; side stages can be collapsed. */
export function PipelineColumn({
  stage,
  column,
  stages,
  isCollapsible,
  ownerName,
  onLoadMore,
  onRetry,
  onMove,
}: {
  stage: Stage;
  column: ColumnState | undefined;
  stages: readonly Stage[];
  isCollapsible: boolean;
  ownerName: (id: string | null) => string | undefined;
  onLoadMore: () => void;
  onRetry: () => void;
  onMove: (leadId: string, from: Stage, to: Stage) => void;
}) {
  const t = useT(pipelineMessages);
  const tc = useT(common);
  const [isCollapsed, setCollapsed] = useState(isCollapsible);
  const [isOver, setOver] = useState(false);
  const title = tc(`stage_${stage}` as 'stage_lead');
  const count = column?.leads.length ?? 0;
  const headingId = `pipeline-heading-${stage}`;
  return (
    <section
      className={`pipeline-column${isOver ? ' drop-target' : ''}${isCollapsed ? ' collapsed' : ''}`}
      data-testid={`pipeline-column-${stage}`}
      aria-labelledby={headingId}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        setOver(false);
        const raw = event.dataTransfer.getData(DRAG_TYPE);
        if (!raw) return;
        event.preventDefault();
        const { id, from } = JSON.parse(raw) as { id: string; from: Stage };
        if (from !== stage) onMove(id, from, stage);
      }}
    >
      <header className="pipeline-column-header">
        <h2 id={headingId}>{title}</h2>
        <span className="badge badge-stage">
          {column?.nextCursor ? t('moreAvailable', { count }) : count}
        </span>
        {isCollapsible && (
          <button
            type="button"
            className="btn btn-ghost"
            aria-expanded={!isCollapsed}
            aria-label={isCollapsed ? t('expand', { stage: title }) : t('collapse', { stage: title })}
            onClick={() => setCollapsed((value) => !value)}
          >
            {isCollapsed ? '▸' : '▾'}
          </button>
        )}
      </header>
      {!isCollapsed && (
        <>
          <ErrorBanner error={column?.error} onRetry={onRetry} />
          <ul className="pipeline-cards">
            {column?.leads.map((lead) => (
              <PipelineCard
                key={lead.id}
                lead={lead}
                ownerName={ownerName(lead.ownerId)}
                stages={stages}
                onMove={(moved, to) => onMove(moved.id, moved.stage, to)}
              />
            ))}
          </ul>
          {column && !column.loading && count === 0 && !column.error && (
            <p className="muted pipeline-empty">{t('empty')}</p>
          )}
          {column?.loading && (
            <p className="muted" role="status">
              {tc('loading')}
            </p>
          )}
          {column?.nextCursor && !column.loading && (
            <Button variant="ghost" onClick={onLoadMore}>
              {t('loadMore')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
