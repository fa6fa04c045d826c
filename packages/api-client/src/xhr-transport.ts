/** Bytes of the request body sent so far, out of `total`. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface XhrInit {
  method: string;
  headers: Record<string, string>;
  body: XMLHttpRequestBodyInit;
  signal?: AbortSignal | undefined;
  onUploadProgress: (progress: UploadProgress) => void;
}

/**
 * One request over XMLHttpRequest, answered as a fetch `Response`. fetch reports
 * no upload progress in browsers (a streamed request body is not supported for
 * this), so uploads that show a progress bar go this way. Failures mirror fetch:
 * a TypeError when the server cannot be reached, the signal's reason on abort.
 */
export function xhrFetch(createXhr: () => XMLHttpRequest, url: string, init: XhrInit): Promise<Response> {
  return new Promise((resolve, reject) => {
    const { signal } = init;
    if (signal?.aborted) {
      reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      return;
    }
    const xhr = createXhr();
    xhr.open(init.method, url);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    for (const [name, value] of Object.entries(init.headers)) xhr.setRequestHeader(name, value);

    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);

    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) init.onUploadProgress({ loaded: event.loaded, total: event.total });
    });
    xhr.addEventListener('load', () => {
      done();
      const headers = new Headers();
      const type = xhr.getResponseHeader('content-type');
      if (type) headers.set('content-type', type);
      // A Response cannot carry a body with these statuses.
      const hasBody = ![101, 204, 205, 304].includes(xhr.status);
      resolve(
        new Response(hasBody ? xhr.responseText : null, {
          status: xhr.status,
          statusText: xhr.statusText,
          headers,
        }),
      );
    });
    xhr.addEventListener('error', () => {
      done();
      reject(new TypeError('Network request failed'));
    });
    xhr.addEventListener('abort', () => {
      done();
      reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    });
    xhr.send(init.body);
  });
}
