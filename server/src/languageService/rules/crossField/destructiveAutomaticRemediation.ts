import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import { viewConfiguration } from '../../model/configuration';

/** A runbook name that deletes, terminates, detaches, removes or revokes something. */
export const DESTRUCTIVE_RUNBOOK =
  /(?:^|[^A-Za-z]|[a-z])(Delete|Terminate|Detach|Remove|Revoke)(?=[A-Z0-9_-]|$)/;

/** The verb as the message says it: "detaches", not "detachs". */
const THIRD_PERSON: Readonly<Record<string, string>> = {
  Delete: 'deletes',
  Terminate: 'terminates',
  Detach: 'detaches',
  Remove: 'removes',
  Revoke: 'revokes',
};

/**
 * Rule: RC210 destructive-automatic-remediation. `Automatic: true` with a runbook that deletes,
 * terminates or detaches something. The API note "Auto remediation can be initiated even for
 * compliant resources" (stale compliance data) is quoted in the message: information only.
 */
export const destructiveAutomaticRemediation: RuleDefinition = {
  id: 'RC210',
  slug: 'destructive-automatic-remediation',
  severity: 'information',
  category: 'cross-field',
  scope: 'configuration',
  description:
    'Automatic remediation with a runbook that deletes, terminates or detaches something.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      if (!view.automatic || !view.targetId || !view.documentName) continue;
      const verb = DESTRUCTIVE_RUNBOOK.exec(view.documentName)?.[1];
      if (!verb) continue;
      // Read for a finding only: this rule runs on each configuration of a large file alone.
      const note = context.model.data.notes.find((n) => n.id === 'stale-compliance-data');
      const quote =
        /This means that[^\n]*/.exec(note?.markdown ?? '')?.[0].trim() ??
        'in some cases auto remediation can be initiated even for compliant resources';
      context.report(
        view.targetId,
        `Runbook "${view.documentName}" runs automatically and ${THIRD_PERSON[verb] ?? `${verb.toLowerCase()}s`} resources. The API text: "${quote}" Consider manual remediation, or exceptions for resources that must survive.`,
      );
    }
  },
};
