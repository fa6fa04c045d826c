import { Fragment } from 'react';

/** "Markdown file · 8.8 KB · v1": parts separated by dots, each kept on one line with its dot. */
export function MetaParts({ parts }: { parts: readonly string[] }) {
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={part}>
          {index > 0 && ' '}
          <span className="nowrap">
            {part}
            {index < parts.length - 1 && ' ·'}
          </span>
        </Fragment>
      ))}
    </>
  );
}
