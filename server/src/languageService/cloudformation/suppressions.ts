/**
 * Suppressions written in a CloudFormation template's remediation resources, the way cfn-lint
 * reads `Metadata: cfn-lint: config: ignore_checks`:
 *
 *     Remediation:
 *       Type: AWS::Config::RemediationConfiguration
 *       Metadata:
 *         config-remediation:
 *           ignore: [RC207]
 *
 * silences those rules for the findings inside that resource. JSON templates cannot have
 * comments (CloudFormation reads them as strict JSON): this is their way to suppress.
 */
import { getProperty, getPropertyValue, type ParsedDocument } from '../model/ast';
import { remediationResources, templateRoot } from '../model/layout';
import {
  SUPPRESSION_METADATA_KEY,
  type SuppressedId,
  type Suppression,
} from '../model/suppression';

export function metadataSuppressions(parsed: ParsedDocument): Suppression[] {
  const found: Suppression[] = [];
  for (const { logicalId, resource } of remediationResources(templateRoot(parsed.roots))) {
    const metadata = getPropertyValue(resource.valueNode, 'Metadata');
    const ignore = getProperty(getPropertyValue(metadata, SUPPRESSION_METADATA_KEY), 'ignore');
    const list = ignore?.valueNode;
    if (!ignore || !list) continue;
    const items = list.type === 'array' ? list.items : [list];
    const ids: SuppressedId[] = [];
    for (const item of items) {
      if (item.type === 'string' && item.value.trim() !== '') {
        ids.push({ id: item.value.trim(), offset: item.offset, length: item.length });
      }
    }
    // An empty list silences nothing (no ids would mean every rule, as in a comment).
    if (ids.length === 0) continue;
    found.push({
      kind: 'resource',
      start: resource.offset,
      end: resource.offset + resource.length,
      ids,
      offset: ignore.offset,
      length: ignore.length,
      resource: logicalId,
    });
  }
  return found;
}
