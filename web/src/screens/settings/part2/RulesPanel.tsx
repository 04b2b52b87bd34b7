import { type FormEvent, useState } from 'react';
import { api } from '../../../app/api.ts';
import type { User } from '../../../app/domain.ts';
import { useFormat, useT } from '../../../app/i18n.tsx';
import { Badge, Button, EmptyState, ErrorBanner, Loading, SelectField, TextField } from '../../../app/ui.tsx';
import type { Loaded } from '../../../app/use-api.ts';
import { routingMessages } from './messages.ts';
import {
  CONDITION_OPS,
  type ConditionOp,
  describeCondition,
  type JoinMode,
  ROUTING_FIELDS,
  type TestDraft,
  toCondition,
} from './routing-conditions.ts';
import { errorDetails, errorsAt, FieldErrors, type PathError, userLabel } from './shared.tsx';
import type { Team } from './TeamsPanel.tsx';

export interface Rule {
  id: string;
  name: string;
  priority: number;
  conditions: unknown;
  target: { teamId?: string; userId?: string };
  isActive: boolean;
}

/** Routing rules in the order they are tried (lowest priority first); admins add and delete them. */
export function RulesPanel({
  rules,
  teams,
  users,
  canEdit,
}: {
  rules: Loaded<{ data: Rule[] }>;
  teams: Team[];
  users: User[];
  canEdit: boolean;
}) {
  const t = useT(routingMessages);
  const format = useFormat();
  const [creating, setCreating] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const words = { and: t('and'), or: t('or'), not: t('not'), always: t('always') };
  const targetLabel = (target: Rule['target']) =>
    target.teamId
      ? t('toTeam', { name: teams.find((team) => team.id === target.teamId)?.name ?? target.teamId })
      : t('toRep', { name: userLabel(users, target.userId) });
  const remove = async (rule: Rule) => {
    if (!globalThis.confirm(t('confirmDelete', { name: rule.name }))) return;
    setFailure(undefined);
    try {
      await api.delete(`/api/v1/routing/rules/${rule.id}`);
      rules.reload();
    } catch (error) {
      setFailure(error);
    }
  };
  const list = rules.data?.data ?? [];
  return (
    <div className="stack" data-testid="routing-rules">
      <h3>{t('rules')}</h3>
      <p className="muted">{t('rulesIntro')}</p>
      {rules.loading && !rules.data && <Loading />}
      <ErrorBanner error={rules.error ?? failure} onRetry={rules.error ? rules.reload : undefined} />
      {rules.data && list.length === 0 && <EmptyState>{t('noRules')}</EmptyState>}
      {list.length > 0 && (
        <table className="data">
          <caption className="sr-only">{t('rules')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('order')}
              </th>
              <th scope="col">{t('ruleName')}</th>
              <th scope="col" className="num">
                {t('priority')}
              </th>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('sendTo')}</th>
              {canEdit && <th scope="col">{t('actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.map((rule, index) => (
              <tr key={rule.id} data-testid={`rule-row-${index}`}>
                <td className="num">{format.number(index + 1)}</td>
                <th scope="row">
                  {rule.name} {!rule.isActive && <Badge kind="stage">{t('inactive')}</Badge>}
                </th>
                <td className="num">{format.number(rule.priority)}</td>
                <td>
                  <code>{describeCondition(rule.conditions, words)}</code>
                </td>
                <td>{targetLabel(rule.target)}</td>
                {canEdit && (
                  <td>
                    <Button
                      variant="danger"
                      onClick={() => remove(rule)}
                      aria-label={t('deleteRule', { name: rule.name })}
                      data-testid={`rule-delete-${rule.id}`}
                    >
                      {t('delete')}
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit &&
        (creating ? (
          <RuleForm
            teams={teams}
            users={users}
            nextPriority={list.length === 0 ? 10 : Math.max(...list.map((rule) => rule.priority)) + 10}
            onCancel={() => setCreating(false)}
            onCreated={() => {
              setCreating(false);
              rules.reload();
            }}
          />
        ) : (
          <div>
            <Button onClick={() => setCreating(true)} data-testid="rule-new">
              {t('newRule')}
            </Button>
          </div>
        ))}
    </div>
  );
}

let testCounter = 0;
const newTest = (): TestDraft => ({ key: `test-${++testCounter}`, field: 'country', op: 'eq', value: '' });

function RuleForm({
  teams,
  users,
  nextPriority,
  onCancel,
  onCreated,
}: {
  teams: Team[];
  users: User[];
  nextPriority: number;
  onCancel: () => void;
  onCreated: () => void;
}) {
  const t = useT(routingMessages);
  const [name, setName] = useState('');
  const [priority, setPriority] = useState(nextPriority);
  const [mode, setMode] = useState<JoinMode>('all');
  const [tests, setTests] = useState<TestDraft[]>([newTest()]);
  const [target, setTarget] = useState(teams[0] ? `team:${teams[0].id}` : '');
  const [errors, setErrors] = useState<PathError[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const fieldsId = 'routing-fields';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [kind, id] = target.split(':');
    setFailure(undefined);
    try {
      await api.post('/api/v1/routing/rules', {
        name,
        priority,
        conditions: toCondition(mode, tests),
        target: kind === 'team' ? { teamId: id } : { userId: id },
      });
      onCreated();
    } catch (error) {
      setErrors(errorDetails(error));
      setFailure(error);
    }
  };
  const setTest = (index: number, patch: Partial<TestDraft>) =>
    setTests(tests.map((test, position) => (position === index ? { ...test, ...patch } : test)));
  // A single test is sent bare, several under all/any: its errors come back under either path.
  const testErrors = (index: number) =>
    tests.length === 1 && mode !== 'always'
      ? errorsAt(errors, 'conditions')
      : errorsAt(errors, `conditions.${mode}.${index}`);

  return (
    <form className="card stack" onSubmit={submit} aria-label={t('newRule')} noValidate>
      <h4>{t('newRule')}</h4>
      <div className="p2-inline">
        <TextField
          label={t('ruleName')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          data-testid="rule-name"
        />
        <TextField
          label={t('priority')}
          hint={t('priorityHint')}
          type="number"
          min={0}
          value={priority}
          onChange={(event) => setPriority(Number(event.target.value))}
          data-testid="rule-priority"
        />
      </div>
      <FieldErrors messages={[...errorsAt(errors, 'name'), ...errorsAt(errors, 'priority')]} />
      <SelectField
        label={t('matchMode')}
        value={mode}
        onChange={(event) => setMode(event.target.value as JoinMode)}
        options={[
          { value: 'all', label: t('mode_all') },
          { value: 'any', label: t('mode_any') },
          { value: 'always', label: t('mode_always') },
        ]}
        data-testid="rule-mode"
      />
      {mode !== 'always' && (
        <fieldset className="stack">
          <legend>{t('conditions')}</legend>
          <datalist id={fieldsId}>
            {ROUTING_FIELDS.map((field) => (
              <option key={field} value={field} />
            ))}
          </datalist>
          {tests.map((test, index) => (
            <div key={test.key} className="stack">
              <div className="p2-inline">
                <TextField
                  label={t('fieldN', { number: index + 1 })}
                  list={fieldsId}
                  value={test.field}
                  onChange={(event) => setTest(index, { field: event.target.value })}
                  data-testid={`rule-field-${index}`}
                />
                <SelectField
                  label={t('operatorN', { number: index + 1 })}
                  value={test.op}
                  onChange={(event) => setTest(index, { op: event.target.value as ConditionOp })}
                  options={CONDITION_OPS.map((op) => ({ value: op, label: t(`op_${op}`) }))}
                  data-testid={`rule-op-${index}`}
                />
                {test.op !== 'exists' && (
                  <TextField
                    label={t('valueN', { number: index + 1 })}
                    hint={test.op === 'in' || test.op === 'nin' ? t('listHint') : undefined}
                    value={test.value}
                    onChange={(event) => setTest(index, { value: event.target.value })}
                    data-testid={`rule-value-${index}`}
                  />
                )}
                <Button
                  variant="ghost"
                  onClick={() => setTests(tests.filter((_, position) => position !== index))}
                  disabled={tests.length === 1}
                  aria-label={t('removeCondition', { number: index + 1 })}
                >
                  {t('remove')}
                </Button>
              </div>
              <FieldErrors messages={testErrors(index)} />
            </div>
          ))}
          <div>
            <Button onClick={() => setTests([...tests, newTest()])} data-testid="rule-add-condition">
              {t('addCondition')}
            </Button>
          </div>
          <p className="muted">{t('fieldsHint')}</p>
        </fieldset>
      )}
      <SelectField
        label={t('sendTo')}
        value={target}
        onChange={(event) => setTarget(event.target.value)}
        options={[
          { value: '', label: t('chooseTarget') },
          ...teams.map((team) => ({ value: `team:${team.id}`, label: t('toTeam', { name: team.name }) })),
          ...users
            .filter((user) => user.isActive)
            .map((user) => ({ value: `user:${user.id}`, label: t('toRep', { name: user.name }) })),
        ]}
        data-testid="rule-target"
      />
      <FieldErrors messages={errorsAt(errors, 'target')} />
      <ErrorBanner error={failure} />
      <div className="row end">
        <Button onClick={onCancel}>{t('cancel')}</Button>
        <Button type="submit" variant="primary" disabled={!target} data-testid="rule-save">
          {t('addRule')}
        </Button>
      </div>
    </form>
  );
}
