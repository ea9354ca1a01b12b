/**
 * What editor navigation reads in a document, in one pass: where its configurations are (the
 * nodes as written, not the checks' views of them: outline and links point at the text), and in a
 * template the resources and parameters a `Ref` can name.
 */
import type { ApiModel } from '../model/apiModel';
import {
  getProperty,
  getPropertyValue,
  lastNodeAtOrBefore,
  type AstNode,
  type ObjectNode,
  type ParsedDocument,
  type StringNode,
  type ValueNode,
} from '../model/ast';
import { requestAdapter, type DocumentKind } from '../model/document';
import { findConfigurations, remediationResources, templateRoot } from '../model/layout';
import type { OffsetRange } from '../model/serviceTypes';
import { isIntrinsic } from '../cloudformation/intrinsics';

/** One remediation configuration as the editor shows it. */
export interface ConfigurationSite {
  /** Its members: the request's list item, or the resource's Properties object. */
  members: ObjectNode | undefined;
  /** The configuration as a whole: the list item, or the whole `Resources.<id>` entry. */
  container: AstNode;
  /** 0-based position in the file. */
  index: number;
  /** Templates: the resource's logical id, as written. */
  logicalId?: StringNode;
}

interface CachedSites {
  kind: DocumentKind;
  model: ApiModel;
  sites: readonly ConfigurationSite[];
}

/**
 * The sites of each parse: editors ask for the outline, the references and the links of one
 * version one after the other, and each read every configuration (10,000 objects) again.
 */
const sitesOfParse = new WeakMap<ParsedDocument, CachedSites>();
/**
 * Per sites array, its containers when their offsets ascend (document order), for the binary
 * search of `siteWithMembers`; absent when they do not.
 */
const containersOfSites = new WeakMap<readonly ConfigurationSite[], readonly AstNode[]>();

/**
 * The configurations of a document, in document order. Read-only and kept for the parse: an
 * incremental re-parse makes a new ParsedDocument (see incremental/reparse.ts).
 */
export function configurationSites(
  parsed: ParsedDocument,
  kind: DocumentKind,
  model: ApiModel,
): readonly ConfigurationSite[] {
  const cached = sitesOfParse.get(parsed);
  if (cached?.kind === kind && cached.model === model) return cached.sites;
  const sites = findSites(parsed, kind, model);
  const containers: AstNode[] = [];
  for (let i = 0; i < sites.length; i++) {
    const container = (sites[i] as ConfigurationSite).container;
    const previous = containers[i - 1];
    if (previous && previous.offset >= container.offset) break;
    containers.push(container);
  }
  sitesOfParse.set(parsed, { kind, model, sites });
  if (containers.length === sites.length) containersOfSites.set(sites, containers);
  return sites;
}

/**
 * The site whose members are `node`, if any: a binary search by offset in the sites of
 * `configurationSites` (in document order), not a walk over all of them.
 */
export function siteWithMembers(
  sites: readonly ConfigurationSite[],
  node: AstNode,
): ConfigurationSite | undefined {
  const containers = containersOfSites.get(sites);
  if (!containers) return sites.find((site) => site.members === node);
  // The members are inside their container: the last container starting at or before them.
  const site = sites[lastNodeAtOrBefore(containers, node.offset)];
  return site?.members === node ? site : undefined;
}

function findSites(
  parsed: ParsedDocument,
  kind: DocumentKind,
  model: ApiModel,
): ConfigurationSite[] {
  if (kind === 'request') {
    return findConfigurations(requestAdapter.entries(parsed, model)).map(({ node, index }) => ({
      members: node,
      container: node,
      index,
    }));
  }
  return remediationResources(templateRoot(parsed.roots)).map(({ resource, properties }, index) => {
    const value = properties?.valueNode;
    return {
      members: value?.type === 'object' && !isIntrinsic(value) ? value : undefined,
      container: resource,
      index,
      logicalId: resource.keyNode,
    };
  });
}

/** A resource of a template: its logical id, type and Properties object. */
export interface TemplateResource {
  key: StringNode;
  type: string | undefined;
  properties: ObjectNode | undefined;
}

/** The names a template's `Ref` can point to: its resources and parameters (the last of a name wins). */
export interface TemplateNames {
  resources: Map<string, TemplateResource>;
  parameters: Map<string, StringNode>;
}

export function templateNames(parsed: ParsedDocument, kind: DocumentKind): TemplateNames {
  const names: TemplateNames = { resources: new Map(), parameters: new Map() };
  if (kind !== 'cloudformation') return names;
  const root = templateRoot(parsed.roots);
  const resources = getPropertyValue(root, 'Resources');
  if (resources?.type === 'object') {
    for (const resource of resources.properties) {
      const body = resource.valueNode;
      const type = getPropertyValue(body, 'Type');
      const properties = getPropertyValue(body, 'Properties');
      names.resources.set(resource.keyNode.value, {
        key: resource.keyNode,
        type: type?.type === 'string' && !type.tag ? type.value : undefined,
        properties: properties?.type === 'object' ? properties : undefined,
      });
    }
  }
  const parameters = getPropertyValue(root, 'Parameters');
  if (parameters?.type === 'object') {
    for (const parameter of parameters.properties) {
      names.parameters.set(parameter.keyNode.value, parameter.keyNode);
    }
  }
  return names;
}

/** A member's value in a configuration's members. */
export function memberValue(members: ObjectNode | undefined, key: string): ValueNode | undefined {
  return getProperty(members, key)?.valueNode;
}

/** The range of a node without the spaces and line breaks YAML counts at its end. */
export function trimmedRange(text: string, node: AstNode): OffsetRange {
  let end = node.offset + node.length;
  while (end > node.offset && isSpace(text.charCodeAt(end - 1))) end--;
  return { offset: node.offset, length: end - node.offset };
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The range of a string's characters, without its quotes. */
export function stringContentRange(text: string, node: StringNode): OffsetRange {
  const first = text[node.offset];
  const last = text[node.offset + node.length - 1];
  if (node.length >= 2 && (first === '"' || first === "'") && last === first) {
    return { offset: node.offset + 1, length: node.length - 2 };
  }
  return { offset: node.offset, length: node.length };
}
