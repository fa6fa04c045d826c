import type { ProgramNode } from '@companero/contracts';

const SNIPPET = 48;

/** The text on one line, cut at a word near 48 characters. */
const snippet = (text: string | undefined) => {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (flat.length <= SNIPPET) return flat;
  const cut = flat.slice(0, SNIPPET - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > SNIPPET / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?]+$/, '')}…`;
};

/**
 * What to call a step in lists (nodes never reached, the funnel): its label, else what
 * it says or does (a question's prompt, a habit's name), else its id.
 */
export function nodeName(node: ProgramNode): string {
  const label = node.data.label?.trim();
  if (label) return label;
  const words = (() => {
    switch (node.type) {
      case 'message':
        return snippet(node.data.text);
      case 'question':
        return snippet(node.data.prompt);
      case 'ai':
        return snippet(node.data.goal);
      case 'habit':
      case 'milestone':
        return node.data.name;
      case 'webhook':
        return node.data.event;
      case 'handoff':
        return snippet(node.data.reason);
      case 'end':
        return snippet(node.data.message);
      default:
        return '';
    }
  })();
  return words || node.id;
}
