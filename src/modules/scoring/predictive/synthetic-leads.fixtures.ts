import type { CsvTable } from './csv-table.reader.ts';
import { createRandom, sigmoid } from './metrics.rules.ts';

/**
 * Made-up leads with a known truth, for tests: mixed categorical and numeric columns, blanks,
 * a skewed count, a noisy high-cardinality column, and (with `interaction` > 0) effects that only
 * exist in combination — which additive models (logistic, naive Bayes) cannot represent.
 */
export type SyntheticOptions = { rows: number; seed: number; interaction: number; leak?: boolean };

const SOURCES = ['Google', 'Direct', 'Referral', 'Facebook', 'Email', 'Partner', 'Event', 'Olark Chat'];
const SOURCE_EFFECT = [0.3, 0, 0.9, -0.5, 0.2, 1.1, 0.5, -0.9];
const OCCUPATIONS = ['Student', 'Working Professional', 'Unemployed', 'Businessman', 'Other'];

export function generateSyntheticLeads(options: SyntheticOptions): CsvTable {
  const random = createRandom(options.seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const columns = [
    'Lead Id',
    'Source',
    'Occupation',
    'City',
    'Visits',
    'Minutes On Site',
    'Budget',
    'Plan',
    'Noise A',
    'Noise B',
    'Won',
  ];
  if (options.leak) columns.splice(columns.length - 1, 0, 'Segment Code');
  const rows: (string | null)[][] = [];
  for (let i = 0; i < options.rows; i++) {
    const source = Math.floor(random() * SOURCES.length);
    const occupation = Math.floor(random() * OCCUPATIONS.length);
    const city = Math.floor(random() ** 2 * 60);
    const visits = Math.floor(-Math.log(1 - random()) * 4);
    const minutes = Math.max(0, Math.round(Math.exp(2.5 + gaussian()) * (random() < 0.25 ? 0 : 1)));
    const budget = random() * 100;
    const plan = random() < 0.5 ? 'Monthly' : 'Yearly';
    const isStudent = occupation === 0;
    const isLongVisit = minutes > 20;
    let logit =
      -1 +
      SOURCE_EFFECT[source]! +
      0.35 * Math.log1p(visits) +
      (occupation === 1 ? 0.8 : 0) +
      (city < 5 ? 0.4 : 0);
    logit += 0.6 * (isLongVisit ? 1 : -0.3);
    // Interactions: long visits matter for students only; budget matters for yearly plans only.
    logit +=
      options.interaction *
      ((isStudent && isLongVisit ? 1.8 : isStudent ? -1.2 : 0) +
        (plan === 'Yearly' ? (budget - 50) / 20 : 0));
    const won = random() < sigmoid(logit) ? 1 : 0;
    const row: (string | null)[] = [
      `L-${100000 + i}`,
      random() < 0.05 ? null : SOURCES[source]!,
      random() < 0.3 ? null : OCCUPATIONS[occupation]!,
      random() < 0.1 ? null : `City ${city}`,
      random() < 0.02 ? null : String(visits),
      String(minutes),
      budget.toFixed(1),
      plan,
      random() < 0.5 ? 'x' : 'y',
      gaussian().toFixed(3),
      won ? 'Won' : 'Lost',
    ];
    if (options.leak)
      row.splice(row.length - 1, 0, won ? (random() < 0.97 ? 'C1' : 'C2') : random() < 0.97 ? 'C2' : 'C1');
    rows.push(row);
  }
  return { columns, rows, encoding: 'utf-8', delimiter: ',' };
}
