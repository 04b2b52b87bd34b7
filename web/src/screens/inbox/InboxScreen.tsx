import { EmptyState, PageHeader } from '../../app/ui.tsx';

export function InboxScreen(_props: { params: Record<string, string> }) {
  return (
    <>
      <PageHeader title="InboxScreen" />
      <EmptyState>…</EmptyState>
    </>
  );
}
