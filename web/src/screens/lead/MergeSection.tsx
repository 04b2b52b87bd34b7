import { useState } from 'react';
import { api } from '../../app/api.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Badge, Button, Card, ErrorBanner, Loading } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import type { MergeProposal } from './lead-data.ts';
import { leadMessages } from './messages.ts';

/** Possible duplicates of this lead (admins and marketers decide them; the list endpoint is theirs). */
export function MergeSection({
  leadId,
  version,
  onDecided,
}: {
  leadId: string;
  version: number;
  onDecided: () => void;
}) {
  const t = useT(leadMessages);
  const format = useFormat();
  const { me } = useSession();
  const allowed = me?.role === 'admin' || me?.role === 'marketer';
  const proposals = useApi(
    () =>
      allowed
        ? api.get<{ data: MergeProposal[] }>('/api/v1/merge-proposals')
        : Promise.resolve({ data: [] as MergeProposal[] }),
    [allowed, version],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const mine = (proposals.data?.data ?? []).filter(
    (proposal) => proposal.leadId === leadId || proposal.otherLeadId === leadId,
  );

  const decide = async (proposal: MergeProposal, decision: 'accept' | 'reject') => {
    setBusy(proposal.id);
    try {
      await api.post(`/api/v1/merge-proposals/${proposal.id}/${decision}`, {});
      setError(undefined);
      proposals.reload();
      onDecided();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  if (!allowed) return null;
  return (
    <Card title={t('mergeTitle')}>
      <ErrorBanner error={proposals.error ?? error} onRetry={proposals.reload} />
      {proposals.loading && !proposals.data && <Loading />}
      {proposals.data && mine.length === 0 && <p className="muted">{t('noMerge')}</p>}
      <ul className="stack lead-plain-list">
        {mine.map((proposal) => {
          const other = proposal.leadId === leadId ? proposal.otherLeadId : proposal.leadId;
          return (
            <li key={proposal.id} className="row" data-testid={`merge-${proposal.id}`}>
              <span>
                <span className="muted">{t('mergeWith')}</span> <Link to={`/leads/${other}`}>{other}</Link>
              </span>
              <span className="muted">
                {reasonOf(proposal)} · {format.dateTime(proposal.createdAt)}
              </span>
              <Badge kind={proposal.status === 'open' ? 'warm' : 'stage'}>
                {t(`merge_${proposal.status}`)}
              </Badge>
              {proposal.status === 'open' && (
                <>
                  <Button
                    variant="primary"
                    aria-label={`${t('accept')} ${other}`}
                    disabled={busy === proposal.id}
                    onClick={() => void decide(proposal, 'accept')}
                  >
                    {t('accept')}
                  </Button>
                  <Button
                    aria-label={`${t('reject')} ${other}`}
                    disabled={busy === proposal.id}
                    onClick={() => void decide(proposal, 'reject')}
                  >
                    {t('reject')}
                  </Button>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

/** The shared identities (e-mail, phone) that made the two leads look like one person. */
function reasonOf(proposal: MergeProposal): string {
  const reason = proposal.reason && typeof proposal.reason === 'object' ? proposal.reason : {};
  const identities = Array.isArray(reason.identities) ? reason.identities : [];
  const shared = identities.map((identity) => `${identity.kind} ${identity.value}`).join(', ');
  return [shared, reason.source].filter(Boolean).join(' · ') || '—';
}
