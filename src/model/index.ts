export * from './arn.js';
export * from './client.js';
export * from './ecs.js';
export * from './fact.js';
export * from './iam.js';
export * from './resources.js';
export * from './target.js';
export * from './version.js';
