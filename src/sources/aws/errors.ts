import { OPERATIONS, type OperationName } from './operations.js';

/** How the collector treats an AWS error. */
export type ErrorKind =
  | 'access-denied'
  | 'not-found'
  | 'credentials'
  | 'network'
  | 'throttled'
  | 'not-recorded'
  | 'other';

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'Forbidden',
]);
// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
const CREDENTIALS = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'TokenRefreshRequired',
  'InvalidAccessKeyId',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'NetworkingError', 'RequestTimeout']);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);

export function classifyError(error: unknown): ErrorKind {
  const candidate = (error ?? {}) as AwsLikeError;
  const name = candidate.name ?? '';
  // A replayed snapshot that never recorded this call: the fact is unknown, the run is not broken.
  if (name === 'SnapshotMiss') return 'not-recorded';
  // Before the 403 test: expired or invalid credentials also answer 403, but mean nothing can be read.
  if (CREDENTIALS.has(name)) return 'credentials';
  if (ACCESS_DENIED.has(name) || candidate.$metadata?.httpStatusCode === 403) return 'access-denied';
  if (/credential|security token/i.test(candidate.message ?? '')) return 'credentials';
  if (NETWORK_NAMES.has(name) || NETWORK_CODES.has(candidate.code ?? '') || NETWORK_CODES.has(name))
    return 'network';
  if (THROTTLED.has(name)) return 'throttled';
  if (/NotFound/.test(name) || candidate.$metadata?.httpStatusCode === 404) return 'not-found';
  return 'other';
}

export function errorMessage(error: unknown): string {
  const candidate = (error ?? {}) as AwsLikeError;
  const text = candidate.message || candidate.name || String(error);
  return text.split('\n')[0]!.trim();
}

/** One line for a failed call: "AccessDenied on ecs:DescribeTasks". */
export function describeFailure(operation: OperationName, error: unknown): string {
  const kind = classifyError(error);
  const name = ((error ?? {}) as AwsLikeError).name ?? 'Error';
  if (kind === 'access-denied') return `AccessDenied on ${OPERATIONS[operation].permission}`;
  if (kind === 'not-recorded') return `${operation} is not in the snapshot (it was recorded without it)`;
  return `${operation} failed: ${name === 'Error' ? '' : `${name}: `}${errorMessage(error)}`;
}
