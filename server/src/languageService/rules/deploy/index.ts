import type { RuleDefinition } from '../types';
import { deployFailed } from './deployFailed';

/** RC5xx: deploy results, put on configurations AWS rejected during a deploy (no checks). */
export const deployRules: RuleDefinition[] = [deployFailed];
