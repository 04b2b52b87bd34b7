import type { Lead, Stage } from '../../app/domain.ts';
import { isDemo, leadName } from '../../app/domain.ts';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Link } from '../../app/router.tsx';
import { Badge, TemperatureBadge } from '../../app/ui.tsx';
import { pipelineMessages } from './messages.ts';

export const DRAG_TYPE = 'application/x-chaud-lead';

/** A lead on the board: draggable, with a "Move to…" menu doing the same from the keyboard. */
export function PipelineCard({
  lead,
  ownerName,
  stages,
  onMove,
}: {
  lead: Lead;
  ownerName: string | undefined;
  stages: readonly Stage[];
  onMove: (lead: Lead, to: Stage) => void;
}) {
  const t = useT(pipelineMessages);
  const tc = useT(common);
  const name = leadName(lead);
  return (
    <li
      className="pipeline-card"
      data-testid="pipeline-card"
      data-lead-id={lead.id}
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ id: lead.id, from: lead.stage }));
        event.dataTransfer.setData('text/plain', name);
        event.dataTransfer.effectAllowed = 'move';
      }}
    >
      <div className="pipeline-card-top">
        <Link to={`/leads/${lead.id}`} className="pipeline-card-name">
          {name}
        </Link>
        <span className="num" title={t('score', { score: lead.score })}>
          {lead.score}
        </span>
      </div>
      {lead.company?.name && <div className="muted">{lead.company.name}</div>}
      <div className="pipeline-card-meta">
        <TemperatureBadge temperature={lead.temperature} />
        {isDemo(lead) && <Badge kind="demo">{t('demo')}</Badge>}
        <span className="muted pipeline-card-owner">{ownerName ?? t('unowned')}</span>
      </div>
      <label className="sr-only" htmlFor={`move-${lead.id}`}>
        {t('moveTo', { name })}
      </label>
      <select
        id={`move-${lead.id}`}
        className="pipeline-move"
        data-testid="pipeline-move"
        value=""
        onChange={(event) => {
          if (event.target.value) onMove(lead, event.target.value as Stage);
        }}
      >
        <option value="">{t('moveToShort')}</option>
        {stages
          .filter((stage) => stage !== lead.stage)
          .map((stage) => (
            <option key={stage} value={stage}>
              {tc(`stage_${stage}` as 'stage_lead')}
            </option>
          ))}
      </select>
    </li>
  );
}
