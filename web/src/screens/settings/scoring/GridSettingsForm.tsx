import { useT } from '../../../app/i18n.tsx';
import { Button, Card, TextField } from '../../../app/ui.tsx';
import { FieldErrors, ListField, numberOrNull, type PathError } from '../settings-kit.tsx';
import type { GridSettings } from './grid-types.ts';
import { scoringMessages } from './scoring.messages.ts';

/** Half-life, caps, hot signals and the ideal customer profile (bands and thresholds: qualification). */
export function GridSettingsForm({
  settings,
  onChange,
  errors,
  disabled,
}: {
  settings: GridSettings;
  onChange: (settings: GridSettings) => void;
  errors: readonly PathError[];
  disabled: boolean;
}) {
  const t = useT(scoringMessages);
  const { icp } = settings;
  const setIcp = (patch: Partial<GridSettings['icp']>) =>
    onChange({ ...settings, icp: { ...icp, ...patch } });
  const setSize = (index: number, patch: Partial<{ min: number; max: number | null }>) =>
    setIcp({
      companySizes: icp.companySizes.map((size, at) => (at === index ? { ...size, ...patch } : size)),
    });
  return (
    <>
      <Card title={t('settingsTitle')}>
        <fieldset className="stack" disabled={disabled}>
          <div className="grid-3">
            <div>
              <TextField
                label={t('halfLifeDays')}
                hint={t('halfLifeHint')}
                type="number"
                min={1}
                value={settings.halfLifeDays}
                data-testid="half-life"
                onChange={(event) => onChange({ ...settings, halfLifeDays: Number(event.target.value) })}
              />
              <FieldErrors errors={errors} path="settings.halfLifeDays" />
            </div>
            <div>
              <TextField
                label={t('fitCap')}
                type="number"
                min={1}
                value={settings.fitCap ?? ''}
                onChange={(event) => onChange({ ...settings, fitCap: numberOrNull(event.target.value) })}
              />
              <FieldErrors errors={errors} path="settings.fitCap" />
            </div>
            <div>
              <TextField
                label={t('engagementCap')}
                type="number"
                min={1}
                value={settings.engagementCap ?? ''}
                onChange={(event) =>
                  onChange({ ...settings, engagementCap: numberOrNull(event.target.value) })
                }
              />
              <FieldErrors errors={errors} path="settings.engagementCap" />
            </div>
          </div>
          <div className="grid-2">
            <div>
              <ListField
                label={t('hotSignalEvents')}
                hint={t('hotSignalHint')}
                values={settings.hotSignalEvents}
                onChange={(hotSignalEvents) => onChange({ ...settings, hotSignalEvents })}
              />
              <FieldErrors errors={errors} path="settings.hotSignalEvents" nested />
            </div>
            <div>
              <TextField
                label={t('hotSignalDays')}
                type="number"
                min={1}
                value={settings.hotSignalDays}
                onChange={(event) => onChange({ ...settings, hotSignalDays: Number(event.target.value) })}
              />
              <FieldErrors errors={errors} path="settings.hotSignalDays" />
            </div>
          </div>
        </fieldset>
      </Card>
      <Card title={t('icpTitle')}>
        <fieldset className="stack" disabled={disabled}>
          <ListField
            label={t('personas')}
            values={icp.personas}
            onChange={(personas) => setIcp({ personas })}
          />
          <FieldErrors errors={errors} path="settings.icp.personas" nested />
          <ListField
            label={t('industries')}
            values={icp.industries}
            onChange={(industries) => setIcp({ industries })}
          />
          <FieldErrors errors={errors} path="settings.icp.industries" nested />
          <ListField
            label={t('countries')}
            values={icp.countries}
            onChange={(countries) => setIcp({ countries: countries.map((code) => code.toUpperCase()) })}
          />
          <FieldErrors errors={errors} path="settings.icp.countries" nested />
          <fieldset className="stack">
            <legend>{t('companySizes')}</legend>
            {icp.companySizes.map((size, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: size ranges have no id.
              <div className="row" key={index}>
                <TextField
                  label={t('sizeMin')}
                  type="number"
                  min={0}
                  value={size.min}
                  onChange={(event) => setSize(index, { min: Number(event.target.value) })}
                />
                <TextField
                  label={t('sizeMax')}
                  type="number"
                  min={0}
                  value={size.max ?? ''}
                  onChange={(event) => setSize(index, { max: numberOrNull(event.target.value) })}
                />
                <Button
                  variant="ghost"
                  onClick={() => setIcp({ companySizes: icp.companySizes.filter((_, at) => at !== index) })}
                >
                  {t('removeSize')}
                </Button>
              </div>
            ))}
            <FieldErrors errors={errors} path="settings.icp.companySizes" nested />
            <div>
              <Button onClick={() => setIcp({ companySizes: [...icp.companySizes, { min: 0, max: null }] })}>
                {t('addSize')}
              </Button>
            </div>
          </fieldset>
        </fieldset>
      </Card>
    </>
  );
}
