import { useEffect, useEffectEvent } from 'react';
import type { MenuCommand } from '../../../shared/contract';
import { api } from '../api/client';
import type { AppController } from './AppContext';

// One command table for the keyboard and the Electron menu, so both do the same.

export function runMenuCommand(app: AppController, command: MenuCommand): void {
  const fileOpen = app.summary !== null;
  switch (command) {
    case 'new':
      app.showDialog('new');
      break;
    case 'open':
      app.openFile();
      break;
    case 'open-demo':
      void app.openDemo();
      break;
    case 'close':
      app.closeFile();
      break;
    case 'undo':
      if (fileOpen && app.editState?.canUndo) app.undo();
      break;
    case 'redo':
      if (fileOpen && app.editState?.canRedo) app.redo();
      break;
    case 'language-zh-Hant':
      app.setLanguage('zh-Hant');
      break;
    case 'language-zh-Hans':
      app.setLanguage('zh-Hans');
      break;
    case 'language-en':
      app.setLanguage('en');
      break;
    case 'unit-yuan':
      if (fileOpen) app.setUnit('yuan');
      break;
    case 'unit-wan':
      if (fileOpen) app.setUnit('wan');
      break;
    case 'unit-yi':
      if (fileOpen) app.setUnit('yi');
      break;
    case 'about':
      app.showDialog('about');
      break;
    default: {
      const unreachable: never = command;
      void unreachable;
    }
  }
}

/** Where typing owns the keys (the field's own undo, its own Enter). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

export function shortcutCommand(event: KeyboardEvent): MenuCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  if (!mod || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z' || key === 'y') {
    if (isTyping(event.target)) return null;
    return key === 'y' || event.shiftKey ? 'redo' : 'undo';
  }
  if (event.shiftKey) return null;
  if (key === 'o') return 'open';
  if (key === 'n') return 'new';
  if (key === 'w') return 'close';
  return null;
}

export function useCommands(app: AppController): void {
  const onCommand = useEffectEvent((command: MenuCommand) => {
    // A modal dialog owns the keyboard until it closes (it has its own Escape).
    if (app.dialog !== null && command !== 'about') return;
    if (app.busy !== null) return;
    runMenuCommand(app, command);
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = shortcutCommand(event);
      if (!command) return;
      event.preventDefault();
      onCommand(command);
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = api.onEvent((event) => {
      if (event.type !== 'menu') return;
      // The Edit menu's accelerators also fire while a text field has focus; there
      // they belong to the field's own text undo, not to the file's undo log.
      if ((event.command === 'undo' || event.command === 'redo') && isTyping(document.activeElement)) {
        document.execCommand(event.command);
        return;
      }
      onCommand(event.command);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, []);
}
