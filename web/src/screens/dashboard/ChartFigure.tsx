import type { ReactNode } from 'react';
import { useFormat } from '../../app/i18n.tsx';

/**
 * A chart with its title and caption, plus the same figures as a table for screen readers: the SVG
 * is hidden from them (its bars and areas carry no text worth reading one by one).
 */
export function ChartFigure({
  title,
  caption,
  testId,
  table,
  footer,
  children,
}: {
  title: string;
  caption: ReactNode;
  testId: string;
  table: { columns: string[]; rows: (string | number)[][] };
  /** Visible text under the chart (rates, totals), read by everyone. */
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className="card dash-figure" data-testid={testId}>
      <figcaption>
        <h2>{title}</h2>
        <p className="muted">{caption}</p>
      </figcaption>
      <div aria-hidden="true" className="dash-chart">
        {children}
      </div>
      {footer}
      <DataTable caption={title} columns={table.columns} rows={table.rows} hidden />
    </figure>
  );
}

export function DataTable({
  caption,
  columns,
  rows,
  hidden,
}: {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
  hidden?: boolean;
}) {
  const format = useFormat();
  return (
    <table className={hidden ? 'sr-only' : 'data'}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={String(row[0])}>
            {row.map((cell, index) =>
              index === 0 ? (
                <th key={columns[index]} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={columns[index]} className="num">
                  {typeof cell === 'number' ? format.number(cell) : cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Week starts are UTC dates: shown as "16 Nov" in the user's language without shifting the day. */
export function useWeekLabel(): (weekStart: string) => string {
  const { tag } = useFormat();
  const formatter = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return (weekStart) => formatter.format(new Date(`${weekStart}T00:00:00Z`));
}

/** Series colours that keep a 4.5:1 contrast on white and stay apart for common colour blindness. */
export const SERIES_COLOURS = ['#0550ae', '#9a4d00', '#1a7f37', '#8250df', '#b42318', '#0a6d75', '#57606a'];
