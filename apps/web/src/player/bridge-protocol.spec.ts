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
  it('accepts start with its fields and unload', () => {
    const start = {
      channel: BRIDGE_CHANNEL,
      type: 'start',
      standard: 'scorm12',
      cmi: {},
      scoUrl: 'x',
      title: 't',
      extra: 1,
    };
    expect(parsePlayerMessage(start)).toEqual({
      channel: BRIDGE_CHANNEL,
      type: 'start',
      standard: 'scorm12',
      cmi: {},
      scoUrl: 'x',
      title: 't',
    });
    expect(parsePlayerMessage({ channel: BRIDGE_CHANNEL, type: 'unload' })).toEqual({
      channel: BRIDGE_CHANNEL,
      type: 'unload',
    });
  });

  it('refuses a start with a wrong standard or CMI', () => {
    expect(
      parsePlayerMessage({
        channel: BRIDGE_CHANNEL,
        type: 'start',
        standard: 'aicc',
        cmi: {},
        scoUrl: 'x',
        title: 't',
      }),
    ).toBeNull();
    expect(
      parsePlayerMessage({
        channel: BRIDGE_CHANNEL,
        type: 'start',
        standard: 'scorm12',
        cmi: [],
        scoUrl: 'x',
        title: 't',
      }),
    ).toBeNull();
  });
});
