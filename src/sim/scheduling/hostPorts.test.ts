import { describe, expect, it } from 'vitest';
import type { ContainerPort, Pod } from '../api/types.ts';
import {
  type HostPort,
  HostPortIndex,
  explainHostPortConflicts,
  hostPortConflictsWith,
  hostPortToString,
  hostPortsConflict,
  podHostPorts,
} from './hostPorts.ts';

const hp = (port: number, protocol = 'TCP', hostIP = '0.0.0.0'): HostPort => ({ hostIP, protocol, port });

describe('podHostPorts (N5)', () => {
  const cases: Array<{ name: string; pod: Pod; want: HostPort[] }> = [
    { name: 'no spec', pod: { metadata: { name: 'p' } }, want: [] },
    {
      name: 'only ports with hostPort > 0, defaults applied',
      pod: {
        spec: {
          containers: [
            {
              name: 'a',
              ports: [
                { containerPort: 80 },
                { containerPort: 9100, hostPort: 9100 },
                { containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' },
                { containerPort: 1, hostPort: 0 },
              ] as ContainerPort[],
            },
            { name: 'b', ports: [{ containerPort: 8080, hostPort: 8080, protocol: '', hostIP: '' }] },
          ],
        },
      },
      want: [hp(9100), hp(53, 'UDP', '10.0.0.1'), hp(8080)],
    },
    {
      name: 'sidecar init containers first; plain init containers ignored',
      pod: {
        spec: {
          initContainers: [
            { name: 'init', ports: [{ containerPort: 1, hostPort: 1111 }] },
            { name: 'side', restartPolicy: 'Always', ports: [{ containerPort: 2, hostPort: 2222 }] },
          ],
          containers: [{ name: 'a', ports: [{ containerPort: 3, hostPort: 3333 }] }],
        },
      },
      want: [hp(2222), hp(3333)],
    },
  ];
  it.each(cases)('$name', ({ pod, want }) => {
    expect(podHostPorts(pod)).toEqual(want);
  });
});

describe('hostPortConflictsWith / hostPortsConflict (N5)', () => {
  const cases: Array<{ name: string; wanted: HostPort; used: HostPort; want: boolean }> = [
    { name: 'same port, protocol, wildcard IPs', wanted: hp(80), used: hp(80), want: true },
    { name: 'different port', wanted: hp(80), used: hp(81), want: false },
    { name: 'different protocol', wanted: hp(53, 'UDP'), used: hp(53, 'TCP'), want: false },
    { name: 'SCTP vs SCTP', wanted: hp(9, 'SCTP'), used: hp(9, 'SCTP'), want: true },
    {
      name: 'wanted 0.0.0.0 overlaps a specific used IP',
      wanted: hp(80),
      used: hp(80, 'TCP', '10.0.0.1'),
      want: true,
    },
    {
      name: 'wanted specific IP overlaps used 0.0.0.0',
      wanted: hp(80, 'TCP', '10.0.0.1'),
      used: hp(80),
      want: true,
    },
    {
      name: 'same specific IP',
      wanted: hp(80, 'TCP', '10.0.0.1'),
      used: hp(80, 'TCP', '10.0.0.1'),
      want: true,
    },
    {
      name: 'different specific IPs',
      wanted: hp(80, 'TCP', '10.0.0.1'),
      used: hp(80, 'TCP', '10.0.0.2'),
      want: false,
    },
    {
      name: 'empty IP and protocol are sanitized',
      wanted: { hostIP: '', protocol: '', port: 80 },
      used: hp(80),
      want: true,
    },
    { name: 'port 0 never conflicts', wanted: hp(0), used: hp(0), want: false },
    {
      name: ':: is not a wildcard for the scheduler',
      wanted: hp(80, 'TCP', '::'),
      used: hp(80, 'TCP', '10.0.0.1'),
      want: false,
    },
  ];
  it.each(cases)('$name', ({ wanted, used, want }) => {
    expect(hostPortConflictsWith(wanted, used)).toBe(want);
    expect(hostPortsConflict([wanted], [hp(1), used])).toBe(want);
    const idx = new HostPortIndex();
    idx.add([hp(1), used]);
    expect(idx.conflicts([wanted])).toBe(want);
    expect(idx.conflictsFor(wanted).length > 0).toBe(want);
  });

  it('no wanted ports or no used ports: no conflict', () => {
    expect(hostPortsConflict([], [hp(80)])).toBe(false);
    expect(hostPortsConflict([hp(80)], [])).toBe(false);
  });

  it('explains each wanted port', () => {
    expect(explainHostPortConflicts([hp(80), hp(443)], [hp(80, 'TCP', '10.0.0.1'), hp(80, 'UDP')])).toEqual([
      { wanted: hp(80), conflictsWith: [hp(80, 'TCP', '10.0.0.1')] },
      { wanted: hp(443), conflictsWith: [] },
    ]);
    expect(hostPortToString(hp(53, 'UDP', '10.0.0.1'))).toBe('10.0.0.1:53/UDP');
  });
});

describe('HostPortIndex', () => {
  it('reference-counts identical entries from different pods', () => {
    const idx = new HostPortIndex();
    idx.add([hp(9100)]);
    idx.add([hp(9100)]);
    idx.remove([hp(9100)]);
    expect(idx.conflicts([hp(9100)])).toBe(true);
    idx.remove([hp(9100)]);
    expect(idx.conflicts([hp(9100)])).toBe(false);
    expect(idx.entries()).toEqual([]);
  });
  it('second DaemonSet on the same hostPort conflicts where the first runs', () => {
    const idx = new HostPortIndex();
    idx.add(
      podHostPorts({
        spec: { containers: [{ name: 'a', ports: [{ containerPort: 9100, hostPort: 9100 }] }] },
      }),
    );
    const second = podHostPorts({
      spec: {
        containers: [{ name: 'b', ports: [{ containerPort: 9100, hostPort: 9100, hostIP: '127.0.0.1' }] }],
      },
    });
    expect(idx.conflicts(second)).toBe(true);
    expect(idx.entries()).toEqual([hp(9100)]);
  });
});
