/**
 * Reading the runbook parameters of configurations, for the parameter value rules (RC302-RC305,
 * RC308): each catalogued parameter with its readable static values, and the type and pattern
 * tests those rules share.
 */
import {
  runbookParameter,
  staticStrings,
  viewConfiguration,
  type ConfigurationView,
  type ParameterView,
} from '../../model/configuration';
import type { Runbook, RunbookParameter } from '../../data/types';
import type { RuleContext } from '../types';
import type { Configuration } from '../../model/layout';
import type { AstNode, StringNode } from '../../model/ast';

/** Each readable static value of each catalogued parameter of each configuration. */
export function forEachParameter(
  context: RuleContext,
  visit: (
    view: ConfigurationView,
    parameter: ParameterView,
    definition: RunbookParameter,
    values: readonly StringNode[],
  ) => void,
): void {
  // Indexed, not for-of: see RuleContext.shaped.
  const configurations = context.configurations;
  for (let index = 0; index < configurations.length; index++) {
    const { node } = configurations[index] as Configuration;
    const view = viewConfiguration(node, context.catalog, context.isOpaque);
    if (!view.runbook) continue;
    const items = cataloguedParameters(view, view.runbook, context.isOpaque);
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as CataloguedParameter;
      visit(view, item.parameter, item.definition, item.values);
    }
  }
}

interface CataloguedParameter {
  parameter: ParameterView;
  definition: RunbookParameter;
  values: readonly StringNode[];
}

/**
 * The catalogued parameters of each view, found once: five rules read them for every
 * configuration. A view is made for one opacity test (model/configuration.ts), so is this.
 */
const catalogued = new WeakMap<ConfigurationView, readonly CataloguedParameter[]>();

function cataloguedParameters(
  view: ConfigurationView,
  runbook: Runbook,
  isOpaque: (node: AstNode) => boolean,
): readonly CataloguedParameter[] {
  const known = catalogued.get(view);
  if (known) return known;
  const items: CataloguedParameter[] = [];
  for (const parameter of view.parameterList) {
    const definition = runbookParameter(runbook, parameter.name);
    if (definition)
      items.push({ parameter, definition, values: staticStrings(parameter, isOpaque) });
  }
  catalogued.set(view, items);
  return items;
}

/** Whether a string converts to a Boolean or Integer parameter's type (other types: always). */
export function hasParameterType(definition: RunbookParameter, value: string): boolean {
  if (definition.type === 'Boolean') return /^(true|false)$/i.test(value.trim());
  if (definition.type === 'Integer') return /^[-+]?\d+$/.test(value.trim());
  return true;
}

const compiled = new Map<string, RegExp | null>();

/** The runbook's allowedPattern as a JavaScript regex, or null when it does not compile. */
export function compilePattern(pattern: string): RegExp | null {
  if (!compiled.has(pattern)) {
    let regex: RegExp | null = null;
    try {
      regex = new RegExp(pattern);
    } catch {
      regex = null; // a pattern JavaScript cannot read is never held against the user
    }
    compiled.set(pattern, regex);
  }
  return compiled.get(pattern) ?? null;
}
