import { describe, it, expect } from 'vitest';
import {
  GoStruct,
  JsonValue,
  apiInvalidMessage,
  dedupeErrors,
  duplicate,
  fieldError,
  forbidden,
  goJSONString,
  goQuote,
  invalid,
  kubectlInvalidMessage,
  notFound,
  notSupported,
  renderValue,
  required,
  tooLong,
} from './fieldErrors.ts';

describe('renderValue (field.Error.ErrorBody value printing)', () => {
  it.each<[string, unknown, string]>([
    ['int', 1, '1'],
    ['negative int', -5, '-5'],
    ['zero', 0, '0'],
    ['float', 0.5, '0.5'],
    ['bool', true, 'true'],
    ['string, Go-quoted', 'Never', '"Never"'],
    ['empty string', '', '""'],
    ['string with quote and backslash', 'a"b\\c', '"a\\"b\\\\c"'],
    ['string with newline and tab', 'a\nb\tc', '"a\\nb\\tc"'],
    ['string with control char', 'a\x01b', '"a\\x01b"'],
    ['printable unicode kept', 'héllo', '"héllo"'],
    ['non-breaking space escaped', 'a\u00a0b', '"a\\u00a0b"'],
    ['HTML characters are not escaped by %q', 'a<b>&c', '"a<b>&c"'],
    ['null', null, 'null'],
    ['undefined (nil)', undefined, 'null'],
    ['map as compact JSON', { app: 'web' }, '{"app":"web"}'],
    ['map keys sorted like Go', { b: '2', a: '1' }, '{"a":"1","b":"2"}'],
    ['empty map', {}, '{}'],
    ['list', ['a', 'b'], '["a","b"]'],
    ['nested', { m: { k: [1, 2] } }, '{"m":{"k":[1,2]}}'],
    ['JSON escapes HTML characters', { k: '<&>' }, '{"k":"\\u003c\\u0026\\u003e"}'],
    [
      'Go struct keeps field order',
      new GoStruct([
        ['Type', 'Recreate'],
        ['RollingUpdate', null],
      ]),
      '{"Type":"Recreate","RollingUpdate":null}',
    ],
    ['IntOrString int', new JsonValue(1), '1'],
    ['IntOrString string', new JsonValue('50%'), '"50%"'],
  ])('%s', (_name, value, want) => {
    expect(renderValue(value)).toBe(want);
  });

  it('goQuote and goJSONString agree on plain ASCII', () => {
    for (const s of ['abc', 'app.kubernetes.io/name', '50%', 'a b']) expect(goQuote(s)).toBe(goJSONString(s));
  });
});

describe('builders', () => {
  it.each<[string, () => ReturnType<typeof required>, string]>([
    [
      'required without detail',
      () => required('spec.template.spec.containers'),
      'spec.template.spec.containers: Required value',
    ],
    [
      'required with detail',
      () => required('spec.updateStrategy.rollingUpdate.maxUnavailable', 'cannot be 0 when maxSurge is 0'),
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ],
    [
      'invalid int',
      () => invalid('spec.minReadySeconds', -5, 'must be greater than or equal to 0'),
      'spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0',
    ],
    ['invalid string', () => invalid('metadata.name', 'x', 'bad'), 'metadata.name: Invalid value: "x": bad'],
    [
      'invalid empty selector',
      () => invalid('spec.selector', {}, 'empty selector is invalid for daemonset'),
      'spec.selector: Invalid value: {}: empty selector is invalid for daemonset',
    ],
    ['invalid without detail', () => invalid('f', 1, ''), 'f: Invalid value: 1'],
    [
      'notSupported',
      () => notSupported('spec.template.spec.restartPolicy', 'Never', ['Always']),
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      'notSupported with several values',
      () => notSupported('spec.updateStrategy', 'x', ['RollingUpdate', 'OnDelete']),
      'spec.updateStrategy: Unsupported value: "x": supported values: "RollingUpdate", "OnDelete"',
    ],
    ['notSupported without a list', () => notSupported('f', 'v', []), 'f: Unsupported value: "v"'],
    [
      'forbidden',
      () =>
        forbidden(
          'spec.template.spec.activeDeadlineSeconds',
          'activeDeadlineSeconds in DaemonSet is not Supported',
        ),
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
    ],
    [
      'duplicate',
      () => duplicate('spec.template.spec.containers[1].name', 'a'),
      'spec.template.spec.containers[1].name: Duplicate value: "a"',
    ],
    [
      'duplicate with detail',
      () => duplicate('metadata.taints[1]', 'k', 'taints must be unique by key and effect pair'),
      'metadata.taints[1]: Duplicate value: "k": taints must be unique by key and effect pair',
    ],
    [
      'tooLong never prints the value',
      () => tooLong('metadata.annotations', 'x'.repeat(10), 262144),
      'metadata.annotations: Too long: may not be more than 262144 bytes',
    ],
    ['tooLong singular', () => tooLong('f', 'xx', 1), 'f: Too long: may not be more than 1 byte'],
    [
      'notFound',
      () => notFound('spec.containers[0].volumeMounts[0].name', 'data'),
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ],
  ])('%s', (_name, build, want) => {
    expect(build().message).toBe(want);
  });

  it('fills field and type', () => {
    expect(invalid('a.b', 1, 'd')).toEqual({
      field: 'a.b',
      type: 'Invalid value',
      message: 'a.b: Invalid value: 1: d',
    });
    expect(required('x').type).toBe('Required value');
    expect(fieldError('Forbidden', 'x', 'ignored', 'no').message).toBe('x: Forbidden: no');
  });
});

describe('422 messages', () => {
  const mismatch = invalid(
    'spec.template.metadata.labels',
    { app: 'other' },
    '`selector` does not match template `labels`',
  );
  const negative = invalid('spec.minReadySeconds', -5, 'must be greater than or equal to 0');
  const history = invalid('spec.revisionHistoryLimit', -1, 'must be greater than or equal to 0');

  it('kubectl, one error (scenario 70)', () => {
    expect(kubectlInvalidMessage('DaemonSet', 'agent', [mismatch])).toBe(
      'The DaemonSet "agent" is invalid: spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`',
    );
  });

  it('kubectl, several errors: prefix line then one "* " line each', () => {
    expect(kubectlInvalidMessage('DaemonSet', 'agent', [negative, history])).toBe(
      'The DaemonSet "agent" is invalid: \n' +
        '* spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0\n' +
        '* spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('kubectl drops repeated messages', () => {
    expect(kubectlInvalidMessage('DaemonSet', 'agent', [negative, negative])).toBe(
      'The DaemonSet "agent" is invalid: spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0',
    );
  });

  it('kubectl with no causes', () => {
    expect(kubectlInvalidMessage('Pod', 'p', [])).toBe('The Pod "p" is invalid');
  });

  it.each<[string, string, string, ReturnType<typeof invalid>[], string]>([
    [
      'DaemonSet',
      'apps',
      'agent',
      [negative],
      'DaemonSet.apps "agent" is invalid: spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0',
    ],
    [
      'DaemonSet',
      'apps',
      'agent',
      [negative, history],
      'DaemonSet.apps "agent" is invalid: [spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0, spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0]',
    ],
    ['Pod', '', 'x', [required('spec.containers')], 'Pod "x" is invalid: spec.containers: Required value'],
    ['PriorityClass', 'scheduling.k8s.io', 'hi', [], 'PriorityClass.scheduling.k8s.io "hi" is invalid'],
    [
      'DaemonSet',
      'apps',
      'Agent_1',
      [negative, negative],
      'DaemonSet.apps "Agent_1" is invalid: spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0',
    ],
  ])('API message for %s.%s %s', (kind, group, name, errors, want) => {
    expect(apiInvalidMessage(kind, group, name, errors)).toBe(want);
  });

  it('dedupeErrors keeps the first of each message in order', () => {
    expect(dedupeErrors([negative, history, negative]).map((e) => e.field)).toEqual([
      'spec.minReadySeconds',
      'spec.revisionHistoryLimit',
    ]);
  });
});
