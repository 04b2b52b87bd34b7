import { useState } from 'react';
import { ApiError, api } from '../../app/api.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { useSession } from '../../app/session.tsx';
import { Button, Card, Dialog, ErrorBanner, Loading } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { demoMessages } from './demo.messages.ts';
import { settingsMessages } from './messages.ts';

interface DemoStatus {
  isLoaded: boolean;
  counts: Record<string, number>;
}

/** A server without the demo endpoints answers 404: the section says so instead of failing. */
async function loadStatus(): Promise<DemoStatus | null> {
  try {
    const answer = await api.get<{ isLoaded?: boolean; loaded?: boolean; counts?: Record<string, number> }>(
      '/api/v1/demo',
    );
    return { isLoaded: Boolean(answer.isLoaded ?? answer.loaded), counts: answer.counts ?? {} };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

const KNOWN_COUNTS = ['leads', 'events', 'conversations', 'messages', 'bookings', 'users'];

export function DemoSettings() {
  const t = useT(demoMessages);
  const ts = useT(settingsMessages);
  const tc = useT(common);
  const format = useFormat();
  const { me } = useSession();
  const status = useApi(loadStatus, []);
  const [confirming, setConfirming] = useState<'load' | 'remove'>();
  const [running, setRunning] = useState<'load' | 'remove'>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();

  const run = async (action: 'load' | 'remove') => {
    setConfirming(undefined);
    setRunning(action);
    setError(undefined);
    setDone(undefined);
    try {
      if (action === 'load') {
        await api.post('/api/v1/demo');
        setDone(t('doneLoaded'));
      } else {
        const answer = await api.delete<{ removed?: Record<string, number> }>('/api/v1/demo');
        setDone(t('doneRemoved', { leads: format.number(answer?.removed?.leads ?? 0) }));
      }
      status.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setRunning(undefined);
    }
  };

  if (status.error) return <ErrorBanner error={status.error} onRetry={status.reload} />;
  if (status.data === undefined) return <Loading />;
  const data = status.data;
  return (
    <Card title={t('demoTitle')}>
      <div className="stack">
        <p className="muted">{t('demoHint')}</p>
        {data === null ? (
          <p data-testid="demo-status">{ts('notAvailable')}</p>
        ) : (
          <>
            <p data-testid="demo-status">{data.isLoaded ? t('loaded') : t('notLoaded')}</p>
            {data.isLoaded && Object.keys(data.counts).length > 0 && (
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('kind')}</th>
                    <th scope="col" className="num">
                      {t('count')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(data.counts).map(([kind, count]) => (
                    <tr key={kind}>
                      <td>{KNOWN_COUNTS.includes(kind) ? t(`count_${kind}` as 'count_leads') : kind}</td>
                      <td className="num">{format.number(count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {me?.role !== 'admin' && <p className="muted">{ts('adminOnly')}</p>}
            <div aria-live="polite">
              {running && (
                <p role="status" className="loading">
                  {running === 'load' ? t('loading') : t('removing')}
                </p>
              )}
              {done && <p className="status-ok">{done}</p>}
            </div>
            <ErrorBanner error={error} />
            {me?.role === 'admin' && (
              <div className="row">
                <Button
                  variant="primary"
                  disabled={running !== undefined || data.isLoaded}
                  onClick={() => setConfirming('load')}
                  data-testid="load-demo"
                >
                  {t('loadDemo')}
                </Button>
                <Button
                  variant="danger"
                  disabled={running !== undefined || !data.isLoaded}
                  onClick={() => setConfirming('remove')}
                  data-testid="remove-demo"
                >
                  {t('removeDemo')}
                </Button>
              </div>
            )}
          </>
        )}
      </div>
      <Dialog
        title={confirming === 'remove' ? t('removeTitle') : t('loadTitle')}
        open={confirming !== undefined}
        onClose={() => setConfirming(undefined)}
      >
        <div className="stack">
          <p>{confirming === 'remove' ? t('removeConfirm') : t('loadConfirm')}</p>
          <div className="row end">
            <Button onClick={() => setConfirming(undefined)}>{tc('cancel')}</Button>
            <Button
              variant={confirming === 'remove' ? 'danger' : 'primary'}
              onClick={() => confirming && void run(confirming)}
              data-testid="confirm-demo"
            >
              {tc('confirm')}
            </Button>
          </div>
        </div>
      </Dialog>
    </Card>
  );
}
