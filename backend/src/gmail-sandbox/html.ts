/** Tiny HTML helpers for the consent page and the viewer (no template engine needed). */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Tagged template: interpolations are escaped unless wrapped in `raw()`. */
export type SafeHtml = { __html: string };
export const raw = (html: string): SafeHtml => ({ __html: html });
export function html(strings: TemplateStringsArray, ...values: Array<string | number | SafeHtml | SafeHtml[] | undefined>): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    if (Array.isArray(value)) out += value.map((v) => v.__html).join('');
    else if (typeof value === 'object') out += value.__html;
    else if (value !== undefined) out += escapeHtml(String(value));
    out += strings[index + 1] ?? '';
  });
  return raw(out);
}

/**
 * The sandbox pages' CSP: no scripts at all, inline styles only, images only as data: URLs (so
 * viewing a campaign message never fires its tracking pixel). `srcdoc` frames inherit it.
 * No form-action: the consent form's redirect goes to the app's redirect_uri, any origin.
 */
export const SANDBOX_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'";

const STYLE = `
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1f1f1f; background: #f6f8fc; }
  header { background: #fff3cd; border-bottom: 1px solid #e0c97a; padding: 10px 24px; font-weight: 600; }
  main { max-width: 960px; margin: 24px auto; padding: 0 24px; }
  .card { background: #fff; border: 1px solid #dadce0; border-radius: 8px; padding: 16px 20px; margin-bottom: 16px; }
  h1 { font-size: 22px; font-weight: 500; } h2 { font-size: 18px; font-weight: 500; margin-top: 28px; }
  table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eee; }
  .meta { color: #5f6368; font-size: 13px; } .label { display: inline-block; background: #e8eaed; border-radius: 4px; padding: 0 6px; margin-right: 4px; font-size: 12px; }
  pre { white-space: pre-wrap; word-break: break-word; font: 14px/1.45 ui-monospace, monospace; margin: 8px 0 0; }
  iframe { width: 100%; height: 320px; border: 1px solid #eee; background: #fff; margin-top: 8px; }
  button { font: inherit; padding: 8px 20px; border-radius: 4px; border: 1px solid #dadce0; background: #fff; cursor: pointer; margin-right: 8px; }
  button.primary { background: #1a73e8; border-color: #1a73e8; color: #fff; }
  input[type=email] { font: inherit; padding: 8px; width: 100%; box-sizing: border-box; border: 1px solid #dadce0; border-radius: 4px; }
  nav a { margin-right: 16px; } a { color: #1a73e8; }
`;

export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>${raw(STYLE)}</style></head>
<body><header>Gmail sandbox — no real Google account is involved</header><main>${body}</main></body></html>`.__html;
}
