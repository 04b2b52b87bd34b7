import { useEffect, useRef, useState } from 'react';
import { STAGES, TEMPERATURES, type User } from '../../app/domain.ts';
import { useT } from '../../app/i18n.tsx';
import { common } from '../../app/messages.ts';
import { Button, SelectField, TextField } from '../../app/ui.tsx';
import { type FilterKey, type Filters, hasFilters } from './leads-query.ts';
import { leadsMessages } from './messages.ts';

const SEARCH_DELAY_MS = 300;

/** The search box sends its text once typing pauses: one request per pause, not per key. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (text: string) => void }) {
  const t = useT(leadsMessages);
  const [text, setText] = useState(value);
  const latest = useRef(onSearch);
  latest.current = onSearch;
  // A view or "clear filters" changes the query from outside: show it.
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const timer = setTimeout(() => latest.current(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value]);
  return (
    <TextField
      type="search"
      label={t('search')}
      placeholder={t('searchPlaceholder')}
      value={text}
      onChange={(event) => setText(event.target.value)}
      data-testid="leads-search"
    />
  );
}

export function LeadsFilterBar({
  filters,
  onChange,
  users,
  showOwner,
}: {
  filters: Filters;
  onChange: (next: Filters) => void;
  users: User[];
  showOwner: boolean;
}) {
  const t = useT(leadsMessages);
  const tc = useT(common);
  const set = (key: FilterKey, value: string) => onChange({ ...filters, [key]: value || undefined });
  const any = { value: '', label: t('any') };
  return (
    <section className="leads-filters" aria-label={t('filters')}>
      <SearchBox value={filters.q ?? ''} onSearch={(text) => set('q', text)} />
      <SelectField
        label={t('stage')}
        value={filters.stage ?? ''}
        onChange={(event) => set('stage', event.target.value)}
        options={[any, ...STAGES.map((stage) => ({ value: stage, label: tc(`stage_${stage}`) }))]}
        data-testid="filter-stage"
      />
      <SelectField
        label={t('temperature')}
        value={filters.temperature ?? ''}
        onChange={(event) => set('temperature', event.target.value)}
        options={[
          any,
          ...TEMPERATURES.map((temperature) => ({
            value: temperature,
            label: tc(`temperature_${temperature}`),
          })),
        ]}
        data-testid="filter-temperature"
      />
      <TextField
        type="number"
        inputMode="numeric"
        label={t('scoreMin')}
        value={filters.scoreMin ?? ''}
        onChange={(event) => set('scoreMin', event.target.value)}
        className="leads-filter-narrow"
      />
      <TextField
        type="number"
        inputMode="numeric"
        label={t('scoreMax')}
        value={filters.scoreMax ?? ''}
        onChange={(event) => set('scoreMax', event.target.value)}
        className="leads-filter-narrow"
      />
      {showOwner && (
        <SelectField
          label={t('owner')}
          value={filters.ownerId ?? ''}
          onChange={(event) => set('ownerId', event.target.value)}
          options={[
            { value: '', label: t('anyone') },
            { value: 'none', label: t('unassigned') },
            ...users.map((user) => ({ value: user.id, label: user.name })),
          ]}
          data-testid="filter-owner"
        />
      )}
      <SourceField value={filters.source ?? ''} onChange={(value) => set('source', value)} />
      <TextField
        type="date"
        label={t('createdFrom')}
        value={filters.createdFrom ?? ''}
        onChange={(event) => set('createdFrom', event.target.value)}
      />
      <TextField
        type="date"
        label={t('createdTo')}
        value={filters.createdTo ?? ''}
        onChange={(event) => set('createdTo', event.target.value)}
      />
      {hasFilters(filters) && (
        <Button variant="ghost" onClick={() => onChange({})}>
          {t('clearFilters')}
        </Button>
      )}
    </section>
  );
}

/** Source is free text (form names, "import", "api", …): applied when the field is left or on Enter. */
function SourceField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const t = useT(leadsMessages);
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const apply = () => {
    if (text.trim() !== value) onChange(text.trim());
  };
  return (
    <TextField
      label={t('source')}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={apply}
      onKeyDown={(event) => {
        if (event.key === 'Enter') apply();
      }}
      className="leads-filter-narrow"
      data-testid="filter-source"
    />
  );
}
