import type { ApiModel, ShapeLocation } from '../model/apiModel';
import { memberLabel } from '../model/apiModel';
import type { AstNode, ParsedDocument, PropertyNode } from '../model/ast';
import type { AccountFacts } from '../../../../common/src/accountFacts';
import { locateOffset, type EntryPoint, type KindAdapter } from '../model/document';
import type { RunbookCatalog } from '../model/catalog';
import type { HoverResult } from '../model/serviceTypes';
import { describeShape } from './shapeSummary';

export interface HoverRequest {
  parsed: ParsedDocument;
  /** The node under the cursor (a key string, or a value). */
  node: AstNode;
  /** The property the node belongs to (as key or value), if any. */
  property: PropertyNode | undefined;
  isKey: boolean;
  /** The API location of the member the node is (key) or the value of (value). */
  location: ShapeLocation;
  model: ApiModel;
  catalog: RunbookCatalog;
  account?: AccountFacts;
}

/** Adds markdown for a situation the generic hover does not know (runbooks, account). */
export type HoverContributor = (request: HoverRequest) => string | undefined;

export interface HoverDeps {
  model: ApiModel;
  catalog: RunbookCatalog;
  adapter: KindAdapter;
  account?: AccountFacts;
  contributors?: readonly HoverContributor[];
}

/** Hover at an offset: the API text of the member, its type, limits, default and notes. */
export function hover(
  parsed: ParsedDocument,
  offset: number,
  deps: HoverDeps,
): HoverResult | undefined {
  const entries = deps.adapter.entries(parsed, deps.model);
  const found = locateOffset(entries, offset);
  if (!found) return undefined;
  const { node } = found;
  const property =
    node.type === 'property' ? node : node.parent?.type === 'property' ? node.parent : undefined;
  if (!property) return undefined;
  const isKey =
    node.type === 'property'
      ? offset <= property.keyNode.offset + property.keyNode.length
      : node === property.keyNode;
  const member = memberOfProperty(found.entry, property, deps.model);
  if (!member) return undefined;
  const { location } = member;
  const request: HoverRequest = {
    parsed,
    node: isKey ? property.keyNode : (property.valueNode ?? property.keyNode),
    property,
    isKey,
    location,
    model: deps.model,
    catalog: deps.catalog,
    account: deps.account,
  };
  const contributed: string[] = [];
  for (const contributor of deps.contributors ?? []) {
    try {
      const extra = contributor(request);
      if (extra) contributed.push(extra);
    } catch {
      // A contributor bug must not hide the API text.
    }
  }
  // What the value (or the parameter key) is, e.g. the runbook with its parameter table, is what
  // the user hovered for; the member's generic API text follows. On a member key, the API text
  // leads.
  const apiText = memberMarkdown(location, member.parent, property, deps.model);
  const specificFirst = !isKey || location.docPath.endsWith('.*');
  const sections = specificFirst ? [...contributed, apiText] : [apiText, ...contributed];
  const target = request.node;
  return {
    markdown: sections.join('\n\n---\n\n'),
    range: { offset: target.offset, length: target.length },
  };
}

/** The API location of the member a property is, walking from its entry point. */
export function locationOfProperty(
  entry: EntryPoint,
  property: PropertyNode,
  model: ApiModel,
): ShapeLocation | undefined {
  return memberOfProperty(entry, property, model)?.location;
}

/** The member a property is, with the location of the object it belongs to. */
export function memberOfProperty(
  entry: EntryPoint,
  property: PropertyNode,
  model: ApiModel,
): { location: ShapeLocation; parent: ShapeLocation } | undefined {
  const chain: AstNode[] = [];
  let current: AstNode | undefined = property;
  while (current && current !== entry.node) {
    chain.unshift(current);
    current = current.parent;
  }
  if (current !== entry.node) return undefined;
  let location: ShapeLocation | undefined = entry.location;
  let parent: ShapeLocation = entry.location;
  for (const node of chain) {
    if (!location) return undefined;
    if (node.type === 'property') {
      parent = location;
      location =
        location.shape.type === 'map'
          ? model.mapValue(location)
          : model.member(location, node.keyNode.value);
    } else if (node.parent?.type === 'array') {
      location = model.listItem(location);
    }
  }
  return location ? { location, parent } : undefined;
}

function memberMarkdown(
  location: ShapeLocation,
  parent: ShapeLocation,
  property: PropertyNode,
  model: ApiModel,
): string {
  const doc = model.memberDoc(location.docPath);
  const isParameter = location.docPath.endsWith('.*');
  const title = isParameter
    ? `Parameter **${property.keyNode.value}**`
    : `**${memberLabel(location.docPath)}**`;
  const required = !isParameter && model.isRequired(parent, property.keyNode.value);
  const lines = [`${title} — ${describeShape(location.shape)}${required ? ' · **required**' : ''}`];
  if (doc?.documentation) lines.push(doc.documentation);
  if (doc?.default !== undefined) lines.push(`Default: \`${String(doc.default)}\``);
  for (const noteId of doc?.notes ?? []) {
    const note = model.data.notes.find((candidate) => candidate.id === noteId);
    if (note)
      lines.push(
        `> **${note.title}**\n>\n${note.markdown
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')}`,
      );
  }
  return lines.join('\n\n');
}
