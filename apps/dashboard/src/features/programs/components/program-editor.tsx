import '@xyflow/react/dist/style.css';
import './program-editor.css';
import {
  PROGRAM_ISSUE_CODES,
  type Program,
  type ProgramIssue,
  type ProgramNodeType,
  type ProgramVersion,
} from '@companero/contracts';
import {
  Background,
  type Connection,
  Controls,
  type EdgeTypes,
  MarkerType,
  MiniMap,
  type NodeTypes,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useId, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { Tabs } from '../../../components/ui/tabs.tsx';
import { useAutosave } from '../hooks/use-autosave.ts';
import { useEditorLabels } from '../hooks/use-editor-labels.ts';
import { useEditorShortcuts } from '../hooks/use-editor-shortcuts.ts';
import { useLiveValidation } from '../hooks/use-live-validation.ts';
import { autoLayout } from '../utils/auto-layout.ts';
import { type Clip, copySelection, pasteClip } from '../utils/clipboard.ts';
import { editorReducer, initEditorState } from '../utils/editor-state.ts';
import { createNode } from '../utils/node-defaults.ts';
import {
  type FlowEdge,
  type FlowNode,
  knownVariables,
  NEXT_HANDLE,
  newId,
  openingView,
  outgoingHandles,
} from '../utils/program-graph.ts';
import { EditorContext, type EditorContextValue } from './editor-context.tsx';
import { EditorHeader } from './editor-header.tsx';
import { IssuesPanel } from './issues-panel.tsx';
import { EdgeInspector, NodeInspector } from './node-inspector.tsx';
import { NodePalette, STEP_DRAG_TYPE } from './node-palette.tsx';
import { ParticipantsPanel } from './participants-panel.tsx';
import { ProgramEdgeView } from './program-edge.tsx';
import { ProgramNodeView } from './program-node.tsx';
import { PublishDialog } from './publish-dialog.tsx';
import { SimulatorPanel } from './simulator-panel.tsx';
import { VersionsList } from './versions-list.tsx';

const NODE_TYPES: NodeTypes = Object.fromEntries(
  (
    [
      'start',
      'message',
      'question',
      'condition',
      'ai',
      'wait',
      'habit',
      'milestone',
      'set',
      'webhook',
      'handoff',
      'end',
    ] as const
  ).map((type) => [type, ProgramNodeView]),
) as NodeTypes;
const EDGE_TYPES: EdgeTypes = { program: ProgramEdgeView };
/** The minimap's colour per step type (the canvas' colours, see program-editor.css). */
const MINIMAP_COLORS: Record<string, string> = {
  start: '#17733a',
  message: '#1c5bb0',
  question: '#6d3fd1',
  condition: '#b45309',
  ai: '#0f766e',
  wait: '#576070',
  habit: '#15803d',
  milestone: '#a16207',
  set: '#475569',
  webhook: '#4338ca',
  handoff: '#be185d',
  end: '#151a21',
};
const MARKER = { type: MarkerType.ArrowClosed, width: 18, height: 18 } as const;
/** Roughly half a step: a dropped step lands centred under the pointer. */
const HALF_NODE = { x: 120, y: 36 };
const PASTE_OFFSET = 40;

type PanelTab = 'inspector' | 'simulator' | 'participants';

/**
 * The visual program builder: a palette of steps, the canvas (React Flow),
 * and a side panel (inspector, simulator, participants). Every change is
 * validated live and saved as a draft a moment later; publishing freezes the
 * draft as a new version.
 */
export function ProgramEditor({ program, onReload }: { program: Program; onReload: () => void }) {
  return (
    <ReactFlowProvider>
      <Editor program={program} onReload={onReload} />
    </ReactFlowProvider>
  );
}

function Editor({ program, onReload }: { program: Program; onReload: () => void }) {
  const { t } = useTranslation();
  const labels = useEditorLabels();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const [state, dispatch] = useReducer(editorReducer, program.draft, initEditorState);
  const report = useLiveValidation(state.definition);
  const canvasRef = useRef<HTMLDivElement>(null);
  const isDragging = useRef(false);
  const clipboard = useRef<{ clip: Clip; pastes: number }>(undefined);
  const [tab, setTab] = useState<PanelTab>('inspector');
  const [isIssuesOpen, setIsIssuesOpen] = useState(true);
  const [isPublishOpen, setIsPublishOpen] = useState(false);
  const [isVersionsOpen, setIsVersionsOpen] = useState(false);
  const [lastPublished, setLastPublished] = useState<ProgramVersion>();
  const issuesId = useId();

  const viewport = useCallback(() => flow.getViewport(), [flow]);
  const autosave = useAutosave({
    programId: program.id,
    initialRevision: program.draftRevision,
    definition: state.definition,
    seq: state.seq,
    isSavable: report.isSavable,
    viewport,
  });

  // --- derived ------------------------------------------------------------------
  const nodesById = useMemo(() => new Map(state.nodes.map((node) => [node.id, node])), [state.nodes]);
  const selectedNodes = useMemo(() => state.nodes.filter((node) => node.selected), [state.nodes]);
  const selectedEdges = useMemo(() => state.edges.filter((edge) => edge.selected), [state.edges]);
  const variables = useMemo(() => knownVariables(state.definition), [state.definition]);
  const issuesByNode = useMemo(() => {
    const map = new Map<string, ProgramIssue[]>();
    for (const issue of report.issues) {
      if (!issue.nodeId) continue;
      const list = map.get(issue.nodeId) ?? [];
      list.push(issue);
      map.set(issue.nodeId, list);
    }
    for (const list of map.values())
      list.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    return map;
  }, [report]);
  const edges = useMemo(
    () =>
      state.edges.map((edge) => ({
        ...edge,
        type: 'program',
        markerEnd: MARKER,
        ...(report.edgesWithErrors.has(edge.id) ? { className: 'pedge-error' } : {}),
      })),
    [state.edges, report],
  );

  // --- actions ------------------------------------------------------------------
  const deleteEdge = useCallback(
    (edgeId: string) => dispatch({ type: 'delete', nodeIds: [], edgeIds: [edgeId] }),
    [],
  );
  const context = useMemo<EditorContextValue>(
    () => ({ report, issuesByNode, deleteEdge }),
    [report, issuesByNode, deleteEdge],
  );

  const taken = () => ({ ids: new Set(state.nodes.map((node) => node.id)), variables: new Set(variables) });

  /** The flow position at the middle of the visible canvas. */
  const canvasCenter = () => {
    const rect = canvasRef.current?.getBoundingClientRect();
    if (!rect) return { x: 0, y: 0 };
    return flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
  };

  function addStep(type: ProgramNodeType, dropAt?: { x: number; y: number }) {
    const anchor = dropAt ? undefined : selectedNodes.length === 1 ? selectedNodes[0] : undefined;
    let position: { x: number; y: number };
    if (dropAt) position = { x: dropAt.x - HALF_NODE.x, y: dropAt.y - HALF_NODE.y };
    else if (anchor)
      position = { x: anchor.position.x, y: anchor.position.y + (anchor.measured?.height ?? 90) + 64 };
    else {
      const center = canvasCenter();
      position = { x: center.x - HALF_NODE.x, y: center.y - HALF_NODE.y };
    }
    const node = createNode(type, position, labels.defaultTexts(), taken());
    // Clicked with one step selected: the new step follows it, if its "next" exit is free.
    const connect =
      anchor &&
      type !== 'start' &&
      outgoingHandles(anchor).some((handle) => handle.id === NEXT_HANDLE) &&
      !state.edges.some(
        (edge) => edge.source === anchor.id && (edge.sourceHandle ?? NEXT_HANDLE) === NEXT_HANDLE,
      );
    dispatch({
      type: 'add',
      nodes: [node],
      edges: connect
        ? [
            {
              id: newId('e', new Set(state.edges.map((edge) => edge.id))),
              source: anchor.id,
              target: node.id,
              sourceHandle: NEXT_HANDLE,
            },
          ]
        : [],
    });
    setTab('inspector');
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    const type = event.dataTransfer.getData(STEP_DRAG_TYPE) as ProgramNodeType | '';
    if (!type) return;
    event.preventDefault();
    addStep(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  }

  const copy = () => {
    const clip = copySelection(state.nodes, state.edges);
    if (clip) clipboard.current = { clip, pastes: 0 };
  };
  const paste = () => {
    const held = clipboard.current;
    if (!held) return;
    held.pastes += 1;
    const offset = PASTE_OFFSET * held.pastes;
    const pasted = pasteClip(
      held.clip,
      new Set([...state.nodes.map((n) => n.id), ...state.edges.map((e) => e.id)]),
      { x: offset, y: offset },
    );
    dispatch({ type: 'add', nodes: pasted.nodes, edges: pasted.edges });
  };
  const duplicate = (node: FlowNode) => {
    const clip = copySelection([{ ...node, selected: true } as FlowNode], []);
    if (!clip) return;
    const pasted = pasteClip(clip, new Set(state.nodes.map((n) => n.id)), {
      x: PASTE_OFFSET,
      y: PASTE_OFFSET,
    });
    dispatch({ type: 'add', nodes: pasted.nodes });
  };
  const deleteSelection = () =>
    dispatch({
      type: 'delete',
      nodeIds: selectedNodes.map((node) => node.id),
      edgeIds: selectedEdges.map((edge) => edge.id),
    });
  const undo = () => dispatch({ type: 'undo' });
  const redo = () => dispatch({ type: 'redo' });

  const tidyUp = () => {
    dispatch({ type: 'positions', positions: autoLayout(state.nodes, state.edges) });
    requestAnimationFrame(() => void flow.fitView({ padding: 0.2, duration: 300 }));
  };
  const fit = () => void flow.fitView({ padding: 0.2, duration: 300 });

  /** Selects what an issue is about and brings it into view. */
  const showIssue = (issue: ProgramIssue) => {
    const node = issue.nodeId ? nodesById.get(issue.nodeId) : undefined;
    const edge = issue.edgeId ? state.edges.find((e) => e.id === issue.edgeId) : undefined;
    if (node) showNode(node.id);
    else if (edge) {
      dispatch({ type: 'select', nodeIds: [], edgeIds: [edge.id] });
      const a = nodesById.get(edge.source);
      const b = nodesById.get(edge.target);
      if (a && b)
        void flow.setCenter(
          (a.position.x + b.position.x) / 2 + HALF_NODE.x,
          (a.position.y + b.position.y) / 2,
          {
            zoom: Math.max(flow.getZoom(), 0.9),
            duration: 300,
          },
        );
      setTab('inspector');
    }
  };
  function showNode(nodeId: string) {
    const node = nodesById.get(nodeId);
    if (!node) return;
    dispatch({ type: 'select', nodeIds: [nodeId] });
    const width = node.measured?.width ?? HALF_NODE.x * 2;
    const height = node.measured?.height ?? HALF_NODE.y * 2;
    void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, {
      zoom: Math.max(flow.getZoom(), 1),
      duration: 300,
    });
    setTab('inspector');
  }

  useEditorShortcuts(canvasRef, { undo, redo, copy, paste, deleteSelection });

  // --- leaving with unsaved changes ---------------------------------------------------
  const { isDirty } = autosave;
  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => isDirty && currentLocation.pathname !== nextLocation.pathname,
  );
  const [isLeaving, setIsLeaving] = useState(false);
  const saveAndLeave = async () => {
    setIsLeaving(true);
    const isSaved = await autosave.flush();
    setIsLeaving(false);
    if (isSaved && blocker.state === 'blocked') blocker.proceed();
  };

  // --- the side panel -----------------------------------------------------------------
  const selectedNode = selectedNodes.length === 1 ? selectedNodes[0] : undefined;
  const selectedEdge =
    selectedNodes.length === 0 && selectedEdges.length === 1 ? selectedEdges[0] : undefined;
  const inspector = (() => {
    if (selectedNode)
      return (
        <NodeInspector
          key={selectedNode.id}
          node={selectedNode}
          issues={issuesByNode.get(selectedNode.id) ?? []}
          variables={variables}
          onChange={(data, key) =>
            dispatch({ type: 'updateData', nodeId: selectedNode.id, data, key, at: Date.now() })
          }
          onDelete={() => dispatch({ type: 'delete', nodeIds: [selectedNode.id], edgeIds: [] })}
          onDuplicate={() => duplicate(selectedNode)}
          onShowIssue={showIssue}
        />
      );
    if (selectedNodes.length > 1)
      return (
        <div className="pinspector">
          <p>{t('programs.editor.inspector.multiple', { count: selectedNodes.length })}</p>
          <div>
            <Button
              variant="secondary"
              size="sm"
              icon={<Icon name="trash" size={16} />}
              onClick={deleteSelection}
            >
              {t('programs.editor.inspector.deleteSelection')}
            </Button>
          </div>
        </div>
      );
    if (selectedEdge) {
      const source = nodesById.get(selectedEdge.source);
      const handle =
        source && outgoingHandles(source).find((h) => h.id === (selectedEdge.sourceHandle ?? NEXT_HANDLE));
      return (
        <EdgeInspector
          from={labels.stepName(source)}
          handle={
            source && handle ? labels.handleLabel(source, handle) : (selectedEdge.sourceHandle ?? NEXT_HANDLE)
          }
          to={labels.stepName(nodesById.get(selectedEdge.target))}
          onDelete={() => deleteEdge(selectedEdge.id)}
        />
      );
    }
    return <p className="pinspector-empty muted">{t('programs.editor.inspector.empty')}</p>;
  })();

  const hasStart = state.nodes.some((node) => node.type === 'start');
  // The first view only (React Flow reads it once): the whole program, or its beginning when long.
  const [openingFit] = useState(() => {
    const ids = openingView(program.draft.nodes, program.draft.edges);
    return { padding: 0.25, maxZoom: 1, minZoom: 0.5, ...(ids ? { nodes: ids.map((id) => ({ id })) } : {}) };
  });
  const savedViewport = program.draft.viewport;

  return (
    <EditorContext.Provider value={context}>
      <div className="peditor">
        <EditorHeader
          program={program}
          lastPublished={lastPublished}
          status={autosave.status}
          onRename={autosave.rename}
          onRetrySave={() => void autosave.flush()}
          canUndo={state.past.length > 0}
          canRedo={state.future.length > 0}
          onUndo={undo}
          onRedo={redo}
          onTidyUp={tidyUp}
          onFit={fit}
          report={report}
          issuesId={issuesId}
          isIssuesOpen={isIssuesOpen}
          onToggleIssues={() => setIsIssuesOpen((open) => !open)}
          onVersions={() => setIsVersionsOpen(true)}
          onPublish={() => setIsPublishOpen(true)}
        />
        {autosave.status === 'conflict' && (
          <div className="peditor-banner">
            <Alert
              tone="error"
              title={t('programs.editor.save.conflictTitle')}
              action={
                <Button size="sm" onClick={onReload}>
                  {t('programs.editor.save.reload')}
                </Button>
              }
            >
              {t('programs.editor.save.conflictBody')}
            </Alert>
          </div>
        )}
        <div className="peditor-body">
          <NodePalette hasStart={hasStart} onAdd={(type) => addStep(type)} />
          <div className="peditor-canvas">
            <div className="peditor-flow" ref={canvasRef}>
              <ReactFlow<FlowNode, FlowEdge>
                aria-label={t('programs.editor.canvas.label')}
                nodes={state.nodes}
                edges={edges}
                nodeTypes={NODE_TYPES}
                edgeTypes={EDGE_TYPES}
                onNodesChange={(changes) =>
                  dispatch({ type: 'nodesChange', changes, isDragging: isDragging.current, at: Date.now() })
                }
                onEdgesChange={(changes) => dispatch({ type: 'edgesChange', changes })}
                onConnect={(connection: Connection) =>
                  dispatch({
                    type: 'connect',
                    connection,
                    id: newId('e', new Set(state.edges.map((edge) => edge.id))),
                  })
                }
                isValidConnection={(connection) =>
                  connection.source !== connection.target &&
                  nodesById.get(connection.target)?.type !== 'start'
                }
                onNodeDragStart={() => {
                  isDragging.current = true;
                  dispatch({ type: 'checkpoint' });
                }}
                onNodeDragStop={() => {
                  isDragging.current = false;
                }}
                onSelectionDragStart={() => {
                  isDragging.current = true;
                  dispatch({ type: 'checkpoint' });
                }}
                onSelectionDragStop={() => {
                  isDragging.current = false;
                }}
                onDragOver={(event) => {
                  if (!event.dataTransfer.types.includes(STEP_DRAG_TYPE)) return;
                  event.preventDefault();
                  event.dataTransfer.dropEffect = 'move';
                }}
                onDrop={onDrop}
                deleteKeyCode={null}
                {...(savedViewport ? { defaultViewport: savedViewport } : { fitView: true })}
                fitViewOptions={openingFit}
                minZoom={0.15}
                maxZoom={2}
                colorMode="system"
                proOptions={{ hideAttribution: true }}
              >
                <Background gap={20} size={1.2} />
                <Controls showInteractive={false} />
                <MiniMap
                  pannable
                  zoomable
                  className="peditor-minimap"
                  nodeColor={(node) => MINIMAP_COLORS[node.type ?? ''] ?? '#c9ced6'}
                  nodeBorderRadius={6}
                  ariaLabel={t('programs.editor.canvas.minimap')}
                />
              </ReactFlow>
            </div>
            {isIssuesOpen && (
              <IssuesPanel id={issuesId} report={report} nodesById={nodesById} onShow={showIssue} />
            )}
          </div>
          <aside className="peditor-side" aria-label={t('programs.editor.panel.label')}>
            <Tabs<PanelTab>
              label={t('programs.editor.panel.label')}
              tabs={[
                { id: 'inspector', label: t('programs.editor.panel.inspector') },
                { id: 'simulator', label: t('programs.editor.panel.simulator') },
                { id: 'participants', label: t('programs.editor.panel.participants') },
              ]}
              selected={tab}
              onSelect={setTab}
            >
              {tab === 'inspector' && inspector}
              {tab === 'simulator' && (
                <SimulatorPanel
                  programId={program.id}
                  definition={state.definition}
                  onSelectNode={showNode}
                />
              )}
              {tab === 'participants' && <ParticipantsPanel programId={program.id} onSelectNode={showNode} />}
            </Tabs>
          </aside>
        </div>
      </div>

      <PublishDialog
        open={isPublishOpen}
        onClose={() => setIsPublishOpen(false)}
        programId={program.id}
        errorCount={report.errorCount}
        saveDraft={autosave.flush}
        onPublished={setLastPublished}
        describeProblem={(error) => {
          const node = error.path.startsWith('node:') ? nodesById.get(error.path.slice(5)) : undefined;
          const known = (PROGRAM_ISSUE_CODES as readonly string[]).includes(error.code);
          const text = known ? labels.issueText({ code: error.code as ProgramIssue['code'] }) : error.message;
          return node ? `${labels.stepName(node)}: ${text}` : text;
        }}
      />
      <Dialog
        open={isVersionsOpen}
        onClose={() => setIsVersionsOpen(false)}
        title={t('programs.editor.versions.title')}
      >
        <div className="dialog-body">
          <VersionsList programId={program.id} />
        </div>
      </Dialog>
      <Dialog
        open={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={t('programs.editor.save.leaveTitle')}
        description={t('programs.editor.save.leaveBody')}
      >
        <div className="dialog-footer">
          <Button variant="secondary" onClick={() => blocker.reset?.()}>
            {t('programs.editor.save.stay')}
          </Button>
          <Button variant="danger" onClick={() => blocker.proceed?.()}>
            {t('programs.editor.save.leave')}
          </Button>
          <Button
            onClick={() => void saveAndLeave()}
            isLoading={isLeaving}
            disabled={autosave.status === 'conflict'}
          >
            {t('programs.editor.save.saveAndLeave')}
          </Button>
        </div>
      </Dialog>
    </EditorContext.Provider>
  );
}
