import type { RuleDefinition } from '../types';
import { closestMatch } from '../helpers';
import { changeToFixes } from '../../edits/edits';
import {
  ASSUME_ROLE,
  catalogString,
  isSingleValued,
  placeholderIn,
  runbookParameter,
  staticStrings,
  viewConfiguration,
  type ConfigurationView,
  type ParameterView,
} from '../../model/configuration';
import type { RunbookParameter } from '../../data/types';
import type { RuleContext } from '../types';
import type { StringNode } from '../../model/ast';

/** Each readable static value of each catalogued parameter of each configuration. */
function forEachParameter(
  context: RuleContext,
  visit: (
    view: ConfigurationView,
    parameter: ParameterView,
    definition: RunbookParameter,
    values: StringNode[],
  ) => void,
): void {
  for (const { node } of context.configurations) {
    const view = viewConfiguration(node, context.catalog, context.isOpaque);
    if (!view.runbook) continue;
    for (const parameter of view.parameterList) {
      const definition = runbookParameter(view.runbook, parameter.name);
      if (!definition) continue;
      visit(view, parameter, definition, staticStrings(parameter, context.isOpaque));
    }
  }
}

/**
 * RC302 runbook-parameter-single-value: more than one value for a parameter that takes one
 * (String, Boolean, Integer, AWS::IAM::Role::Arn, ...). Only StringList (and StringMap) take lists.
 */
export const singleValue: RuleDefinition = {
  id: 'RC302',
  slug: 'runbook-parameter-single-value',
  severity: 'error',
  category: 'runbook',
  scope: 'configuration',
  description: 'More than one value for a runbook parameter that takes one.',
  check(context) {
    forEachParameter(context, (view, parameter, definition) => {
      const count = parameter.values?.items.length ?? 0;
      if (!isSingleValued(definition.type) || count <= 1 || !parameter.valuesProperty) return;
      context.report(
        parameter.valuesProperty.keyNode,
        `Parameter "${parameter.name}" of runbook "${view.runbook?.name}" is of type ${definition.type}: it takes one value, not ${count}. Only StringList parameters take several.`,
      );
    });
  },
};

/**
 * RC303 runbook-allowed-values: a value outside the parameter's allowedValues. The service accepts
 * it; the automation then fails: `Parameter "Action" has value "install" not found in [Install,
 * Uninstall]`.
 */
export const allowedValues: RuleDefinition = {
  id: 'RC303',
  slug: 'runbook-allowed-values',
  severity: 'error',
  category: 'runbook',
  scope: 'configuration',
  description: "A value that is not one of the runbook parameter's allowedValues.",
  check(context) {
    forEachParameter(context, (view, parameter, definition, values) => {
      if (!definition.allowedValues || definition.allowedValues.length === 0) return;
      const allowed = definition.allowedValues.map(catalogString);
      // Booleans are converted from the string: "True" is as good as "true".
      const fold = (text: string): string =>
        definition.type === 'Boolean' ? text.trim().toLowerCase() : text;
      const folded = allowed.map(fold);
      for (const value of values) {
        if (value.value === '' || folded.includes(fold(value.value))) continue;
        const suggestion = closestMatch(
          value.value,
          allowed.filter((a) => a !== ''),
        );
        const fixes = changeToFixes(value, suggestion, context.parsed);
        context.report(
          value,
          `Parameter "${parameter.name}" has value "${value.value}" not found in [${allowed.join(', ')}] (runbook "${view.runbook?.name}").${suggestion ? ` Did you mean "${suggestion}"?` : ''} The service accepts it; the automation then fails.`,
          { fixes },
        );
      }
    });
  },
};

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

/**
 * RC304 runbook-allowed-pattern: a value that does not match the parameter's allowedPattern. The
 * service accepts it; the automation then fails. A ResourceValue is not checked (its value is only
 * known at run time), nor AutomationAssumeRole (RC202), nor placeholders (RC203).
 */
export const allowedPattern: RuleDefinition = {
  id: 'RC304',
  slug: 'runbook-allowed-pattern',
  severity: 'error',
  category: 'runbook',
  scope: 'configuration',
  description: "A value that does not match the runbook parameter's allowedPattern.",
  check(context) {
    forEachParameter(context, (view, parameter, definition, values) => {
      if (!definition.allowedPattern || parameter.name === ASSUME_ROLE) return;
      if (definition.allowedValues && definition.allowedValues.length > 0) return; // RC303
      const regex = compilePattern(definition.allowedPattern);
      if (!regex) return;
      for (const value of values) {
        if (value.value === '' || value.value.length > 4096 || placeholderIn(value.value)) continue;
        if (!hasParameterType(definition, value.value)) continue; // RC305
        if (regex.test(value.value)) continue;
        context.report(
          value,
          `Parameter "${parameter.name}" has value "${value.value}", which does not match the runbook's allowedPattern ${definition.allowedPattern} (runbook "${view.runbook?.name}"). The service accepts it; the automation then fails.`,
        );
      }
    });
  },
};

/**
 * RC305 runbook-parameter-type: a Boolean parameter given something other than "true"/"false", or
 * an Integer parameter given something that is not a whole number. StaticValue values are strings;
 * Systems Manager converts them to the parameter's type when the automation starts, and fails.
 */
export const parameterType: RuleDefinition = {
  id: 'RC305',
  slug: 'runbook-parameter-type',
  severity: 'error',
  category: 'runbook',
  scope: 'configuration',
  description: 'A Boolean or Integer runbook parameter given a value of another type.',
  check(context) {
    forEachParameter(context, (view, parameter, definition, values) => {
      if (definition.allowedValues && definition.allowedValues.length > 0) return; // RC303
      const isBoolean = definition.type === 'Boolean';
      const isInteger = definition.type === 'Integer';
      if (!isBoolean && !isInteger) return;
      for (const value of values) {
        if (value.value === '' || hasParameterType(definition, value.value)) continue;
        context.report(
          value,
          `Parameter "${parameter.name}" of runbook "${view.runbook?.name}" is ${isBoolean ? 'a Boolean: use "true" or "false"' : 'an Integer: use a whole number such as "5"'}, not "${value.value}".`,
        );
      }
    });
  },
};

/**
 * RC308 resource-value-parameter: a ResourceValue (the resource ID) on a parameter that can never
 * hold a resource ID: a Boolean, or one with a fixed list of allowedValues. Only such certain
 * cases are reported.
 */
export const resourceValueParameter: RuleDefinition = {
  id: 'RC308',
  slug: 'resource-value-parameter',
  severity: 'warning',
  category: 'runbook',
  scope: 'configuration',
  description: 'A ResourceValue on a runbook parameter that cannot hold a resource ID.',
  check(context) {
    forEachParameter(context, (view, parameter, definition) => {
      if (!parameter.resourceValue || parameter.staticValue || parameter.name === ASSUME_ROLE)
        return;
      const runbook = view.runbook;
      if (!runbook || runbook.resourceIdParameter === parameter.name) return;
      const reason =
        definition.type === 'Boolean'
          ? 'a Boolean'
          : definition.allowedValues && definition.allowedValues.length > 0
            ? `one of [${definition.allowedValues.map(catalogString).join(', ')}]`
            : undefined;
      if (!reason) return;
      const target = runbook.resourceIdParameter
        ? ` This runbook takes the resource ID in "${runbook.resourceIdParameter}".`
        : '';
      context.report(
        parameter.resourceValue.keyNode,
        `Parameter "${parameter.name}" gets the resource ID at run time, but it is ${reason}.${target}`,
      );
    });
  },
};
