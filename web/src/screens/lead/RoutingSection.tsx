import { api } from '../../app/api.ts';
import type { User } from '../../app/domain.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { Badge, Card, ErrorBanner, Loading } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { labelOf, leadLabels } from './labels.ts';
import type { Assignment, Checklist } from './lead-data.ts';
import { leadMessages } from './messages.ts';

/** How the owner was chosen (newest decision in full, older ones folded) and the SQL checklist. */
export function RoutingSection({
  leadId,
  users,
  version,
  checklist,
}: {
  leadId: string;
  users: User[];
  version: number;
  checklist: { data?: Checklist; error?: Error; reload: () => void };
}) {
  const t = useT(leadMessages);
  const routing = useApi(
    () => api.get<{ data: Assignment[] }>(`/api/v1/leads/${leadId}/routing`),
    [leadId, version],
  );
  const nameOf = (id: string | null | undefined) =>
    id ? (users.find((user) => user.id === id)?.name ?? id) : t('noOwner');
  const [latest, ...older] = routing.data?.data ?? [];
  return (
    <Card title={t('routingTitle')}>
      <ErrorBanner error={routing.error} onRetry={routing.reload} />
      {routing.loading && !routing.data && <Loading />}
      {routing.data && !latest && <p className="muted">{t('noRouting')}</p>}
      {latest && <Trace assignment={latest} nameOf={nameOf} />}
      {older.map((assignment) => (
        <details key={assignment.id}>
          <summary>
            <Trace assignment={assignment} nameOf={nameOf} summaryOnly />
          </summary>
          <Trace assignment={assignment} nameOf={nameOf} />
        </details>
      ))}
      <ChecklistView checklist={checklist} />
    </Card>
  );
}

function Trace({
  assignment,
  nameOf,
  summaryOnly,
}: {
  assignment: Assignment;
  nameOf: (id: string | null | undefined) => string;
  summaryOnly?: boolean;
}) {
  const t = useT(leadMessages);
  const tl = useT(leadLabels);
  const format = useFormat();
  const trace = assignment.trace ?? {};
  const headline = `${format.dateTime(assignment.at)} · ${labelOf(tl, 'decided_', assignment.decidedBy)} → ${nameOf(assignment.ownerId)}`;
  if (summaryOnly) return <span>{headline}</span>;
  return (
    <div className="stack lead-trace" data-testid="routing-trace">
      <p>
        <strong>{t('decidedBy')}</strong> {headline}
      </p>
      {trace.sticky?.applied && <p className="muted">{t('stickyOwner')}</p>}
      {trace.rule && (
        <p>
          <strong>{t('ruleMatched')}</strong> {trace.rule.name} — {trace.rule.explanation}
        </p>
      )}
      {trace.team && (
        <p>
          <strong>{t('team')}</strong> {trace.team.name}
        </p>
      )}
      {(trace.evaluatedRules?.length ?? 0) > 0 && (
        <>
          <h3>{t('rulesTried')}</h3>
          <ul>
            {trace.evaluatedRules?.map((rule) => (
              <li key={rule.id}>
                {rule.name} — {rule.matched ? t('matched') : t('notMatched')}
                <span className="muted"> ({rule.explanation})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {(trace.skipped?.length ?? 0) > 0 && (
        <>
          <h3>{t('skippedReps')}</h3>
          <ul>
            {trace.skipped?.map((skip) => (
              <li key={`${skip.userId}-${skip.teamId ?? ''}`}>
                {nameOf(skip.userId)} — {labelOf(tl, 'skip_', skip.reason)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ChecklistView({
  checklist,
}: {
  checklist: { data?: Checklist; error?: Error; reload: () => void };
}) {
  const t = useT(leadMessages);
  const tl = useT(leadLabels);
  return (
    <div data-testid="checklist">
      <h3>{t('checklistTitle')}</h3>
      <ErrorBanner error={checklist.error} onRetry={checklist.reload} />
      {checklist.data && (
        <>
          <p className="row">
            <span>{t('checklistCount', { count: checklist.data.count })}</span>
            <Badge kind={checklist.data.verdict === 'sql' ? 'ok' : 'stage'}>
              {t(`verdict_${checklist.data.verdict}`)}
            </Badge>
          </p>
          <ul className="lead-checklist">
            {checklist.data.boxes.map((box) => (
              <li key={box.key}>
                <span aria-hidden="true">{box.isChecked ? '☑' : '☐'}</span>{' '}
                <span className="sr-only">{tl(box.isChecked ? 'box_checked' : 'box_unchecked')} : </span>
                {labelOf(tl, 'check_', box.key)} <span className="muted">— {box.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
