import { describe, expect, it } from 'vitest';
import { appCommands, commandForKey, describeAccelerator } from './app-commands.ts';

const key = (
  keyName: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({ key: keyName, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('app commands', () => {
  it('binds each command to a chord of its own', () => {
    const chords = appCommands.map((command) => command.keys);
    expect(new Set(chords).size).toBe(chords.length);
  });

  it('matches Ctrl on Windows and Linux, ⌘ on macOS', () => {
    expect(commandForKey(key('l', { ctrlKey: true }), false)).toBe('focus-url');
    expect(commandForKey(key('l', { ctrlKey: true }), true)).toBeNull();
    expect(commandForKey(key('l', { metaKey: true }), true)).toBe('focus-url');
  });

  it('tells Enter from Shift+Enter and reads arrow keys by their event names', () => {
    expect(commandForKey(key('Enter', { ctrlKey: true }), false)).toBe('connect');
    expect(commandForKey(key('Enter', { ctrlKey: true, shiftKey: true }), false)).toBe('reconnect');
    expect(commandForKey(key('ArrowDown', { ctrlKey: true, altKey: true }), false)).toBe(
      'next-connection',
    );
    expect(commandForKey(key('D', { ctrlKey: true, shiftKey: true }), false)).toBe('disconnect');
    expect(commandForKey(key('l'), false)).toBeNull();
  });

  it('shows chords the way each platform writes them', () => {
    expect(describeAccelerator('CmdOrCtrl+Shift+D', false)).toBe('Ctrl+Shift+D');
    expect(describeAccelerator('CmdOrCtrl+Shift+D', true)).toBe('⇧⌘D');
    expect(describeAccelerator('CmdOrCtrl+Alt+Down', false)).toBe('Ctrl+Alt+↓');
  });
});
