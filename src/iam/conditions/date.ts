import type { OperatorFamily } from './family.js';

/**
 * Date comparisons. Values are W3C ISO 8601 dates (`2020`, `2020-01`, `2020-01-01`,
 * `2020-01-01T00:00:01Z`…) or epoch seconds (`1577836801`). A four-digit value is read as a year.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
 * https://www.w3.org/TR/NOTE-datetime
 */
const EPOCH = /^\d+(\.\d+)?$/;
const ISO_8601 = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** Milliseconds since the epoch, or undefined when the text is not a date. */
export function toEpochMillis(text: string): number | undefined {
  const value = text.trim();
  if (EPOCH.test(value) && value.length !== 4) return Number(value) * 1000;
  if (!ISO_8601.test(value)) return undefined;
  const millis = Date.parse(value.length === 4 ? `${value}-01-01T00:00:00Z` : value);
  return Number.isNaN(millis) ? undefined : millis;
}

function compare(holds: (request: number, policy: number) => boolean) {
  return (value: string, policy: { text: string }) => {
    const request = toEpochMillis(value);
    const limit = toEpochMillis(policy.text);
    return request !== undefined && limit !== undefined && holds(request, limit);
  };
}

export const dateOperators: OperatorFamily = {
  variables: false,
  operators: {
    DateEquals: { negated: false, test: compare((a, b) => a === b) },
    DateNotEquals: { negated: true, test: compare((a, b) => a === b) },
    DateLessThan: { negated: false, test: compare((a, b) => a < b) },
    DateLessThanEquals: { negated: false, test: compare((a, b) => a <= b) },
    DateGreaterThan: { negated: false, test: compare((a, b) => a > b) },
    DateGreaterThanEquals: { negated: false, test: compare((a, b) => a >= b) },
  },
};
