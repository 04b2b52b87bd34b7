import { describe, expect, it } from 'vitest';
import { computeSingleColumnAuc, guardColumns, judgeColumn } from './leak-guard.rules.ts';
import { assignStratifiedFolds, createRandom } from './metrics.rules.ts';

const random = createRandom(11);
const labels = Int8Array.from({ length: 600 }, () => (random() < 0.4 ? 1 : 0));
const folds = assignStratifiedFolds(labels, 5, 1);
const honest = Array.from(labels, (y) => (random() < (y ? 0.6 : 0.4) ? 'Web' : 'Event'));
// Filled after the outcome: agrees with the label 97% of the time.
const leaking = Array.from(labels, (y) => (random() < 0.97 ? (y ? 'K1' : 'K2') : y ? 'K2' : 'K1'));

describe('leak guard', () => {
  it('measures a column alone out of fold', () => {
    expect(computeSingleColumnAuc(leaking, labels, folds, 5)).toBeGreaterThan(0.95);
    expect(computeSingleColumnAuc(honest, labels, folds, 5)).toBeLessThan(0.75);
  });

  it('excludes a column that predicts the label almost alone, with the reason', () => {
    const { features, excluded } = guardColumns(
      [
        { name: 'Channel', values: honest },
        { name: 'Segment', values: leaking },
      ],
      labels,
      folds,
      5,
      {},
    );
    expect(features).toEqual(['Channel']);
    expect(excluded).toHaveLength(1);
    expect(excluded[0]!.column).toBe('Segment');
    expect(excluded[0]!.reason).toMatch(/predicts the label almost alone/);
  });

  it('keeps a flagged column with --keep and drops any column with --exclude', () => {
    const { features, excluded } = guardColumns(
      [
        { name: 'Channel', values: honest },
        { name: 'Segment', values: leaking },
      ],
      labels,
      folds,
      5,
      { keep: ['Segment'], exclude: ['Channel'] },
    );
    expect(features).toEqual(['Segment']);
    expect(excluded).toEqual([{ column: 'Channel', reason: 'excluded with --exclude' }]);
  });

  it('flags identifiers: unique text and dense whole-number sequences, not amounts unique by chance', () => {
    const ids = Array.from(labels, (_, i) => `7f3a-${i}`);
    const numbers = Array.from(labels, (_, i) => String(660000 + i * 3));
    const amounts = Array.from(labels, () => String(Math.round(random() * 1e7)));
    expect(judgeColumn('Prospect ID', ids, labels, folds, 5)).toMatch(/identifier-like/);
    expect(judgeColumn('Lead Number', numbers, labels, folds, 5)).toMatch(/identifier-like/);
    expect(judgeColumn('Budget', amounts, labels, folds, 5)).toBeNull();
  });

  it('flags names of fields filled after contact, but spares personal attributes known on arrival', () => {
    expect(judgeColumn('Lead Quality', honest, labels, folds, 5)).toMatch(/filled after contact.*quality/);
    expect(judgeColumn('Last Notable Activity', honest, labels, folds, 5)).toMatch(/notable activity/);
    expect(judgeColumn('leadScore', honest, labels, folds, 5)).toMatch(/score/);
    expect(judgeColumn('Employment Status', honest, labels, folds, 5)).toBeNull();
    expect(judgeColumn('Lead Source', honest, labels, folds, 5)).toBeNull();
  });

  it('reports constant and empty columns', () => {
    expect(
      judgeColumn(
        'Magazine',
        Array.from(labels, () => 'No'),
        labels,
        folds,
        5,
      ),
    ).toMatch(/constant/);
    expect(
      judgeColumn(
        'Fax',
        Array.from(labels, () => null),
        labels,
        folds,
        5,
      ),
    ).toMatch(/empty/);
  });
});
