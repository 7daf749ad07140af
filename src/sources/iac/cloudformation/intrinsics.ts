import { isDeepStrictEqual } from 'node:util';
import { partitionDnsSuffix } from '../../../model/index.js';
import type { Environment } from '../graph.js';
import { displayText, ResourceRef, Unresolved } from '../values.js';
import { referenceText } from './references.js';

/**
 * Resolves CloudFormation intrinsic functions where the template decides the value: parameters
 * with defaults, conditions over them, mappings, and references to resources of the same template
 * (or of a nested or exporting stack read in the same run). Anything decided at deploy time
 * (a parameter without default, the stack name, an AZ list) stays Unresolved, never guessed.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html
 */

export const NO_VALUE = Symbol('AWS::NoValue');

export interface TemplateResource {
  Type?: unknown;
  Properties?: unknown;
  Metadata?: unknown;
  Condition?: unknown;
}

/** What a resolver needs from outside its template: exports and nested stacks of the same run. */
export interface ResolverLinks {
  /** The value exported under `name` by a template of this run (Outputs.*.Export.Name). */
  importValue(name: string): unknown;
  /** The output `name` of the nested stack that resource `stackId` of `scope` creates. */
  nestedOutput(scope: string, stackId: string, name: string): unknown;
}

export interface TemplateInput {
  scope: string;
  template: Record<string, unknown>;
  environment: Environment;
  /** Parameter values a parent stack passes to this nested stack (resolved in the parent). */
  parameterValues?: () => Record<string, unknown>;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The single key of an intrinsic function object (`{ "Fn::Join": … }`), if it is one. */
function intrinsicName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

function rendering(value: unknown): string {
  return displayText(value) ?? JSON.stringify(value);
}

export class Resolver {
  readonly scope: string;
  readonly resources: Record<string, TemplateResource>;
  private readonly parameters: Record<string, unknown>;
  private readonly mappings: Record<string, unknown>;
  private readonly conditions: Record<string, unknown>;
  private readonly conditionValues = new Map<string, boolean | Unresolved>();
  private parameterValues: Record<string, unknown> | undefined;

  constructor(
    private readonly input: TemplateInput,
    private readonly links: ResolverLinks,
  ) {
    this.scope = input.scope;
    // A resource that is not an object is a broken template; CloudFormation would reject it.
    this.resources = Object.fromEntries(
      Object.entries(record(input.template.Resources)).filter(
        ([, resource]) => Object.keys(record(resource)).length > 0,
      ),
    ) as Record<string, TemplateResource>;
    this.parameters = record(input.template.Parameters);
    this.mappings = record(input.template.Mappings);
    this.conditions = record(input.template.Conditions);
  }

  get environment(): Environment {
    return this.input.environment;
  }

  /**
   * Resolves a value. In a policy document (`inDocument`), the partition, region and account the
   * files leave open stand for the target's (`aws`, `unknown`, `unknown`), so ARNs in policies
   * compare equal to the ones checks build from the target.
   */
  resolve(value: unknown, inDocument = false): unknown {
    const resolved = this.resolveValue(value, inDocument);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  private resolveValue(value: unknown, inDocument: boolean): unknown {
    if (Array.isArray(value)) {
      return value.map((item) => this.resolveValue(item, inDocument)).filter((item) => item !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object') return value;
    const name = intrinsicName(value);
    if (name) return this.intrinsic(name, (value as Record<string, unknown>)[name], value, inDocument);
    const object: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      const resolved = this.resolveValue(entry, inDocument);
      if (resolved !== NO_VALUE) object[key] = resolved;
    }
    return object;
  }

  private intrinsic(name: string, argument: unknown, expression: unknown, inDocument: boolean): unknown {
    switch (name) {
      case 'Ref':
        return this.ref(String(argument), inDocument);
      case 'Fn::GetAtt':
        return this.getAtt(argument, expression);
      case 'Fn::Sub':
        return this.sub(argument, expression, inDocument);
      case 'Fn::Join':
        return this.join(argument, expression, inDocument);
      case 'Fn::Select':
        return this.select(argument, expression, inDocument);
      case 'Fn::Split':
        return this.split(argument, expression, inDocument);
      case 'Fn::If':
        return this.ifValue(argument, expression, inDocument);
      case 'Fn::FindInMap':
        return this.findInMap(argument, expression, inDocument);
      case 'Fn::Base64':
        return this.base64(argument, expression, inDocument);
      case 'Fn::ImportValue':
        return this.importValue(argument, expression, inDocument);
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
      case 'Condition':
        return this.evaluateCondition(expression);
      default:
        return new Unresolved(`${name} is evaluated at deploy time`, `<${name}>`, expression);
    }
  }

  /** A pseudo parameter the environment decides, or (in policy documents) the target's stand-in. */
  private pseudo(name: string, inDocument: boolean): unknown {
    const environment = this.input.environment;
    const partition = environment.partition ?? (inDocument ? 'aws' : undefined);
    const values: Record<string, string | undefined> = {
      'AWS::Partition': partition,
      'AWS::Region': environment.region ?? (inDocument ? 'unknown' : undefined),
      'AWS::AccountId': environment.accountId ?? (inDocument ? 'unknown' : undefined),
      'AWS::URLSuffix': partition ? partitionDnsSuffix(partition) : undefined,
    };
    const value = values[name];
    if (value !== undefined) return value;
    return new Unresolved(`${name} is decided at deploy time`, `\${${name}}`, { Ref: name });
  }

  private ref(name: string, inDocument: boolean): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name.startsWith('AWS::')) return this.pseudo(name, inDocument);
    if (Object.hasOwn(this.parameters, name)) return this.parameter(name);
    const resource = this.resources[name];
    if (resource) return this.resourceReference(name, resource, 'Ref', { Ref: name });
    return new Unresolved(`Ref ${name} names nothing in the template`, `\${${name}}`, { Ref: name });
  }

  private parameter(name: string): unknown {
    this.parameterValues ??= this.input.parameterValues?.() ?? {};
    if (Object.hasOwn(this.parameterValues, name)) return this.parameterValues[name];
    const declaration = record(this.parameters[name]);
    const type = String(declaration.Type ?? 'String');
    const rendered = `\${${name}}`;
    // An SSM parameter type's Default is the parameter's name, not its value.
    if (type.startsWith('AWS::SSM::Parameter::Value')) {
      return new Unresolved(`parameter ${name} is read from SSM at deploy time`, rendered, { Ref: name });
    }
    if (declaration.Default === undefined) {
      return new Unresolved(`parameter ${name} has no default`, rendered, { Ref: name });
    }
    const value = declaration.Default;
    if (type === 'CommaDelimitedList' || type.startsWith('List<')) {
      return String(value)
        .split(',')
        .map((item) => item.trim());
    }
    return typeof value === 'string' ? value : String(value);
  }

  private resourceReference(
    id: string,
    resource: TemplateResource,
    attribute: string,
    expression: unknown,
  ): unknown {
    const text = referenceText(this, id, resource, attribute);
    if (text === undefined) {
      const what = attribute === 'Ref' ? `Ref ${id}` : `${id}.${attribute}`;
      return new Unresolved(
        `${what} is known only after deploy`,
        `\${${attribute === 'Ref' ? id : `${id}.${attribute}`}}`,
        expression,
      );
    }
    return new ResourceRef(this.scope, id, text);
  }

  private getAtt(argument: unknown, expression: unknown): unknown {
    // JSON templates write ["Resource", "Attribute"]; "Resource.Attribute" is accepted too.
    const listed =
      typeof argument === 'string'
        ? [argument.slice(0, argument.indexOf('.')), argument.slice(argument.indexOf('.') + 1)]
        : argument;
    const parts = Array.isArray(listed) ? listed.map((part) => this.resolve(part)) : [];
    const [id, attribute] = parts;
    if (typeof id !== 'string' || typeof attribute !== 'string') {
      return new Unresolved('Fn::GetAtt is not decided by the files', '<Fn::GetAtt>', expression);
    }
    const resource = this.resources[id];
    if (!resource)
      return new Unresolved(
        `Fn::GetAtt ${id} names nothing in the template`,
        `\${${id}.${attribute}}`,
        expression,
      );
    if (resource.Type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) {
      return this.links.nestedOutput(this.scope, id, attribute.slice('Outputs.'.length));
    }
    return this.resourceReference(id, resource, attribute, expression);
  }

  private sub(argument: unknown, expression: unknown, inDocument: boolean): unknown {
    const [template, variables] = Array.isArray(argument) ? argument : [argument, {}];
    if (typeof template !== 'string') return new Unresolved('Fn::Sub has no string', '<Fn::Sub>', expression);
    const local = record(variables);
    const parts: unknown[] = [];
    let last = 0;
    for (const match of template.matchAll(/\$\{([^}]*)\}/g)) {
      parts.push(template.slice(last, match.index));
      last = match.index + match[0].length;
      const name = match[1]!.trim();
      // `${!Literal}` writes `${Literal}`.
      if (name.startsWith('!')) parts.push(`\${${name.slice(1)}}`);
      else if (Object.hasOwn(local, name)) parts.push(this.resolveValue(local[name], inDocument));
      else if (name.includes('.') && !name.startsWith('AWS::')) {
        const dot = name.indexOf('.');
        parts.push(
          this.getAtt([name.slice(0, dot), name.slice(dot + 1)], {
            'Fn::GetAtt': [name.slice(0, dot), name.slice(dot + 1)],
          }),
        );
      } else parts.push(this.ref(name, inDocument));
    }
    parts.push(template.slice(last));
    return this.concatenate(
      parts.filter((part) => part !== ''),
      expression,
      'Fn::Sub',
    );
  }

  /** Joins resolved parts; a single reference stays a reference, so `!Sub ${Role.Arn}` still links. */
  private concatenate(parts: unknown[], expression: unknown, name: string): unknown {
    if (parts.length === 1 && parts[0] instanceof ResourceRef) return parts[0];
    const open = parts.find((part) => part instanceof Unresolved) as Unresolved | undefined;
    const text = parts.map((part) => (part === NO_VALUE ? '' : rendering(part))).join('');
    if (open) return new Unresolved(open.reason, text, expression);
    if (parts.some((part) => part !== null && typeof part === 'object' && !(part instanceof ResourceRef))) {
      return new Unresolved(`${name} has a part that is not a string`, text, expression);
    }
    return text;
  }

  private join(argument: unknown, expression: unknown, inDocument: boolean): unknown {
    if (!Array.isArray(argument) || argument.length !== 2) {
      return new Unresolved('Fn::Join needs a delimiter and a list', '<Fn::Join>', expression);
    }
    const delimiter = String(this.resolve(argument[0]) ?? '');
    const items = this.resolveValue(argument[1], inDocument);
    if (items instanceof Unresolved) return new Unresolved(items.reason, items.rendering, expression);
    if (!Array.isArray(items)) return new Unresolved('Fn::Join has no list', '<Fn::Join>', expression);
    const parts = items.flatMap((item, index) => (index === 0 ? [item] : [delimiter, item]));
    return this.concatenate(
      parts.filter((part) => part !== ''),
      expression,
      'Fn::Join',
    );
  }

  private select(argument: unknown, expression: unknown, inDocument: boolean): unknown {
    if (!Array.isArray(argument) || argument.length !== 2) {
      return new Unresolved('Fn::Select needs an index and a list', '<Fn::Select>', expression);
    }
    const index = Number(this.resolve(argument[0]));
    const items = this.resolveValue(argument[1], inDocument);
    if (items instanceof Unresolved) return new Unresolved(items.reason, `<Fn::Select ${index}>`, expression);
    if (!Array.isArray(items) || !Number.isInteger(index) || index < 0 || index >= items.length) {
      return new Unresolved('Fn::Select is out of range', `<Fn::Select ${index}>`, expression);
    }
    return items[index];
  }

  private split(argument: unknown, expression: unknown, inDocument: boolean): unknown {
    if (!Array.isArray(argument) || argument.length !== 2) {
      return new Unresolved('Fn::Split needs a delimiter and a string', '<Fn::Split>', expression);
    }
    const delimiter = String(this.resolve(argument[0]) ?? '');
    const source = this.resolveValue(argument[1], inDocument);
    if (source instanceof Unresolved) return new Unresolved(source.reason, source.rendering, expression);
    const text = displayText(source);
    if (text === undefined) return new Unresolved('Fn::Split has no string', '<Fn::Split>', expression);
    return text.split(delimiter);
  }

  private ifValue(argument: unknown, expression: unknown, inDocument: boolean): unknown {
    if (!Array.isArray(argument) || argument.length !== 3) {
      return new Unresolved('Fn::If needs a condition and two values', '<Fn::If>', expression);
    }
    const conditionName = String(argument[0]);
    const decided = this.condition(conditionName);
    if (decided === true) return this.resolveValue(argument[1], inDocument);
    if (decided === false) return this.resolveValue(argument[2], inDocument);
    const whenTrue = this.resolveValue(argument[1], inDocument);
    const whenFalse = this.resolveValue(argument[2], inDocument);
    // Both branches agree: the value does not depend on the condition.
    if (isDeepStrictEqual(whenTrue, whenFalse) && !(whenTrue instanceof Unresolved)) return whenTrue;
    return new Unresolved(
      `depends on condition ${conditionName}, which the files do not decide (${decided.reason})`,
      `<Fn::If ${conditionName}>`,
      expression,
    );
  }

  private findInMap(argument: unknown, expression: unknown, inDocument: boolean): unknown {
    if (!Array.isArray(argument) || argument.length < 3) {
      return new Unresolved('Fn::FindInMap needs a map and two keys', '<Fn::FindInMap>', expression);
    }
    const keys = argument.slice(0, 3).map((key) => this.resolveValue(key, inDocument));
    const open = keys.find((key) => key instanceof Unresolved) as Unresolved | undefined;
    if (open)
      return new Unresolved(open.reason, `<Fn::FindInMap ${keys.map(rendering).join(' ')}>`, expression);
    const [map, top, second] = keys.map((key) => String(key));
    const value = record(record(this.mappings[map!])[top!])[second!];
    if (value === undefined) {
      return new Unresolved(
        `mapping ${map}.${top}.${second} is not in the template`,
        '<Fn::FindInMap>',
        expression,
      );
    }
    return this.resolveValue(value, inDocument);
  }

  private base64(argument: unknown, expression: unknown, inDocument: boolean): unknown {
    const value = this.resolveValue(argument, inDocument);
    if (typeof value !== 'string') {
      return new Unresolved('Fn::Base64 of a value the files do not decide', '<Fn::Base64>', expression);
    }
    return Buffer.from(value, 'utf8').toString('base64');
  }

  private importValue(argument: unknown, expression: unknown, inDocument: boolean): unknown {
    const name = this.resolveValue(argument, inDocument);
    if (typeof name !== 'string') {
      return new Unresolved(
        `Fn::ImportValue names an export the files do not decide (${name instanceof Unresolved ? name.reason : 'not a string'})`,
        `<Fn::ImportValue ${rendering(name)}>`,
        expression,
      );
    }
    const value = this.links.importValue(name);
    return value === undefined
      ? new Unresolved(`export ${name} is not in the linted files`, `<Fn::ImportValue ${name}>`, expression)
      : value;
  }

  /** A named condition of the template: true, false, or undecided (with the reason). */
  condition(name: string): boolean | Unresolved {
    const cached = this.conditionValues.get(name);
    if (cached !== undefined) return cached;
    if (!Object.hasOwn(this.conditions, name)) {
      return new Unresolved(`condition ${name} is not in the template`, `<Condition ${name}>`);
    }
    // A self-referencing condition is invalid; treat it as undecided rather than looping.
    this.conditionValues.set(
      name,
      new Unresolved(`condition ${name} refers to itself`, `<Condition ${name}>`),
    );
    const value = this.evaluateCondition(this.conditions[name]);
    this.conditionValues.set(name, value);
    return value;
  }

  private evaluateCondition(expression: unknown): boolean | Unresolved {
    const name = intrinsicName(expression);
    const argument = name ? (expression as Record<string, unknown>)[name] : undefined;
    const operands = Array.isArray(argument) ? argument : [];
    switch (name) {
      case 'Condition':
        return this.condition(String(argument));
      case 'Fn::Equals': {
        const [left, right] = operands.map((operand) => this.resolve(operand));
        const open = [left, right].find((value) => value instanceof Unresolved) as Unresolved | undefined;
        if (open) return open;
        return rendering(left) === rendering(right);
      }
      case 'Fn::Not': {
        const value = this.evaluateCondition(operands[0]);
        return typeof value === 'boolean' ? !value : value;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = operands.map((operand) => this.evaluateCondition(operand));
        const deciding = name === 'Fn::Or';
        if (values.includes(deciding)) return deciding;
        const open = values.find((value) => value instanceof Unresolved);
        return open ?? !deciding;
      }
      default: {
        const value = this.resolve(expression);
        if (typeof value === 'boolean') return value;
        if (value === 'true' || value === 'false') return value === 'true';
        return value instanceof Unresolved
          ? value
          : new Unresolved('a condition that is not a boolean', '<Condition>');
      }
    }
  }
}
