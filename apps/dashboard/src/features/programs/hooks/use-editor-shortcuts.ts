import { useEffect, useRef } from 'react';

export interface EditorShortcuts {
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  deleteSelection: () => void;
}

const isTyping = (target: Element) =>
  target.closest('input, textarea, select, [contenteditable="true"], dialog') !== null;

/**
 * The editor's keyboard: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo,
 * Ctrl/Cmd+C and V copy and paste steps, Delete/Backspace remove the
 * selection. Never while typing in a field (there the keys edit the text) or
 * in a dialog; deleting only when the canvas (or nothing) has the focus.
 */
export function useEditorShortcuts(canvas: React.RefObject<HTMLElement | null>, actions: EditorShortcuts) {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const target = event.target instanceof Element ? event.target : document.body;
      if (event.defaultPrevented || isTyping(target)) return;
      const key = event.key.toLowerCase();
      const mod = event.ctrlKey || event.metaKey;
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (mod && !event.altKey) {
        if (key === 'z' && event.shiftKey) return run(latest.current.redo);
        if (key === 'z') return run(latest.current.undo);
        if (key === 'y') return run(latest.current.redo);
        // Copy only when no text is selected on the page (then Ctrl+C copies the text).
        if (key === 'c' && !window.getSelection()?.toString()) return run(latest.current.copy);
        if (key === 'v') return run(latest.current.paste);
        return;
      }
      const onCanvas = target === document.body || (canvas.current?.contains(target) ?? false);
      if ((event.key === 'Delete' || event.key === 'Backspace') && onCanvas)
        run(latest.current.deleteSelection);
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [canvas]);
}
