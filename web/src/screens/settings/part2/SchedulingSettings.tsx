import { useState } from 'react';
import { api } from '../../../app/api.ts';
import { useT } from '../../../app/i18n.tsx';
import { useSession } from '../../../app/session.tsx';
import { ErrorBanner, Loading, SelectField } from '../../../app/ui.tsx';
import { useApi } from '../../../app/use-api.ts';
import './part2.css';
import { AvailabilityEditor } from './AvailabilityEditor.tsx';
import { MeetingTypesPanel } from './MeetingTypesPanel.tsx';
import { schedulingMessages } from './messages.ts';
import { useUsers } from './shared.tsx';

/** Availability of the current user (an admin picks any user), meeting types, booking and calendar links. */
export function SchedulingSettings() {
  const t = useT(schedulingMessages);
  const { me } = useSession();
  const isAdmin = me?.role === 'admin';
  const users = useUsers();
  const [picked, setPicked] = useState('');
  const userId = picked || me?.user?.id || users.data?.data[0]?.id || '';
  const user =
    users.data?.data.find((candidate) => candidate.id === userId) ??
    (me?.user?.id === userId ? me.user : undefined);
  return (
    <section
      className="p2-section"
      aria-labelledby="settings-scheduling-title"
      data-testid="settings-scheduling"
    >
      <h2 id="settings-scheduling-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <ErrorBanner error={users.error} onRetry={users.reload} />
      {isAdmin && (
        <SelectField
          label={t('user')}
          value={userId}
          onChange={(event) => setPicked(event.target.value)}
          options={(users.data?.data ?? []).map((candidate) => ({
            value: candidate.id,
            label: `${candidate.name} (${candidate.email})`,
          }))}
          data-testid="scheduling-user"
        />
      )}
      {userId ? (
        <>
          <Links userId={userId} slug={user?.slug ?? null} />
          <AvailabilityEditor key={userId} userId={userId} />
        </>
      ) : users.loading ? (
        <Loading />
      ) : (
        <p>{t('noUser')}</p>
      )}
      <MeetingTypesPanel canEdit={isAdmin} />
    </section>
  );
}

function Links({ userId, slug }: { userId: string; slug: string | null }) {
  const t = useT(schedulingMessages);
  const feed = useApi(() => api.get<{ url: string }>(`/api/v1/users/${userId}/calendar-feed`), [userId]);
  const bookingUrl = slug ? `${globalThis.location.origin}/book/${encodeURIComponent(slug)}` : null;
  return (
    <div className="stack" data-testid="scheduling-links">
      <h3>{t('links')}</h3>
      <p>
        <strong>{t('bookingPage')}</strong>{' '}
        {bookingUrl ? (
          <a
            className="p2-link"
            href={bookingUrl}
            target="_blank"
            rel="noreferrer"
            data-testid="booking-page-link"
          >
            {bookingUrl}
          </a>
        ) : (
          <span className="muted">{t('noSlug')}</span>
        )}
      </p>
      <p>
        <strong>{t('calendarFeed')}</strong>{' '}
        {feed.data ? (
          <a className="p2-link" href={feed.data.url} data-testid="calendar-feed-link">
            {feed.data.url}
          </a>
        ) : feed.loading ? (
          <span className="muted">{t('loading')}</span>
        ) : null}
      </p>
      <ErrorBanner error={feed.error} onRetry={feed.reload} />
      <p className="muted">{t('calendarFeedHint')}</p>
    </div>
  );
}
