import type { Check } from '../types.js';
import { networkDependencyEndpoints } from './dependency-endpoints.js';
import { networkNacl } from './nacl.js';
import { networkSecurityGroups } from './security-groups.js';
import { networkSsmmessagesPath } from './ssmmessages-path.js';

/** The path first, then what filters it, then the endpoints the agent's other calls need. */
export const networkChecks: Check[] = [
  networkSsmmessagesPath,
  networkSecurityGroups,
  networkNacl,
  networkDependencyEndpoints,
];
