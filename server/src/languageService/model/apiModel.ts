import type { ApiModelData, ApiShape, MemberDoc } from '../data/types';

// Declared in common/ because the AWS boundary needs it too (comparing, pulling).
export { OUTPUT_ONLY_MEMBERS, isOutputOnlyMember } from '../../../../common/src/remediationMembers';

/** Where a shaped node sits in the request: its shape and its doc path (see ApiModelData.members). */
export interface ShapeLocation {
  shapeName: string;
  shape: ApiShape;
  docPath: string;
  /** Set when the location is the key of a map entry (a parameter name). */
  isMapKey?: boolean;
}

/** A path segment below an entry point: a member or map key name, or a list index. */
export type PathSegment = string | number;

export const CONFIGURATION_SHAPE = 'RemediationConfiguration';
export const CONFIGURATIONS_DOC_PATH = 'RemediationConfigurations';

/** Read-only access to the generated API model: shapes, member docs and notes. */
export class ApiModel {
  constructor(readonly data: ApiModelData) {}

  get rootShapeName(): string {
    return this.data.rootShape;
  }

  shape(name: string): ApiShape {
    // Own properties only: a document key such as "__proto__" or "constructor" must not resolve.
    const shape = Object.hasOwn(this.data.shapes, name) ? this.data.shapes[name] : undefined;
    if (!shape) throw new Error(`Unknown shape ${name} in the API model`);
    return shape;
  }

  location(shapeName: string, docPath: string): ShapeLocation {
    return { shapeName, shape: this.shape(shapeName), docPath };
  }

  /** The request root location. */
  rootLocation(): ShapeLocation {
    return this.location(this.rootShapeName, '');
  }

  /** One configuration (an item of RemediationConfigurations, or a CloudFormation resource's Properties). */
  configurationLocation(): ShapeLocation {
    return this.location(CONFIGURATION_SHAPE, CONFIGURATIONS_DOC_PATH);
  }

  memberDoc(docPath: string): MemberDoc | undefined {
    return Object.hasOwn(this.data.members, docPath) ? this.data.members[docPath] : undefined;
  }

  /**
   * The locations below a location, made once: a validation asks for the same member of every
   * configuration (hundreds of thousands of times when a large file is opened), and each answer
   * was a new object and a new doc path string. Locations are never modified, so they are shared.
   */
  private readonly below = new WeakMap<ShapeLocation, Map<string, ShapeLocation>>();

  /**
   * The location below `parent` at `key` (a member name, or a marker no member name can be), made
   * once from its shape and doc path (arguments, not a function that makes it: no closure per
   * call, and the callers run for every node of every configuration).
   */
  private cached(
    parent: ShapeLocation,
    key: string,
    shapeName: string,
    docPath: string,
    isMapKey = false,
  ): ShapeLocation {
    let table = this.below.get(parent);
    const known = table?.get(key);
    if (known) return known;
    if (!table) this.below.set(parent, (table = new Map()));
    const location = this.location(shapeName, docPath);
    const made = isMapKey ? { ...location, isMapKey } : location;
    table.set(key, made);
    return made;
  }

  /** The location of a member of a structure, or undefined if the structure has no such member. */
  member(parent: ShapeLocation, name: string): ShapeLocation | undefined {
    if (parent.shape.type !== 'structure') return undefined;
    const members = parent.shape.members;
    // The common case first: a member asked for before (one look-up per level of every node).
    const known = this.below.get(parent)?.get(name);
    if (known) return known;
    const ref = members && Object.hasOwn(members, name) ? members[name] : undefined;
    if (!ref) return undefined;
    return this.cached(parent, name, ref.shape, joinDocPath(parent.docPath, name));
  }

  private readonly tables = new WeakMap<ShapeLocation, ReadonlyMap<string, ShapeLocation>>();

  /**
   * Every member location of a structure by name (empty for other shapes), made once per location:
   * the walk of a configuration's nodes looks up each of its keys here, one table per object
   * rather than one per key (see `member`).
   */
  memberTable(parent: ShapeLocation): ReadonlyMap<string, ShapeLocation> {
    let table = this.tables.get(parent);
    if (!table) {
      const members = new Map<string, ShapeLocation>();
      for (const name of this.memberNames(parent)) {
        const location = this.member(parent, name);
        if (location) members.set(name, location);
      }
      this.tables.set(parent, (table = members));
    }
    return table;
  }

  /** The location of a list's items (doc path unchanged: items are transparent). */
  listItem(parent: ShapeLocation): ShapeLocation | undefined {
    if (parent.shape.type !== 'list' || !parent.shape.member) return undefined;
    return this.cached(parent, '\0item', parent.shape.member.shape, parent.docPath);
  }

  mapValue(parent: ShapeLocation): ShapeLocation | undefined {
    if (parent.shape.type !== 'map' || !parent.shape.value) return undefined;
    return this.cached(
      parent,
      '\0value',
      parent.shape.value.shape,
      joinDocPath(parent.docPath, '*'),
    );
  }

  mapKey(parent: ShapeLocation): ShapeLocation | undefined {
    if (parent.shape.type !== 'map' || !parent.shape.key) return undefined;
    return this.cached(parent, '\0key', parent.shape.key.shape, parent.docPath, true);
  }

  /** Follows a path of keys/indexes from a location. */
  resolve(start: ShapeLocation, path: readonly PathSegment[]): ShapeLocation | undefined {
    let current: ShapeLocation | undefined = start;
    for (const segment of path) {
      if (!current) return undefined;
      if (typeof segment === 'number') current = this.listItem(current);
      else if (current.shape.type === 'map') current = this.mapValue(current);
      else current = this.member(current, segment);
    }
    return current;
  }

  private readonly names = new WeakMap<ApiShape, readonly string[]>();

  /** Member names of a structure in model order (one array per shape: do not modify it). */
  memberNames(location: ShapeLocation): readonly string[] {
    const shape = location.shape;
    if (shape.type !== 'structure') return [];
    let names = this.names.get(shape);
    if (!names) this.names.set(shape, (names = Object.keys(shape.members ?? {})));
    return names;
  }

  isRequired(parent: ShapeLocation, member: string): boolean {
    return parent.shape.required?.includes(member) ?? false;
  }
}

export function joinDocPath(parent: string, name: string): string {
  return parent ? `${parent}.${name}` : name;
}

/** "ExecutionControls.SsmControls.ErrorPercentage" → "ErrorPercentage"; map values → "parameter value". */
export function memberLabel(docPath: string): string {
  const last = docPath.slice(docPath.lastIndexOf('.') + 1);
  return last === '*' ? 'parameter value' : last;
}
