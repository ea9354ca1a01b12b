import * as assert from 'node:assert/strict';
import { placeholderIn } from '../../server/src/languageService/model/configuration';

/**
 * What `placeholderIn` found before it had a fast path for ARNs without template characters: its
 * two regular expressions alone. The fast path must find exactly the same (RC202 and RC203 report
 * what it finds).
 */
function byExpressions(value: string): string | undefined {
  if (!value.startsWith('arn:')) return undefined;
  const arn = /^arn:[^:]*:[^:]*:[^:]*:(\$\{[^}]*\}|\{\{[^}]*\}\}|<[^>]*>|[^:]*)(?::|$)/.exec(value);
  const account = arn?.[1];
  if (account !== undefined && account !== '' && account !== 'aws') {
    if (['123456789012', '111122223333', '000000000000'].includes(account)) return account;
    if (/[<>{}$]|account|^x+$/i.test(account)) return account;
  }
  if (/^arn:[^:]*:iam:/.test(value)) {
    const template = /<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}/.exec(value);
    if (template) return template[0];
  }
  return undefined;
}

describe('placeholderIn (placeholders in ARNs, RC202/RC203)', () => {
  const cases: [string, string | undefined][] = [
    ['arn:aws:iam::444455556666:role/Remediation', undefined],
    ['arn:aws:iam::123456789012:role/Remediation', '123456789012'],
    ['arn:aws:iam::111122223333:role/a:b', '111122223333'],
    ['arn:aws:iam::ACCOUNT_ID:role/Remediation', 'ACCOUNT_ID'],
    ['arn:aws:iam::xxxxxxxxxxxx:role/Remediation', 'xxxxxxxxxxxx'],
    ['arn:aws:iam::<Account-Id>:role/Remediation', '<Account-Id>'],
    ['arn:aws:iam::${AWS::AccountId}:role/Remediation', '${AWS::AccountId}'],
    ['arn:aws:iam::{{AccountId}}:role/Remediation', '{{AccountId}}'],
    ['arn:aws:iam::444455556666:role/<RoleName>', '<RoleName>'],
    ['arn:aws:ssm:us-east-1:123456789012:document/Doc', '123456789012'],
    ['arn:aws:ssm:us-east-1:444455556666:document/Doc', undefined],
    ['arn:aws:s3:::bucket', undefined],
    ['arn:aws:iam::12}3:role/x', '12}3'],
    ['arn:aws:iam', undefined],
    ['arn:aws:iam::', undefined],
    ['arn:aws:iam::123456789012', '123456789012'],
    ['not-an-arn 123456789012', undefined],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${expected === undefined ? 'none' : JSON.stringify(expected)}`, () => {
      assert.equal(placeholderIn(value), expected);
      assert.equal(byExpressions(value), expected);
    });
  }

  it('finds what the regular expressions find, on 20,000 random ARN-like values', () => {
    // Fields built from pieces that matter to either reading: colons, template characters,
    // example ids, "account", x runs and digits.
    const pieces = [
      '',
      ':',
      '::',
      'aws',
      'iam',
      'ssm',
      'x',
      'xx',
      'Account',
      '123456789012',
      '444455556666',
      '$',
      '{',
      '}',
      '<',
      '>',
      '${A}',
      '{{A}}',
      '<A>',
      'role/',
      '-',
      '9',
    ];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 20_000; i++) {
      let value = 'arn:';
      const count = 1 + random(9);
      for (let p = 0; p < count; p++) value += pieces[random(pieces.length)];
      assert.equal(placeholderIn(value), byExpressions(value), value);
    }
  });
});
