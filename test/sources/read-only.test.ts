import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isOperationName, OPERATIONS, READ_ONLY_OPERATION } from '../../src/sources/aws/operations.js';
import { createSdkApi } from '../../src/sources/aws/sdk-api.js';
import { useMockAws } from './mock-aws.js';

/**
 * The tool must never change an account: it may only call the read operations of the OPERATIONS
 * table, through the one API door. These tests guard that statically (what src/ can import and
 * call) and at run time (what createSdkApi accepts).
 */
const aws = useMockAws();

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const LAZY_LOADER = 'sources/aws/sdk-api.ts';

const sources = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({
    file: relative(SRC, join(SRC, file)).replaceAll('\\', '/'),
    text: readFileSync(join(SRC, file), 'utf8'),
  }));

describe('read-only guard', () => {
  it('every operation in the table is a Describe/List/Get/Head/Simulate call', () => {
    const names = Object.keys(OPERATIONS);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(name).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
      expect(name.split(':')[1]).toMatch(READ_ONLY_OPERATION);
    }
  });

  it('the read-only pattern refuses the verbs that change things', () => {
    for (const action of [
      'ExecuteCommand',
      'UpdateService',
      'RunTask',
      'PutBucketEncryption',
      'CreateLogGroup',
      'Getaway',
      'Describe',
    ]) {
      expect(action).not.toMatch(READ_ONLY_OPERATION);
    }
  });

  it('src/ imports SDK clients only as types, except the lazy loading in sdk-api.ts', () => {
    const violations: string[] = [];
    let lazyLoads = 0;
    for (const { file, text } of sources) {
      for (const match of text.matchAll(
        /\b(import|export)\s+([^;'"]*?)\s*from\s*['"]@aws-sdk\/client-[\w-]+['"]/g,
      )) {
        if (!/^type\s/.test(match[2]!)) violations.push(`${file}: ${match[0]}`);
      }
      for (const match of text.matchAll(
        /\bimport\s*['"]@aws-sdk\/client-[\w-]+['"]|\brequire\(\s*['"]@aws-sdk\/client-/g,
      )) {
        violations.push(`${file}: ${match[0]}`);
      }
      for (const match of text.matchAll(/\bimport\(\s*['"]@aws-sdk\/client-[\w-]+['"]\s*\)/g)) {
        if (file === LAZY_LOADER) lazyLoads++;
        else violations.push(`${file}: ${match[0]}`);
      }
    }
    expect(violations).toEqual([]);
    // The scan sees the loader's imports: one per service prefix of the table.
    expect(lazyLoads).toBe(new Set(Object.keys(OPERATIONS).map((name) => name.split(':')[0])).size);
  });

  it("every 'service:Operation' literal passed to .attempt( or .call( in src/ is a read operation of the table", () => {
    const called: string[] = [];
    for (const { file, text } of sources) {
      for (const match of text.matchAll(/\.(?:attempt|call)\(\s*['"`]([\w-]+:\w+)['"`]/g)) {
        called.push(match[1]!);
        expect({ file, operation: match[1], known: isOperationName(match[1]!) }).toEqual({
          file,
          operation: match[1],
          known: true,
        });
        expect(match[1]!.split(':')[1]).toMatch(READ_ONLY_OPERATION);
      }
    }
    expect(called).toContain('ecs:DescribeTasks');
  });

  it.each(['ecs:ExecuteCommand', 'ecs:UpdateService', 's3:PutObject', 'constructor', 'toString'])(
    'createSdkApi refuses %s, an operation not in the table, before any client sends it',
    async (operation) => {
      const api = createSdkApi({ region: 'us-east-1' });

      await expect(api.call(operation as never, {} as never, 'us-east-1')).rejects.toThrow(
        `refusing to call ${operation}: not a known read operation`,
      );
      for (const mock of Object.values(aws)) expect(mock.calls()).toHaveLength(0);
    },
  );
});
