import { Handle, type NodeProps, Position, useUpdateNodeInternals } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditorLabels } from '../hooks/use-editor-labels.ts';
import { type FlowNode, outgoingHandles } from '../utils/program-graph.ts';
import { useEditorContext } from './editor-context.tsx';
import { NodeTypeIcon } from './node-type-icon.tsx';

/**
 * A step on the canvas: its type (icon and colour), its name or what it says,
 * and one connection point per exit. A single `next` exit sits at the bottom;
 * steps with several exits (choices, branches, "if invalid") list them, each
 * labelled, with its point on the right. Steps with problems get a red outline
 * and a badge counting them.
 */
export const ProgramNodeView = memo(function ProgramNodeView({
  id,
  type,
  data,
  selected,
}: NodeProps<FlowNode>) {
  const { t } = useTranslation();
  const labels = useEditorLabels();
  const { issuesByNode } = useEditorContext();
  const node = { id, type, data, position: { x: 0, y: 0 } } as FlowNode;
  const handles = outgoingHandles(node);
  const issues = issuesByNode.get(id) ?? [];
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const title = data.label?.trim();
  const summary = labels.summary(node);
  const details = labels.details(node);

  // React Flow measures handle positions when a node mounts; choices and branches come and go
  // afterwards. Not on mount: an early update would run the first fit-to-view with one node measured.
  const updateNodeInternals = useUpdateNodeInternals();
  const handleKey = handles.map((handle) => handle.id).join('|');
  const measuredKey = useRef(handleKey);
  useEffect(() => {
    if (measuredKey.current === handleKey) return;
    measuredKey.current = handleKey;
    updateNodeInternals(id);
  }, [id, handleKey, updateNodeInternals]);

  return (
    <div
      className="pnode"
      data-type={type}
      data-selected={selected || undefined}
      data-invalid={errors > 0 || undefined}
      data-warning={(errors === 0 && issues.length > 0) || undefined}
    >
      {type !== 'start' && <Handle type="target" position={Position.Top} className="pnode-handle" />}
      <div className="pnode-header">
        <span className="pnode-icon">
          <NodeTypeIcon type={type} size={14} />
        </span>
        <span className="pnode-type">{labels.typeLabel(type)}</span>
        {issues.length > 0 && (
          <span
            className="pnode-badge"
            role="img"
            aria-label={t('programs.editor.node.issues', { count: issues.length })}
            title={issues.map((issue) => labels.issueText(issue)).join('\n')}
          >
            {issues.length}
          </span>
        )}
      </div>
      <div className="pnode-body">
        <p className="pnode-title">{title || summary}</p>
        {title && <p className="pnode-summary">{summary}</p>}
        {details && <p className="pnode-details">{details}</p>}
      </div>
      {handles.length === 1 && handles[0] ? (
        <Handle
          type="source"
          position={Position.Bottom}
          id={handles[0].id}
          className="pnode-handle pnode-handle-next"
          title={t('programs.editor.node.connectFrom', { handle: labels.handleLabel(node, handles[0]) })}
        />
      ) : (
        handles.length > 1 && (
          <ul className="pnode-ports">
            {handles.map((handle) => {
              const label = labels.handleLabel(node, handle);
              return (
                <li key={handle.id} className="pnode-port" data-kind={handle.kind}>
                  <span className="pnode-port-label">{label}</span>
                  <Handle
                    type="source"
                    position={Position.Right}
                    id={handle.id}
                    className="pnode-handle"
                    title={t('programs.editor.node.connectFrom', { handle: label })}
                  />
                </li>
              );
            })}
          </ul>
        )
      )}
    </div>
  );
});
