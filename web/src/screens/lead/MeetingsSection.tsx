import { api } from '../../app/api.ts';
import type { User } from '../../app/domain.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { Badge, Card, ErrorBanner, Loading } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import type { Booking } from './lead-data.ts';
import { leadMessages } from './messages.ts';

const STATUS_KIND: Record<string, string> = {
  confirmed: 'ok',
  held: 'ok',
  cancelled: 'stage',
  no_show: 'hot',
};

/** Upcoming meetings first (soonest first), then past ones (latest first), with status and outcome. */
export function MeetingsSection({
  leadId,
  users,
  version,
}: {
  leadId: string;
  users: User[];
  version: number;
}) {
  const t = useT(leadMessages);
  const bookings = useApi(
    () => api.get<{ data: Booking[] }>(`/api/v1/leads/${leadId}/bookings`),
    [leadId, version],
  );
  const now = Date.now();
  const all = bookings.data?.data ?? [];
  const upcoming = all
    .filter((booking) => new Date(booking.end).getTime() >= now && booking.status === 'confirmed')
    .sort((a, b) => a.start.localeCompare(b.start));
  const past = all.filter((booking) => !upcoming.includes(booking));
  return (
    <Card title={t('meetingsTitle')}>
      <ErrorBanner error={bookings.error} onRetry={bookings.reload} />
      {bookings.loading && !bookings.data && <Loading />}
      {bookings.data && all.length === 0 && <p className="muted">{t('noMeetings')}</p>}
      {upcoming.length > 0 && <BookingTable title={t('upcoming')} rows={upcoming} users={users} />}
      {past.length > 0 && <BookingTable title={t('past')} rows={past} users={users} />}
    </Card>
  );
}

function BookingTable({ title, rows, users }: { title: string; rows: Booking[]; users: User[] }) {
  const t = useT(leadMessages);
  const format = useFormat();
  return (
    <>
      <h3>{title}</h3>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('when')}</th>
            <th scope="col">{t('meeting')}</th>
            <th scope="col">{t('owner')}</th>
            <th scope="col">{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((booking) => (
            <tr key={booking.id} data-testid={`booking-${booking.id}`}>
              <td>{format.dateTime(booking.start)}</td>
              <td>{booking.meetingTypeName ?? '—'}</td>
              <td>{users.find((user) => user.id === booking.userId)?.name ?? '—'}</td>
              <td>
                <Badge kind={STATUS_KIND[booking.status] ?? 'stage'}>
                  {t(`booking_${booking.status}` as 'booking_confirmed')}
                </Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
