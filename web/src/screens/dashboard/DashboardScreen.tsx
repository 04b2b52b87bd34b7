import { EmptyState, PageHeader } from '../../app/ui.tsx';

export function DashboardScreen(_props: { params: Record<string, string> }) {
  return (
    <>
      <PageHeader title="DashboardScreen" />
      <EmptyState>…</EmptyState>
    </>
  );
}
