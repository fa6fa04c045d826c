/**
 * The chat's stylesheet, inside its shadow root: page selectors cannot reach
 * it. What could still cross the boundary is inheritance (font, colour, line
 * height, letter spacing...), so `.root` sets every inherited property it
 * relies on and its descendants reset margins, borders and fonts. Sizes are
 * in px, never rem: a page's `html { font-size: 10px }` must not shrink the chat.
 * The theme arrives as custom properties (`themeToCssVars`).
 */
export const CHAT_STYLES = `
.root{all:initial;display:block;width:100%;height:100%;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--cw-fg);letter-spacing:normal;word-spacing:normal;text-align:left;text-transform:none;text-indent:0;white-space:normal;direction:ltr;visibility:visible;cursor:auto;-webkit-font-smoothing:antialiased;pointer-events:none}
.root *,.root *::before,.root *::after{box-sizing:border-box;margin:0;padding:0;border:0;font:inherit;color:inherit;background:none;text-decoration:none;max-width:none}
[hidden]{display:none!important}
.sr{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.panel{pointer-events:auto;position:absolute;display:flex;flex-direction:column;overflow:hidden;background:var(--cw-bg);border:1px solid var(--cw-border);border-radius:16px;box-shadow:0 12px 48px rgba(15,23,42,.28);animation:cw-in .18s ease-out}
.bubble-mode .panel{bottom:92px;right:20px;width:var(--cw-width);height:min(var(--cw-height),calc(100% - 112px))}
.left .panel{right:auto;left:20px}
.popup-mode .backdrop{pointer-events:auto;position:absolute;inset:0;background:rgba(15,23,42,.55)}
.popup-mode .panel{inset:0;margin:auto;width:min(var(--cw-width) + 80px,calc(100% - 32px));height:min(var(--cw-height),calc(100% - 32px))}
.inline-mode .panel{position:relative;width:100%;height:100%;min-height:420px;box-shadow:none;animation:none}
@media (max-width:480px){.bubble-mode .panel,.popup-mode .panel{inset:0;width:100%;height:100%;margin:0;border-radius:0;border:0}}
@keyframes cw-in{from{opacity:0;transform:translateY(8px)}}
.header{display:flex;align-items:center;gap:10px;padding:10px 8px 10px 16px;background:var(--cw-primary);color:var(--cw-on-primary);flex:none}
.avatar{width:36px;height:36px;border-radius:50%;object-fit:cover;flex:none}
.titles{flex:1;min-width:0}
.title{display:block;font-size:16px;font-weight:600;line-height:1.3;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.subtitle{display:block;font-size:12px;opacity:.9}
button{cursor:pointer;-webkit-appearance:none;appearance:none}
button:disabled{cursor:default;opacity:.5}
:focus-visible{outline:3px solid var(--cw-primary);outline-offset:2px}
.icon-btn{display:inline-flex;align-items:center;justify-content:center;flex:none;width:44px;height:44px;border-radius:50%;color:var(--cw-muted)}
.icon-btn:hover{background:var(--cw-bubble)}
.header .icon-btn{color:inherit}
.header .icon-btn:hover{background:rgba(255,255,255,.18)}
.header :focus-visible{outline-color:var(--cw-on-primary)}
.banner{flex:none;padding:8px 16px;font-size:13px;background:#fef3c7;color:#78350f}
.banner.error{background:#fee2e2;color:#7f1d1d}
.scroller{flex:1;min-height:0;overflow-y:auto;overscroll-behavior:contain;padding:16px;display:flex;flex-direction:column;gap:10px}
.list{display:flex;flex-direction:column;gap:10px}
.msg{display:flex;flex-direction:column;align-items:flex-start;max-width:85%;gap:4px}
.msg.user{align-self:flex-end;align-items:flex-end}
.msg.system{align-self:center;max-width:100%;font-size:12px;color:var(--cw-muted);text-align:center}
.bubble{padding:8px 12px;border-radius:16px 16px 16px 4px;background:var(--cw-bubble);overflow-wrap:anywhere}
.user .bubble{border-radius:16px 16px 4px 16px;background:var(--cw-primary);color:var(--cw-on-primary)}
.system .bubble{background:none;padding:0}
.draft .bubble{opacity:.85}
.bubble p+*,.bubble ul+*,.bubble ol+*{margin-top:8px}
.bubble ul,.bubble ol{padding-left:20px}
.bubble li{display:list-item}
.bubble strong{font-weight:700}
.bubble a,.file{text-decoration:underline;text-underline-offset:2px}
.bubble code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;padding:0 4px;border-radius:4px;background:rgba(127,127,127,.18)}
.files{display:flex;flex-wrap:wrap;gap:6px}
.thumb{display:block;max-width:200px;max-height:160px;border-radius:10px;object-fit:cover;border:1px solid var(--cw-border)}
.file{display:inline-block;padding:6px 10px;border-radius:10px;background:var(--cw-bubble)}
.cites{list-style:none;display:flex;flex-wrap:wrap;gap:4px}
.cites li{font-size:12px;padding:2px 8px;border-radius:999px;border:1px solid var(--cw-border);color:var(--cw-muted)}
.status{display:flex;align-items:center;gap:4px;font-size:12px;color:var(--cw-muted)}
.status:empty{display:none}
.failed{color:#dc2626}
.retry{min-height:44px;padding:0 8px;color:var(--cw-fg);text-decoration:underline}
.quick{display:flex;flex-wrap:wrap;gap:8px}
.quick button{min-height:44px;padding:8px 14px;border-radius:22px;border:1px solid var(--cw-primary);color:var(--cw-fg);background:var(--cw-bg)}
.quick button:hover{background:var(--cw-bubble)}
.typing{align-self:flex-start;display:flex;gap:4px;padding:12px 14px;border-radius:16px;background:var(--cw-bubble)}
.dot{width:7px;height:7px;border-radius:50%;background:var(--cw-muted);animation:cw-blink 1.2s infinite}
.dot:nth-child(2){animation-delay:.2s}
.dot:nth-child(3){animation-delay:.4s}
@keyframes cw-blink{0%,80%,100%{opacity:.3}40%{opacity:1}}
.composer{flex:none;display:flex;flex-direction:column;border-top:1px solid var(--cw-border);background:var(--cw-bg)}
.row{display:flex;align-items:flex-end;gap:4px;padding:8px}
.chips{display:flex;flex-wrap:wrap;gap:6px;padding:8px 8px 0}
.chip{display:inline-flex;align-items:center;gap:2px;max-width:100%;padding-left:10px;border-radius:22px;background:var(--cw-bubble);font-size:12px}
.chip span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.input{flex:1;min-width:0;min-height:44px;max-height:140px;resize:none;padding:11px 14px;border:1px solid var(--cw-border);border-radius:22px;line-height:20px;color:var(--cw-fg);background:var(--cw-bg);white-space:pre-wrap}
.input::placeholder{color:var(--cw-muted);opacity:1}
.send{background:var(--cw-primary);color:var(--cw-on-primary)}
.send:hover{background:var(--cw-primary);filter:brightness(1.1)}
@media (prefers-reduced-motion:reduce){.root *{animation:none!important;transition:none!important}}
`;
