import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/ui/icons.tsx';
import { useEditorContext } from './editor-context.tsx';

/** A connection (with its label, if it has one); when selected, a button on it deletes it (Delete/Backspace does too). */
export function ProgramEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  selected,
  markerEnd,
  style,
  label,
}: EdgeProps) {
  const { t } = useTranslation();
  const { deleteEdge } = useEditorContext();
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={24} />
      {typeof label === 'string' && label && !selected && (
        <EdgeLabelRenderer>
          <span
            className="pedge-label"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {label}
          </span>
        </EdgeLabelRenderer>
      )}
      {selected && (
        <EdgeLabelRenderer>
          <button
            type="button"
            className="pedge-delete nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            aria-label={t('programs.editor.edge.delete')}
            title={t('programs.editor.edge.delete')}
            onClick={() => deleteEdge(id)}
          >
            <Icon name="close" size={14} />
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
