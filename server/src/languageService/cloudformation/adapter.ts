/**
 * CloudFormation support for the language service: recognition, entry points (one per
 * `AWS::Config::RemediationConfiguration` resource), the opaque-value hook and completion paths.
 * Plugged in through `createLanguageService({ kinds: { cloudformation } })`.
 */
import { isOutputOnlyMember, type ApiModel, type ShapeLocation } from '../model/apiModel';
import type { AstNode, ObjectNode, ParsedDocument } from '../model/ast';
import type { EntryPoint, KindSupport } from '../model/document';
import type { ContentDetector } from '../model/recognition';
import type { Problem } from '../model/problem';
import { isIntrinsic } from './intrinsics';
import { templateParameters } from './template';
import { metadataSuppressions } from './suppressions';
import { REMEDIATION_RESOURCE_TYPE, remediationResources, templateRoot } from '../model/layout';
import { viewOf, type Resolution, type ViewContext } from './view';
import { embeddedDocuments } from './embedded';

interface TemplateView {
  model: ApiModel;
  entries: EntryPoint[];
  resolutions: Resolution[];
  opaque: WeakSet<AstNode>;
}

/**
 * The configuration location for a resource's Properties: the API's RemediationConfiguration
 * without the members only the service returns (the resource schema rejects them).
 */
export function cloudFormationConfigurationLocation(model: ApiModel): ShapeLocation {
  const location = model.configurationLocation();
  const shape = location.shape;
  if (shape.type !== 'structure' || !shape.members) return location;
  const members = Object.fromEntries(
    // The resource has the API's members but the output-only ones.
    Object.entries(shape.members).filter(([name]) => !isOutputOnlyMember(name)),
  );
  return { ...location, shape: { ...shape, members } };
}

/**
 * Recognises templates with at least one remediation resource, in the template or in a
 * conformance pack template written inside it; parses only when the type occurs.
 */
export const detectCloudFormation: ContentDetector = Object.assign(
  (parsed: ParsedDocument) => {
    try {
      return remediationResources(templateRoot(parsed.roots)).length > 0 ||
        embeddedDocuments(parsed, createCloudFormationSupport).length > 0
        ? ('cloudformation' as const)
        : undefined;
    } catch {
      return undefined;
    }
  },
  { mayMatch: (text: string) => text.includes(REMEDIATION_RESOURCE_TYPE) },
);

/** A fresh CloudFormation kind support (it caches one view per parsed document). */
export function createCloudFormationSupport(): KindSupport {
  const views = new WeakMap<ParsedDocument, TemplateView>();

  const viewFor = (parsed: ParsedDocument, model: ApiModel): TemplateView => {
    const cached = views.get(parsed);
    if (cached && cached.model === model) return cached;
    const root = templateRoot(parsed.roots);
    const context: ViewContext = {
      model,
      text: parsed.text,
      parameters: templateParameters(root),
      resolutions: [],
      opaque: new WeakSet(),
    };
    const location = cloudFormationConfigurationLocation(model);
    const entries: EntryPoint[] = [];
    for (const { resource, properties } of remediationResources(root)) {
      const value = properties?.valueNode;
      if (!properties || !value || value.type === 'null') {
        // No Properties: the required members are missing; shown on the logical id.
        const empty: ObjectNode = {
          type: 'object',
          offset: resource.keyNode.offset,
          length: resource.keyNode.length,
          parent: resource,
          properties: [],
        };
        entries.push({ node: empty, location });
        continue;
      }
      if (value.type !== 'object' || isIntrinsic(value)) continue;
      try {
        entries.push({ node: viewOf(value, location, properties, context), location });
      } catch {
        // Never throw from validation (e.g. absurdly deep nesting): this resource is not checked.
      }
    }
    const view: TemplateView = {
      model,
      entries,
      resolutions: context.resolutions,
      opaque: context.opaque,
    };
    views.set(parsed, view);
    return view;
  };

  let lastView: TemplateView | undefined;

  return {
    detect: detectCloudFormation,
    embedded: (parsed) => embeddedDocuments(parsed, createCloudFormationSupport),
    suppressions: metadataSuppressions,
    adapter: {
      entries(parsed, model) {
        lastView = viewFor(parsed, model);
        return lastView.entries;
      },
      isOpaque(node) {
        return (lastView?.opaque.has(node) ?? false) || isIntrinsic(node);
      },
      resolvePath(path, model, parsed) {
        // Resources/<name>/Properties/... → the configuration, when <name> is a remediation.
        if (path[0] !== 'Resources' || typeof path[1] !== 'string' || path[2] !== 'Properties') {
          return undefined;
        }
        const name = path[1];
        const isRemediation = remediationResources(templateRoot(parsed.roots)).some(
          (resource) => resource.logicalId === name,
        );
        if (!isRemediation) return undefined;
        return model.resolve(cloudFormationConfigurationLocation(model), path.slice(3));
      },
    },
    adjustProblems(problems, parsed) {
      const view = views.get(parsed);
      if (!view || view.resolutions.length === 0) return problems;
      return problems.map((problem) => explainResolution(problem, view.resolutions));
    },
  };
}

/**
 * A problem found on a value that came from a parameter's Default: say so, and drop the fixes
 * (they would replace the Ref with a literal, cutting the parameter off).
 */
function explainResolution(problem: Problem, resolutions: readonly Resolution[]): Problem {
  const resolution = resolutions.find(
    (r) => problem.offset >= r.offset && problem.offset + problem.length <= r.offset + r.length,
  );
  if (!resolution) return problem;
  return {
    ruleId: problem.ruleId,
    severity: problem.severity,
    offset: problem.offset,
    length: problem.length,
    message: `${problem.message} (The value is the Default of template parameter "${resolution.parameter}", through Ref; change it there.)`,
  };
}
