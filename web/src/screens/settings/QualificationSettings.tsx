import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Button, Card, EmptyState, ErrorBanner, Loading, TextField } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { settingsMessages } from './messages.ts';
import { qualificationMessages } from './qualification.messages.ts';
import { GridPreviewPanel, useGridPreview } from './scoring/GridPreview.tsx';
import type { Grid, GridSettings } from './scoring/grid-types.ts';
import { CheckboxField, FieldErrors, ListField, pathErrorsOf } from './settings-kit.tsx';

interface QualificationSettingsDto {
  needCategories: { name: string; keywords: string[] }[];
  icpFitMinScore: number;
  isAutoLifecycle: boolean;
  updatedAt: string | null;
}

export function QualificationSettings() {
  const { me } = useSession();
  const canEdit = me?.role === 'admin' || me?.role === 'marketer';
  return (
    <div className="stack">
      <ThresholdsCard canEdit={canEdit} />
      <ChecklistCard canEdit={canEdit} />
    </div>
  );
}

/** Bands and MQL/SQL thresholds live in the scoring grid's settings: saving them rescores, so preview first. */
function ThresholdsCard({ canEdit }: { canEdit: boolean }) {
  const t = useT(qualificationMessages);
  const ts = useT(settingsMessages);
  const grid = useApi(() => api.get<Grid>('/api/v1/scoring/grid'), []);
  const [settings, setSettings] = useState<GridSettings>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => setSettings(grid.data?.settings), [grid.data]);
  const preview = useGridPreview(settings ? { settings } : {});
  if (grid.error) return <ErrorBanner error={grid.error} onRetry={grid.reload} />;
  if (!settings || !grid.data) return <Loading />;
  const dirty = JSON.stringify(settings) !== JSON.stringify(grid.data.settings);
  const errors = pathErrorsOf(error ?? preview.error);
  const number = (
    label: string,
    value: number,
    path: string,
    testId: string,
    change: (value: number) => GridSettings,
  ) => (
    <div>
      <TextField
        label={label}
        type="number"
        value={Number.isNaN(value) ? '' : value}
        data-testid={testId}
        onChange={(event) => {
          setSaved(false);
          setSettings(change(Number(event.target.value)));
        }}
      />
      <FieldErrors errors={errors} path={path} />
    </div>
  );
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.put('/api/v1/scoring/settings', settings);
      setSaved(true);
      grid.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Card title={t('thresholdsTitle')}>
        <fieldset className="stack" disabled={!canEdit}>
          <p className="muted">{t('thresholdsHint')}</p>
          <div className="grid-2">
            {number(t('warm'), settings.bands.warm, 'settings.bands', 'band-warm', (warm) => ({
              ...settings,
              bands: { ...settings.bands, warm },
            }))}
            {number(t('hot'), settings.bands.hot, 'settings.bands.hot', 'band-hot', (hot) => ({
              ...settings,
              bands: { ...settings.bands, hot },
            }))}
            {number(t('mql'), settings.thresholds.mql, 'settings.thresholds.mql', 'threshold-mql', (mql) => ({
              ...settings,
              thresholds: { ...settings.thresholds, mql },
            }))}
            {number(t('sql'), settings.thresholds.sql, 'settings.thresholds.sql', 'threshold-sql', (sql) => ({
              ...settings,
              thresholds: { ...settings.thresholds, sql },
            }))}
          </div>
          <ErrorBanner error={error} />
        </fieldset>
      </Card>
      {canEdit && (
        <>
          <GridPreviewPanel preview={preview} dirty={dirty} />
          <div className="row end">
            {saved && (
              <p role="status" className="status-ok">
                {ts('savedAt')}
              </p>
            )}
            <Button
              variant="primary"
              data-testid="save-thresholds"
              disabled={!dirty || busy || !preview.isFresh}
              onClick={() => void save()}
            >
              {t('saveThresholds')}
            </Button>
          </div>
        </>
      )}
    </>
  );
}

function ChecklistCard({ canEdit }: { canEdit: boolean }) {
  const t = useT(qualificationMessages);
  const ts = useT(settingsMessages);
  const format = useFormat();
  const loaded = useApi(() => api.get<QualificationSettingsDto>('/api/v1/qualification/settings'), []);
  const [form, setForm] = useState<QualificationSettingsDto>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => setForm(loaded.data), [loaded.data]);
  if (loaded.error) return <ErrorBanner error={loaded.error} onRetry={loaded.reload} />;
  if (!form) return <Loading />;
  const errors = pathErrorsOf(error);
  const edit = (patch: Partial<QualificationSettingsDto>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const setCategory = (index: number, patch: Partial<{ name: string; keywords: string[] }>) =>
    edit({
      needCategories: form.needCategories.map((item, at) => (at === index ? { ...item, ...patch } : item)),
    });
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { needCategories, icpFitMinScore, isAutoLifecycle } = form;
      setForm(
        await api.put<QualificationSettingsDto>('/api/v1/qualification/settings', {
          needCategories,
          icpFitMinScore,
          isAutoLifecycle,
        }),
      );
      setSaved(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('checklistTitle')}>
      <fieldset className="stack" disabled={!canEdit}>
        {form.updatedAt && (
          <p className="muted">{t('lastSaved', { when: format.dateTime(form.updatedAt) })}</p>
        )}
        <TextField
          label={t('icpFitMinScore')}
          type="number"
          min={0}
          value={Number.isNaN(form.icpFitMinScore) ? '' : form.icpFitMinScore}
          onChange={(event) => edit({ icpFitMinScore: Number(event.target.value) })}
        />
        <FieldErrors errors={errors} path="body.icpFitMinScore" />
        <CheckboxField
          label={t('autoLifecycle')}
          checked={form.isAutoLifecycle}
          onChange={(event) => edit({ isAutoLifecycle: event.target.checked })}
        />
        <fieldset className="stack">
          <legend>{t('needCategories')}</legend>
          <p className="muted">{t('needCategoriesHint')}</p>
          {form.needCategories.length === 0 && <EmptyState>{t('noCategories')}</EmptyState>}
          {form.needCategories.map((category, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: categories are renamed in place.
            <div className="row" key={index}>
              <TextField
                label={t('categoryName')}
                value={category.name}
                onChange={(event) => setCategory(index, { name: event.target.value })}
              />
              <ListField
                label={t('categoryKeywords')}
                values={category.keywords}
                onChange={(keywords) => setCategory(index, { keywords })}
              />
              <Button
                variant="ghost"
                onClick={() => edit({ needCategories: form.needCategories.filter((_, at) => at !== index) })}
              >
                {t('removeCategory')}
              </Button>
              <FieldErrors errors={errors} path={`body.needCategories.${index}`} nested />
            </div>
          ))}
          <FieldErrors errors={errors} path="body.needCategories" />
          <div>
            <Button
              onClick={() => edit({ needCategories: [...form.needCategories, { name: '', keywords: [] }] })}
            >
              {t('addCategory')}
            </Button>
          </div>
        </fieldset>
        <ErrorBanner error={error} />
        <div className="row end">
          {saved && (
            <p role="status" className="status-ok">
              {ts('savedAt')}
            </p>
          )}
          <Button
            variant="primary"
            data-testid="save-qualification"
            disabled={busy}
            onClick={() => void save()}
          >
            {t('saveChecklist')}
          </Button>
        </div>
      </fieldset>
    </Card>
  );
}
