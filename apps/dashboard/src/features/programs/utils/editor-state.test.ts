import type { ProgramDefinition } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import { copySelection, pasteClip } from './clipboard.ts';
import { type EditorState, editorReducer, initEditorState } from './editor-state.ts';
import { checkDefinition } from './issues.ts';
import { createNode } from './node-defaults.ts';
import { type FlowNode, openingView, outgoingHandles, toDefinition } from './program-graph.ts';

const TEXTS = {
  yes: 'Yes',
  no: 'No',
  aiGoal: 'Talk',
  habitName: 'Walk',
  milestoneName: 'Done',
  handoffReason: 'Help',
};

const BLANK: ProgramDefinition = {
  schemaVersion: 1,
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'end', type: 'end', position: { x: 0, y: 200 }, data: { outcome: 'completed' } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'end', sourceHandle: 'next' }],
  variables: [],
  channels: ['web'],
};

const question = (id: string, x = 0): FlowNode =>
  ({
    ...createNode('question', { x, y: 100 }, TEXTS, { ids: new Set(), variables: new Set() }),
    id,
    selected: false,
  }) as FlowNode;

function withQuestion(): EditorState {
  return editorReducer(initEditorState(BLANK), { type: 'add', nodes: [question('q1')] });
}

describe('program editor state', () => {
  it('keeps the definition in step with the graph and counts changes', () => {
    const state = withQuestion();
    expect(state.seq).toBe(1);
    expect(state.definition.nodes.map((n) => n.id)).toEqual(['start', 'end', 'q1']);
    // React Flow bookkeeping (selection) stays out of the definition.
    expect(state.definition.nodes[2]).not.toHaveProperty('selected');
    expect(state.definition.channels).toEqual(['web']);
  });

  it('does not count selection or measuring as a change', () => {
    const state = withQuestion();
    const selected = editorReducer(state, { type: 'select', nodeIds: ['end'] });
    const measured = editorReducer(selected, {
      type: 'nodesChange',
      changes: [{ id: 'end', type: 'dimensions', dimensions: { width: 240, height: 80 } }],
      isDragging: false,
      at: 0,
    });
    expect(measured.seq).toBe(state.seq);
    expect(measured.definition).toBe(state.definition);
    expect(measured.past).toHaveLength(state.past.length);
  });

  it('undoes and redoes, and a new change clears the redo list', () => {
    const added = withQuestion();
    const undone = editorReducer(added, { type: 'undo' });
    expect(undone.nodes.map((n) => n.id)).toEqual(['start', 'end']);
    const redone = editorReducer(undone, { type: 'redo' });
    expect(redone.nodes.map((n) => n.id)).toEqual(['start', 'end', 'q1']);
    const again = editorReducer(undone, { type: 'delete', nodeIds: ['end'], edgeIds: [] });
    expect(again.future).toEqual([]);
  });

  it('makes one undo step of a drag and of typing in one field', () => {
    let state = withQuestion();
    const before = state.past.length;
    state = editorReducer(state, { type: 'checkpoint' });
    for (const x of [10, 20, 30]) {
      state = editorReducer(state, {
        type: 'nodesChange',
        changes: [{ id: 'q1', type: 'position', position: { x, y: 100 }, dragging: true }],
        isDragging: true,
        at: 0,
      });
    }
    expect(state.past).toHaveLength(before + 1);
    const node = state.nodes.find((n) => n.id === 'q1') as FlowNode & { type: 'question' };
    for (const [i, prompt] of ['H', 'Ho', 'How?'].entries()) {
      state = editorReducer(state, {
        type: 'updateData',
        nodeId: 'q1',
        data: { ...node.data, prompt },
        key: 'q1:prompt',
        at: 1000 + i * 100,
      });
    }
    expect(state.past).toHaveLength(before + 2);
    const undone = editorReducer(state, { type: 'undo' });
    const undoneQuestion = undone.nodes.find((n) => n.id === 'q1') as FlowNode & { type: 'question' };
    expect(undoneQuestion.data.prompt).toBe('');
    expect(undone.nodes.find((n) => n.id === 'q1')?.position.x).toBe(30);
  });

  it('keeps one connection per exit and drops those of removed choices', () => {
    let state = withQuestion();
    state = editorReducer(state, {
      type: 'connect',
      id: 'e2',
      connection: { source: 'q1', target: 'end', sourceHandle: 'next', targetHandle: null },
    });
    state = editorReducer(state, {
      type: 'connect',
      id: 'e3',
      connection: { source: 'q1', target: 'start', sourceHandle: 'next', targetHandle: null },
    });
    expect(state.edges.filter((e) => e.source === 'q1').map((e) => e.id)).toEqual(['e3']);

    const node = state.nodes.find((n) => n.id === 'q1') as FlowNode & { type: 'question' };
    const [first] = node.data.choices ?? [];
    state = editorReducer(state, {
      type: 'connect',
      id: 'e4',
      connection: { source: 'q1', target: 'end', sourceHandle: `choice:${first?.id}`, targetHandle: null },
    });
    state = editorReducer(state, {
      type: 'updateData',
      nodeId: 'q1',
      data: { ...node.data, choices: node.data.choices?.slice(1) },
      key: 'q1:choices',
      at: 0,
    });
    expect(state.edges.map((e) => e.id)).not.toContain('e4');
    expect(outgoingHandles(state.nodes.find((n) => n.id === 'q1') as FlowNode).map((h) => h.kind)).toEqual([
      'choice',
      'next',
      'invalid',
    ]);
  });

  it('never deletes the start step, and deleting a step removes its connections', () => {
    const state = editorReducer(initEditorState(BLANK), {
      type: 'delete',
      nodeIds: ['start', 'end'],
      edgeIds: [],
    });
    expect(state.nodes.map((n) => n.id)).toEqual(['start']);
    expect(state.edges).toEqual([]);
  });
});

describe('copy and paste', () => {
  it('copies selected steps with new ids and the connections between them', () => {
    const a = { ...question('a'), selected: true } as FlowNode;
    const b = { ...question('b', 300), selected: true } as FlowNode;
    const c = question('c', 600);
    const edges = [
      { id: 'ab', source: 'a', target: 'b', sourceHandle: 'next' },
      { id: 'bc', source: 'b', target: 'c', sourceHandle: 'next' },
    ];
    const clip = copySelection([a, b, c], edges);
    expect(clip?.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(clip?.edges.map((e) => e.id)).toEqual(['ab']);
    const pasted = pasteClip(clip!, new Set(['a', 'b', 'c', 'ab', 'bc']), { x: 40, y: 40 });
    const [na, nb] = pasted.nodes;
    expect(na?.id).not.toBe('a');
    expect(na?.position).toEqual({ x: 40, y: 140 });
    expect(pasted.edges[0]).toMatchObject({ source: na?.id, target: nb?.id, sourceHandle: 'next' });
    expect(pasted.nodes.every((n) => n.selected)).toBe(true);
  });

  it('never copies the start step', () => {
    const state = initEditorState(BLANK);
    expect(
      copySelection(
        state.nodes.map((n) => ({ ...n, selected: n.id === 'start' }) as FlowNode),
        [],
      ),
    ).toBe(undefined);
  });
});

describe('live checks', () => {
  it('reports what the schema refuses, so the draft is not sent', () => {
    const state = withQuestion();
    const node = state.nodes.find((n) => n.id === 'q1') as FlowNode & { type: 'question' };
    const broken = toDefinition(
      state.nodes.map((n) =>
        n.id === 'q1' ? ({ ...node, data: { ...node.data, variable: 'Not valid' } } as FlowNode) : n,
      ),
      state.edges,
      state.base,
    );
    const report = checkDefinition(broken);
    expect(report.isSavable).toBe(false);
    expect(report.issues).toContainEqual(
      expect.objectContaining({ code: 'invalid_field', nodeId: 'q1', field: 'data.variable' }),
    );
    expect(report.byNode.get('q1')?.errors).toBeGreaterThan(0);
  });

  it('passes a blank program and flags a new, unconnected question', () => {
    expect(checkDefinition(BLANK).errorCount).toBe(0);
    const report = checkDefinition(withQuestion().definition);
    expect(report.isSavable).toBe(true);
    expect(report.issues.filter((i) => i.nodeId === 'q1').map((i) => i.code)).toEqual(
      expect.arrayContaining(['missing_field', 'missing_edge']),
    );
  });
});

describe('the opening view', () => {
  it('shows a small program whole and a long one from its start', () => {
    expect(openingView(BLANK.nodes, BLANK.edges)).toBeUndefined();
    const nodes = [
      { id: 'start', type: 'start' },
      ...Array.from({ length: 20 }, (_, i) => ({ id: `n${i}`, type: 'message' })),
    ];
    const edges = [
      { source: 'start', target: 'n0' },
      ...Array.from({ length: 19 }, (_, i) => ({ source: `n${i}`, target: `n${i + 1}` })),
    ];
    expect(openingView(nodes, edges)).toEqual(['start', 'n0', 'n1', 'n2', 'n3', 'n4']);
  });
});
