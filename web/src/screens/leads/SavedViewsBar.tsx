import { type FormEvent, useState } from 'react';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { useSession } from '../../app/session.tsx';
import { Button, Dialog, ErrorBanner, SelectField, TextField } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { type Filters, fromApiFilters, type Sort, toApiFilters, toSearchString } from './leads-query.ts';
import { leadsMessages } from './messages.ts';

export interface SavedView {
  id: string;
  name: string;
  filters: Record<string, unknown>;
  sort: Sort;
  isShared: boolean;
  ownerId: string | null;
}

/** Pick a saved view, save the current filters as one, delete the one picked. */
export function SavedViewsBar({
  filters,
  sort,
  onApply,
}: {
  filters: Filters;
  sort: Sort;
  onApply: (view: SavedView) => void;
}) {
  const t = useT(leadsMessages);
  const tc = useT(common);
  const { me } = useSession();
  const views = useApi(() => api.get<{ data: SavedView[] }>('/api/v1/saved-views'), []);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  // The view shown is the one whose filters are on screen: editing a filter leaves the view.
  const current = toSearchString(filters, sort);
  const selected = views.data?.data.find(
    (view) => toSearchString(fromApiFilters(view.filters), view.sort) === current,
  );
  const selectedId = selected?.id ?? '';
  const canDelete = selected && (!selected.isShared || me?.role === 'admin');

  const choose = (id: string) => {
    const view = views.data?.data.find((candidate) => candidate.id === id);
    if (view) onApply(view);
  };
  const remove = async () => {
    if (!selected || !globalThis.confirm(t('deleteViewConfirm', { name: selected.name }))) return;
    try {
      await api.delete(`/api/v1/saved-views/${encodeURIComponent(selected.id)}`);
      setError(undefined);
      views.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div className="leads-views">
      <SelectField
        label={t('views')}
        value={selectedId}
        onChange={(event) => choose(event.target.value)}
        options={[
          { value: '', label: t('currentFilters') },
          ...(views.data?.data ?? []).map((view) => ({
            value: view.id,
            label: view.isShared ? t('sharedSuffix', { name: view.name }) : view.name,
          })),
        ]}
        data-testid="saved-views"
      />
      <Button onClick={() => setIsSaving(true)} data-testid="save-view">
        {t('saveView')}
      </Button>
      {canDelete && (
        <Button variant="danger" onClick={remove} data-testid="delete-view">
          {t('deleteView')}
        </Button>
      )}
      <ErrorBanner error={error ?? views.error} />
      <Dialog title={t('saveViewTitle')} open={isSaving} onClose={() => setIsSaving(false)}>
        <SaveViewForm
          canShare={me?.role === 'admin' || me?.role === 'marketer'}
          onCancel={() => setIsSaving(false)}
          onSave={async (name, isShared) => {
            await api.post<SavedView>('/api/v1/saved-views', {
              name,
              filters: toApiFilters(filters),
              sort,
              isShared,
            });
            setIsSaving(false);
            views.reload();
          }}
          cancelLabel={tc('cancel')}
          saveLabel={tc('save')}
        />
      </Dialog>
    </div>
  );
}

function SaveViewForm({
  canShare,
  onCancel,
  onSave,
  cancelLabel,
  saveLabel,
}: {
  canShare: boolean;
  onCancel: () => void;
  onSave: (name: string, isShared: boolean) => Promise<void>;
  cancelLabel: string;
  saveLabel: string;
}) {
  const t = useT(leadsMessages);
  const [name, setName] = useState('');
  const [isShared, setIsShared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    try {
      await onSave(name.trim(), isShared);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="stack">
      <TextField
        label={t('viewName')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
        maxLength={100}
        autoFocus
        data-testid="view-name"
      />
      {canShare && (
        <label className="leads-inline-check">
          <input type="checkbox" checked={isShared} onChange={(event) => setIsShared(event.target.checked)} />{' '}
          {t('shareView')}
        </label>
      )}
      <ErrorBanner error={error} />
      <div className="row end">
        <Button onClick={onCancel}>{cancelLabel}</Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {saveLabel}
        </Button>
      </div>
    </form>
  );
}
