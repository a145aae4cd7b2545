import { describe, expect, it } from '@jest/globals';
import { BRIDGE_CHANNEL, parseLauncherMessage, parsePlayerMessage } from './bridge-protocol';

describe('parseLauncherMessage', () => {
  it('accepts the forwarded SCORM calls', () => {
    expect(
      parseLauncherMessage({
        channel: BRIDGE_CHANNEL,
        type: 'call',
        method: 'SetValue',
        element: 'cmi.location',
        value: '3',
      }),
    ).toEqual({
      channel: BRIDGE_CHANNEL,
      type: 'call',
      method: 'SetValue',
      element: 'cmi.location',
      value: '3',
    });
    expect(parseLauncherMessage({ channel: BRIDGE_CHANNEL, type: 'ready' })).toEqual({
      channel: BRIDGE_CHANNEL,
      type: 'ready',
    });
  });

  it('refuses anything else: other methods, other channels, scorm-again cross-frame requests', () => {
    expect(parseLauncherMessage({ channel: BRIDGE_CHANNEL, type: 'call', method: 'getFlattenedCMI' })).toBeNull();
    expect(
      parseLauncherMessage({ channel: BRIDGE_CHANNEL, type: 'call', method: 'GetValue', element: 'cmi.location' }),
    ).toBeNull();
    expect(
      parseLauncherMessage({ channel: BRIDGE_CHANNEL, type: 'call', method: 'SetValue', element: 'cmi.location' }),
    ).toBeNull();
    expect(parseLauncherMessage({ channel: BRIDGE_CHANNEL, type: 'token' })).toBeNull();
    expect(parseLauncherMessage({ messageId: '1', method: 'getFlattenedCMI', params: [] })).toBeNull();
    expect(parseLauncherMessage('ready')).toBeNull();
    expect(parseLauncherMessage(null)).toBeNull();
  });
});

describe('parsePlayerMessage', () => {
  const navigation = {
    continue: true,
    previous: false,
    choice: { part_1: true, part_2: false },
    jump: { part_1: true },
  };
  const base = {
    channel: BRIDGE_CHANNEL,
    type: 'start',
    standard: 'scorm2004',
    cmi: {},
    scoUrl: 'x',
    title: 't',
    sharedDataMaps: [{ targetID: 'urn:notes', readSharedData: true, writeSharedData: false }],
    sharedData: { 'urn:notes': 'kept' },
    navigation,
  };

  it('accepts start with its fields, navigation and unload', () => {
    expect(parsePlayerMessage({ ...base, extra: 1 })).toEqual(base);
    expect(parsePlayerMessage({ channel: BRIDGE_CHANNEL, type: 'navigation', navigation, extra: 1 })).toEqual({
      channel: BRIDGE_CHANNEL,
      type: 'navigation',
      navigation,
    });
    expect(parsePlayerMessage({ channel: BRIDGE_CHANNEL, type: 'unload' })).toEqual({
      channel: BRIDGE_CHANNEL,
      type: 'unload',
    });
  });

  it('refuses a start with a wrong standard, CMI, shared data or navigation', () => {
    expect(parsePlayerMessage({ ...base, standard: 'aicc' })).toBeNull();
    expect(parsePlayerMessage({ ...base, cmi: [] })).toBeNull();
    expect(parsePlayerMessage({ ...base, sharedData: { 'urn:notes': 1 } })).toBeNull();
    expect(parsePlayerMessage({ ...base, sharedDataMaps: [{ targetID: 'urn:notes' }] })).toBeNull();
    expect(parsePlayerMessage({ ...base, navigation: undefined })).toBeNull();
    expect(
      parsePlayerMessage({
        channel: BRIDGE_CHANNEL,
        type: 'navigation',
        navigation: { ...navigation, choice: { a: 'true' } },
      }),
    ).toBeNull();
  });
});
