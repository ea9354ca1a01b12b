/**
 * Document links: a TargetId naming an AWS-owned runbook of the bundled catalog links to its
 * page in the Systems Manager Automation runbook reference. The address is the catalog's
 * (`docUrl`, the reference page listed in data/source/ssm-runbooks.json; docs/data.md): the pages are not all named
 * `automation-<name>.html`, and a runbook the reference has no page for gets no link.
 */
import { literalString, type ParsedDocument } from '../model/ast';
import type { RunbookCatalog } from '../model/catalog';
import type { DocumentLink } from '../model/serviceTypes';
import { memberValue, stringContentRange, type ConfigurationSite } from './sites';

export function runbookLinks(
  parsed: ParsedDocument,
  sites: readonly ConfigurationSite[],
  catalog: RunbookCatalog,
): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const site of sites) {
    const targetId = literalString(memberValue(site.members, 'TargetId'));
    if (!targetId) continue;
    const target = catalog.get(targetId.value)?.docUrl;
    if (!target) continue;
    links.push({
      range: stringContentRange(parsed.text, targetId),
      target,
      tooltip: `${targetId.value} in the Automation runbook reference`,
    });
  }
  return links;
}
