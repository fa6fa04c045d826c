// pg's value serializer (JS value → wire text), which its own Query uses for Bind.
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): unknown };
  export default utils;
}
