import { useEffect, useState } from 'react';
import { api } from '../../../app/api.ts';
import { useT } from '../../../app/i18n.tsx';
import { useSession } from '../../../app/session.tsx';
import { Button, ErrorBanner, Loading } from '../../../app/ui.tsx';
import { useApi } from '../../../app/use-api.ts';
import { settingsMessages } from '../messages.ts';
import { pathErrorsOf } from '../settings-kit.tsx';
import { GridPreviewPanel, useGridPreview } from './GridPreview.tsx';
import { GridSettingsForm } from './GridSettingsForm.tsx';
import type { Grid, GridSettings, Rescore, ScoringRule } from './grid-types.ts';
import { RulesCard } from './RulesCard.tsx';
import { scoringMessages } from './scoring.messages.ts';

interface Draft {
  rules: ScoringRule[];
  settings: GridSettings;
}

/** The ICP and scoring grid editor: edit a draft, preview its impact, then save it as a new version. */
export function ScoringSettings() {
  const t = useT(scoringMessages);
  const ts = useT(settingsMessages);
  const { me } = useSession();
  const canEdit = me?.role === 'admin' || me?.role === 'marketer';
  const grid = useApi(() => api.get<Grid>('/api/v1/scoring/grid'), []);
  const [base, setBase] = useState<Draft>();
  const [draft, setDraft] = useState<Draft>();
  const [openId, setOpenId] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const preview = useGridPreview(draft ?? {});

  useEffect(() => {
    if (!grid.data) return;
    const loaded = { rules: grid.data.rules, settings: grid.data.settings };
    setBase(loaded);
    setDraft(loaded);
  }, [grid.data]);

  if (grid.error && !grid.data) return <ErrorBanner error={grid.error} onRetry={grid.reload} />;
  if (!draft || !base || !grid.data) return <Loading />;

  const dirty = JSON.stringify(draft) !== JSON.stringify(base);
  const errors = pathErrorsOf(saveError ?? preview.error);
  const edit = (next: Draft) => {
    setDraft(next);
    setNotice(undefined);
    setSaveError(undefined);
  };
  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    try {
      const answer = await api.put<{ grid: Grid; rescore: Rescore }>('/api/v1/scoring/grid', draft);
      const saved = { rules: answer.grid.rules, settings: answer.grid.settings };
      setBase(saved);
      setDraft(saved);
      setOpenId(null);
      setNotice(
        answer.rescore.mode === 'queued'
          ? t('savedQueued', { version: answer.grid.version })
          : t('savedSync', { version: answer.grid.version, changed: answer.rescore.changed ?? 0 }),
      );
    } catch (failure) {
      setSaveError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="stack">
      <p className="muted">{t('gridVersion', { version: grid.data.version })}</p>
      {!canEdit && <p className="muted">{ts('readOnly')}</p>}
      <ErrorBanner error={saveError} />
      {errors.length > 0 && <p role="alert">{ts('fixErrors')}</p>}
      {(['fit', 'engagement'] as const).map((group) => (
        <RulesCard
          key={group}
          group={group}
          rules={draft.rules}
          errors={errors}
          openId={openId}
          setOpenId={setOpenId}
          canEdit={canEdit}
          onChange={(rules) => edit({ ...draft, rules })}
        />
      ))}
      <GridSettingsForm
        settings={draft.settings}
        errors={errors}
        disabled={!canEdit}
        onChange={(settings) => edit({ ...draft, settings })}
      />
      {canEdit && (
        <>
          <GridPreviewPanel preview={preview} dirty={dirty} />
          <div className="row end">
            {notice && (
              <p role="status" className="status-ok">
                {notice}
              </p>
            )}
            {dirty && <span className="muted">{t('dirty')}</span>}
            <Button disabled={!dirty || saving} onClick={() => edit(base)}>
              {t('discard')}
            </Button>
            <Button
              variant="primary"
              data-testid="save-grid"
              disabled={!dirty || saving || !preview.isFresh}
              title={preview.isFresh ? undefined : t('previewNeeded')}
              onClick={() => void save()}
            >
              {t('saveGrid')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
