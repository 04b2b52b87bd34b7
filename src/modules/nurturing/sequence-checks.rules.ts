import type { DefinitionError } from './definition-errors.rules.ts';
import type { SequenceDefinition, SequenceStep, StepTarget } from './sequence-definition.schemas.ts';
import { findTokenProblems } from './template-render.rules.ts';

interface Edge {
  key: 'then' | 'else' | 'next';
  to: number;
}

/** Index of a step's label, or undefined. */
function indexOfLabel(steps: readonly SequenceStep[], label: string): number | undefined {
  const index = steps.findIndex((step) => step.id === label);
  return index >= 0 ? index : undefined;
}

function describeMissingTarget(target: StepTarget, count: number): string {
  return typeof target === 'number'
    ? `no step ${target} (steps go from 0 to ${count - 1})`
    : `no step labelled "${target}"`;
}

/** Where each step may go next; `to === steps.length` is the end of the sequence. */
function edgesOf(steps: readonly SequenceStep[], index: number): Edge[] {
  const step = steps[index];
  if (!step || step.type === 'exit') return [];
  if (step.type !== 'branch') return [{ key: 'next', to: index + 1 }];
  const resolve = (target: StepTarget) =>
    typeof target === 'number' ? target : (indexOfLabel(steps, target) ?? steps.length);
  return [
    { key: 'then', to: resolve(step.then) },
    { key: 'else', to: resolve(step.else) },
  ];
}

/**
 * Checks across steps once each step has the right shape: unique labels, branch targets that
 * exist, known templates, known tokens in WhatsApp texts, no step left unreachable and no loop
 * without a wait (it would send as fast as the worker runs).
 */
export function checkSequenceDefinition(
  definition: SequenceDefinition,
  options: { templateNames?: ReadonlySet<string> },
): DefinitionError[] {
  const { steps } = definition;
  const errors: DefinitionError[] = [];
  const labels = new Map<string, number>();
  let hasBrokenTarget = false;

  steps.forEach((step, index) => {
    const at = `steps[${index}]`;
    if (step.id !== undefined) {
      const first = labels.get(step.id);
      if (first === undefined) labels.set(step.id, index);
      else
        errors.push({ path: `${at}.id`, message: `label "${step.id}" is already used by steps[${first}]` });
    }
    if (step.type === 'branch') {
      for (const key of ['then', 'else'] as const) {
        const target = step[key];
        const exists =
          typeof target === 'number' ? target < steps.length : indexOfLabel(steps, target) !== undefined;
        if (!exists) {
          hasBrokenTarget = true;
          errors.push({ path: `${at}.${key}`, message: describeMissingTarget(target, steps.length) });
        }
      }
    }
    if (step.type === 'send') {
      if (step.template !== undefined && options.templateNames && !options.templateNames.has(step.template)) {
        errors.push({ path: `${at}.template`, message: `unknown template "${step.template}"` });
      }
      for (const message of findTokenProblems(step.text ?? '')) errors.push({ path: `${at}.text`, message });
    }
  });

  if (!hasBrokenTarget) errors.push(...findFlowProblems(steps));
  return errors;
}

function findFlowProblems(steps: readonly SequenceStep[]): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const reached = new Set<number>([0]);
  const queue = [0];
  for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
    for (const edge of edgesOf(steps, index)) {
      if (edge.to < steps.length && !reached.has(edge.to)) {
        reached.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  steps.forEach((_, index) => {
    if (!reached.has(index))
      errors.push({ path: `steps[${index}]`, message: 'never reached (no step leads here)' });
  });

  // Only a branch goes backwards; its loop is safe when every way round passes a wait.
  steps.forEach((step, from) => {
    if (step.type !== 'branch' || !reached.has(from)) return;
    for (const edge of edgesOf(steps, from)) {
      if (edge.to > from || edge.key === 'next') continue;
      if (canReachWithoutWait(steps, edge.to, from)) {
        errors.push({
          path: `steps[${from}].${edge.key}`,
          message: `loops back to steps[${edge.to}] without a wait step`,
        });
      }
    }
  });
  return errors;
}

function canReachWithoutWait(steps: readonly SequenceStep[], start: number, goal: number): boolean {
  if (steps[start]?.type === 'wait') return false;
  const seen = new Set<number>([start]);
  const stack = [start];
  for (let index = stack.pop(); index !== undefined; index = stack.pop()) {
    if (index === goal) return true;
    for (const edge of edgesOf(steps, index)) {
      if (edge.to >= steps.length || seen.has(edge.to) || steps[edge.to]?.type === 'wait') continue;
      seen.add(edge.to);
      stack.push(edge.to);
    }
  }
  return false;
}
