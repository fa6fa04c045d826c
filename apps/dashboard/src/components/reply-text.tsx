import { splitCitationMarkers } from '../lib/citation-markers.ts';

/**
 * A reply's text with its [n] citation markers set apart. Text nodes only:
 * a reply is never parsed as HTML. `sourcesId` links each marker to the
 * numbered sources list under the reply.
 */
export function ReplyText({ text, sourcesId }: { text: string; sourcesId?: string }) {
  return (
    <>
      {splitCitationMarkers(text).map((segment, index) =>
        'n' in segment ? (
          sourcesId ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
            <a key={index} href={`#${sourcesId}-${segment.n}`} className="citation-marker">
              [{segment.n}]
            </a>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
            <span key={index} className="citation-marker">
              [{segment.n}]
            </span>
          )
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
