import { useState } from 'react';
import { api } from '../../../app/api.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Button, Card, ErrorBanner, TemperatureBadge } from '../../../app/ui.tsx';
import type { GridPreviewResult } from './grid-types.ts';
import { scoringMessages } from './scoring.messages.ts';

// Saving a grid rescores every lead, so the editor asks the server how many leads would change band
// first, and only lets the user save what they previewed (the preview is tied to the exact draft).

export interface GridPreviewState {
  result: GridPreviewResult | undefined;
  error: unknown;
  busy: boolean;
  /** True when the shown preview was made from the current draft. */
  isFresh: boolean;
  run: () => Promise<void>;
}

export function useGridPreview(draft: { rules?: unknown; settings?: unknown }): GridPreviewState {
  const [result, setResult] = useState<GridPreviewResult>();
  const [previewedJson, setPreviewedJson] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const json = JSON.stringify(draft);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api.post<GridPreviewResult>('/api/v1/scoring/preview', draft));
      setPreviewedJson(json);
    } catch (failure) {
      setError(failure);
      setResult(undefined);
      setPreviewedJson(json);
    } finally {
      setBusy(false);
    }
  };
  const sameDraft = previewedJson === json;
  // An error about an older draft would point at fields by position that may have moved since.
  return {
    result,
    error: sameDraft ? error : undefined,
    busy,
    isFresh: result !== undefined && sameDraft,
    run,
  };
}

const BAND_ORDER = ['cold', 'warm', 'hot'];

export function GridPreviewPanel({ preview, dirty }: { preview: GridPreviewState; dirty: boolean }) {
  const t = useT(scoringMessages);
  const format = useFormat();
  const { result } = preview;
  const changed = result ? result.changes.reduce((sum, change) => sum + change.count, 0) : 0;
  return (
    <Card
      title={t('previewTitle')}
      actions={
        <Button onClick={() => void preview.run()} disabled={preview.busy} data-testid="preview-grid">
          {t('previewButton')}
        </Button>
      }
    >
      <div className="stack" aria-live="polite">
        {dirty && !result && <p className="muted">{t('previewNeeded')}</p>}
        {result && !preview.isFresh && <p className="muted">{t('previewStale')}</p>}
        <ErrorBanner error={preview.error} />
        {result && (
          <div className="stack" data-testid="grid-preview">
            <p>
              {changed === 0
                ? t('previewNone')
                : t('previewSummary', {
                    changed: format.number(changed),
                    leads: format.number(result.leads),
                    unchanged: format.number(result.unchanged),
                  })}
            </p>
            {result.leads > 0 && changed > 0 && (
              <div className="preview-bar" aria-hidden="true">
                {result.changes.map((change) => (
                  <span
                    key={`${change.from}-${change.to}`}
                    className={
                      BAND_ORDER.indexOf(change.to) > BAND_ORDER.indexOf(change.from) ? 'up' : 'down'
                    }
                    style={{ width: `${(change.count / result.leads) * 100}%` }}
                  />
                ))}
              </div>
            )}
            {result.changes.length > 0 && (
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('previewFrom')}</th>
                    <th scope="col">{t('previewTo')}</th>
                    <th scope="col" className="num">
                      {t('previewCount')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.changes.map((change) => (
                    <tr key={`${change.from}-${change.to}`}>
                      <td>
                        <TemperatureBadge temperature={change.from} />
                      </td>
                      <td>
                        <TemperatureBadge temperature={change.to} />
                      </td>
                      <td className="num">{format.number(change.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
