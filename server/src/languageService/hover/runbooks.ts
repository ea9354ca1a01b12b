/**
 * Hover from the runbook catalog: on TargetId (a name, or a Ref to an Automation document of the
 * same template), the runbook and its parameters; on a parameter key,
 * the parameter's type, required or default, allowed values or pattern, and the runbook.
 */
import type { HoverContributor } from './hover';
import { AWS_RUNBOOK_PREFIX } from '../model/configuration';
import { parameterKeyMarkdown, runbookMarkdown } from './runbookMarkdown';

export const runbookHover: HoverContributor = (request) => {
  const { location, property, catalog } = request;
  if (!property) return undefined;
  if (location.docPath === 'RemediationConfigurations.TargetId') {
    const value = property.valueNode;
    // A Ref to an Automation document of the same template (model/templateRunbooks.ts).
    const ofTarget = catalog.runbookOfTarget(value);
    if (ofTarget) return runbookMarkdown(ofTarget);
    if (value?.type !== 'string') return undefined;
    const runbook = catalog.get(value.value);
    if (runbook) return runbookMarkdown(runbook);
    if (AWS_RUNBOOK_PREFIX.test(value.value)) {
      return `**${value.value}** is not in the bundled catalog of ${catalog.all.length} AWS-managed remediation runbooks (us-east-1). Check the name.`;
    }
    return undefined;
  }
  if (location.docPath === 'RemediationConfigurations.Parameters.*' && request.isKey) {
    return parameterKeyMarkdown(property, catalog, () => true);
  }
  return undefined;
};
