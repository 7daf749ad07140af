import type { Check } from '../types.js';
import { clientAwsCli } from './aws-cli.js';
import { clientSessionManagerPlugin } from './session-manager-plugin.js';

export const clientChecks: Check[] = [clientAwsCli, clientSessionManagerPlugin];
