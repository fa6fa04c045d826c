import type { WidgetClientFrame, WidgetServerFrame } from '@companero/contracts';
import type { TransportKind } from '../bridge.ts';

/** One connection attempt's events. None of them fires after `Link.close()`. */
export interface LinkEvents {
  onOpen(): void;
  onFrame(frame: WidgetServerFrame): void;
  onClose(code: number): void;
}

/** One open connection, WebSocket or SSE; the reconnecting `Connection` is made of a series of them. */
export interface Link {
  send(frame: WidgetClientFrame): void;
  close(): void;
}

export type OpenLink = (kind: TransportKind, token: string, events: LinkEvents) => Link;

/** The WebSocket close codes the protocol gives meaning to (docs/widget.md). */
export const CLOSE_TOKEN_INVALID = 4401;
export const CLOSE_ORIGIN_REFUSED = 4403;
export const CLOSE_ABNORMAL = 1006;

/** An HTTP status as the close code a WebSocket would have given, so both transports end alike. */
export const closeCodeForStatus = (status: number) =>
  status === 401 ? CLOSE_TOKEN_INVALID : status === 403 ? CLOSE_ORIGIN_REFUSED : CLOSE_ABNORMAL;

/** Parses a frame's JSON; anything that is not an object with a `type` is dropped. */
export function parseServerFrame(text: string): WidgetServerFrame | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') {
      return value as WidgetServerFrame;
    }
  } catch {
    // Not JSON: ignored, like an unknown frame type.
  }
  return undefined;
}
