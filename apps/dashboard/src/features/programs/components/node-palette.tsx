import { PROGRAM_NODE_TYPES, type ProgramNodeType } from '@companero/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditorLabels } from '../hooks/use-editor-labels.ts';
import { NodeTypeIcon } from './node-type-icon.tsx';

/** The drag format of a step type dropped on the canvas. */
export const STEP_DRAG_TYPE = 'application/x-companero-step';

/**
 * The steps a program is made of. Each is a button: drag it onto the canvas
 * (where it lands is where it goes), or click it (Enter/Space) to add it below
 * the selected step, connected to it.
 */
export function NodePalette({
  hasStart,
  onAdd,
}: {
  hasStart: boolean;
  onAdd: (type: ProgramNodeType) => void;
}) {
  const { t } = useTranslation();
  const labels = useEditorLabels();
  const titleId = useId();
  const hintId = useId();
  const types = PROGRAM_NODE_TYPES.filter((type) => type !== 'start' || !hasStart);
  return (
    <section className="ppalette" aria-labelledby={titleId}>
      <h2 id={titleId} className="ppalette-title">
        {t('programs.editor.palette.title')}
      </h2>
      <p id={hintId} className="ppalette-hint">
        {t('programs.editor.palette.hint')}
      </p>
      <ul className="ppalette-list">
        {types.map((type) => (
          <li key={type}>
            <button
              type="button"
              className="ppalette-item"
              data-type={type}
              draggable
              title={t(`programs.editor.nodeHints.${type}`)}
              aria-describedby={hintId}
              onDragStart={(event) => {
                event.dataTransfer.setData(STEP_DRAG_TYPE, type);
                event.dataTransfer.effectAllowed = 'move';
              }}
              onClick={() => onAdd(type)}
            >
              <span className="ppalette-icon">
                <NodeTypeIcon type={type} size={16} />
              </span>
              <span>{labels.typeLabel(type)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
