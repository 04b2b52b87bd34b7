import { EmptyState, PageHeader } from '../../app/ui.tsx';

export function SettingsScreen(_props: { params: Record<string, string> }) {
  return (
    <>
      <PageHeader title="SettingsScreen" />
      <EmptyState>…</EmptyState>
    </>
  );
}
