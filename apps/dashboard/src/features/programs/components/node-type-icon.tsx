import type { ProgramNodeType } from '@companero/contracts';

// One small stroked icon per step type (24×24, like the dashboard's own set);
// the colour of each type lives in program-editor.css (`--node-color`).
const PATHS: Record<ProgramNodeType, string> = {
  start: 'M8 5v14l11-7z',
  message: 'M4 5h16v11H9l-5 4zM8 9h8M8 12h5',
  question: 'M9 9a3 3 0 1 1 4.5 2.6c-.9.5-1.5 1.2-1.5 2.2v.7M12 18v.3M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  condition: 'M12 3l8 9-8 9-8-9zM12 8v5M12 16v.3',
  ai: 'M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8zM19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z',
  wait: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2',
  habit: 'M4 12a8 8 0 0 1 14-5.3M20 12a8 8 0 0 1-14 5.3M18 3v4h-4M6 21v-4h4',
  milestone: 'M5 21V4M5 4h11l-2 4 2 4H5',
  set: 'M4 7h10M18 7h2M4 17h4M12 17h8M14 5v4M8 15v4',
  webhook: 'M13 3L5 14h6l-1 7 8-11h-6z',
  handoff: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c.8-4 4-6 8-6 1.5 0 2.9.3 4 .9M16 19h6M19 16l3 3-3 3',
  end: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9.5h5v5h-5z',
};

export function NodeTypeIcon({ type, size = 16 }: { type: ProgramNodeType; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.9}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[type]} />
    </svg>
  );
}

const TOOL_PATHS = {
  undo: 'M9 14L4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  redo: 'M15 14l5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  layout: 'M9 3h6v5H9zM3 16h6v5H3zM15 16h6v5h-6zM12 8v4M6 16v-4h12v4',
  fit: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5M9 9h6v6H9z',
  problems: 'M12 3 2 20h20zM12 10v4.5M12 17.2v.3',
  publish: 'M12 16V4M7 9l5-5 5 5M5 20h14',
} as const;

/** The editor toolbar's icons (the dashboard's set has no undo or layout). */
export function ToolIcon({ name, size = 18 }: { name: keyof typeof TOOL_PATHS; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={TOOL_PATHS[name]} />
    </svg>
  );
}
