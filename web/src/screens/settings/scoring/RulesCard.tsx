import { Fragment } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { Badge, Button, Card, EmptyState } from '../../../app/ui.tsx';
import { errorsAt, type PathError } from '../settings-kit.tsx';
import { newRule, type ScoringRule } from './grid-types.ts';
import { RuleEditor } from './RuleEditor.tsx';
import { scoringMessages } from './scoring.messages.ts';

/** The rules of one group as a table; a rule opens into its form below its row. */
export function RulesCard({
  group,
  rules,
  errors,
  openId,
  setOpenId,
  onChange,
  canEdit,
}: {
  group: 'fit' | 'engagement';
  rules: ScoringRule[];
  errors: readonly PathError[];
  openId: string | null;
  setOpenId: (id: string | null) => void;
  onChange: (rules: ScoringRule[]) => void;
  canEdit: boolean;
}) {
  const t = useT(scoringMessages);
  const indexed = rules.map((rule, index) => ({ rule, index })).filter((item) => item.rule.group === group);
  const add = () => {
    const rule = newRule(group);
    onChange([...rules, rule]);
    setOpenId(rule.id);
  };
  return (
    <Card
      title={t(group === 'fit' ? 'fitRules' : 'engagementRules')}
      actions={
        canEdit && (
          <Button onClick={add} data-testid={`add-${group}-rule`}>
            {t(group === 'fit' ? 'addFitRule' : 'addEngagementRule')}
          </Button>
        )
      }
    >
      {indexed.length === 0 ? (
        <EmptyState>{t('noRules')}</EmptyState>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('ruleName')}</th>
              <th scope="col" className="num">
                {t('rulePoints')}
              </th>
              <th scope="col">{t('ruleActions')}</th>
            </tr>
          </thead>
          <tbody>
            {indexed.map(({ rule, index }) => {
              const hasErrors = errorsAt(errors, `rules[${index}]`).length > 0;
              const isOpen = openId === rule.id || hasErrors;
              return (
                <Fragment key={rule.id}>
                  <tr data-testid={`rule-row-${rule.id}`}>
                    <td>
                      {rule.name || <span className="muted">{t('untitled')}</span>}{' '}
                      {!rule.isEnabled && <Badge kind="cold">{t('disabled')}</Badge>}
                    </td>
                    <td className="num">{rule.points > 0 ? `+${rule.points}` : rule.points}</td>
                    <td>
                      {canEdit && (
                        <div className="row">
                          <Button
                            variant="ghost"
                            aria-expanded={isOpen}
                            aria-label={`${t(isOpen ? 'closeRule' : 'editRule')} ${rule.name}`}
                            onClick={() => setOpenId(isOpen ? null : rule.id)}
                          >
                            {t(isOpen ? 'closeRule' : 'editRule')}
                          </Button>
                          <Button
                            variant="ghost"
                            aria-label={`${t('removeRule')} ${rule.name}`}
                            data-testid={`remove-rule-${rule.id}`}
                            onClick={() => onChange(rules.filter((_, at) => at !== index))}
                          >
                            {t('removeRule')}
                          </Button>
                        </div>
                      )}
                    </td>
                  </tr>
                  {isOpen && canEdit && (
                    <tr>
                      <td colSpan={3}>
                        <RuleEditor
                          rule={rule}
                          index={index}
                          errors={errors}
                          onChange={(next) => onChange(rules.map((item, at) => (at === index ? next : item)))}
                          onClose={() => setOpenId(null)}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </Card>
  );
}
