/** The dashboard's only stylesheet: served from /assets/dashboard.css (the CSP forbids inline styles). */
export const DASHBOARD_CSS = `
:root {
  --text: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; --card: #fff;
  --accent: #0b5cad; --accent-text: #fff; --danger: #b42318; --ok-bg: #e7f5ec; --ok-line: #1a7f37;
  --warn-bg: #fff8e1; --warn-line: #9a6700; --focus: #ffbf47;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--text); background: var(--bg); line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  display: flex; flex-direction: column; min-height: 100vh;
}
a { color: var(--accent); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--text); }
.skip-link { position: absolute; left: -9999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: var(--card); padding: .5rem 1rem; z-index: 1; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  clip-path: inset(50%); white-space: nowrap;
}
.wrap { width: 100%; max-width: 52rem; margin: 0 auto; padding: 0 1rem; }
.site-header { background: var(--card); border-bottom: 1px solid var(--line); }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding-block: .75rem; }
.brand { font-weight: 700; font-size: 1.2rem; color: var(--text); text-decoration: none; margin-right: auto; }
.site-nav ul { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; }
.site-nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
.site-nav form { margin: 0; }
main.wrap { flex: 1; padding-block: 1.5rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin-block: 1rem; }
.card > :first-child { margin-top: 0; }
.details dt { font-weight: 600; }
.details dd { margin: 0 0 .5rem; }
.lead { font-size: 1.1rem; }
.muted, .hint { color: var(--muted); }
.hint { margin: 0 0 .35rem; font-size: .95rem; }
.field { margin-block: 0 1.25rem; }
.field label { display: block; font-weight: 600; margin-bottom: .25rem; }
input[type="text"], input[type="email"], input[type="password"], input[type="number"], textarea {
  width: 100%; max-width: 28rem; font: inherit; padding: .55rem .65rem;
  border: 2px solid var(--muted); border-radius: 4px; background: var(--card); color: var(--text);
}
input[type="number"] { max-width: 10rem; }
textarea { max-width: none; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; resize: vertical; }
input[aria-invalid="true"], textarea[aria-invalid="true"] { border-color: var(--danger); }
input[readonly] { background: var(--bg); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.field-error { color: var(--danger); font-weight: 600; margin: 0 0 .35rem; }
.field-invalid { border-left: 4px solid var(--danger); padding-left: .75rem; }
button, .button {
  display: inline-block; font: inherit; font-weight: 600; cursor: pointer; text-decoration: none;
  padding: .55rem 1rem; border-radius: 4px; border: 2px solid var(--accent); background: var(--accent); color: var(--accent-text);
}
button.secondary { background: var(--card); color: var(--accent); }
button.link { background: none; border: 0; padding: 0; color: var(--accent); font-weight: 400; text-decoration: underline; }
button.danger { background: var(--card); color: var(--danger); border-color: var(--danger); padding: .3rem .7rem; }
.button.secondary { background: var(--card); color: var(--accent); }
.button.danger { background: var(--card); color: var(--danger); border-color: var(--danger); }
button:disabled { cursor: not-allowed; background: var(--line); border-color: var(--line); color: var(--muted); }
.error-summary { border: 4px solid var(--danger); background: var(--card); padding: 1rem 1.25rem; margin-bottom: 1.5rem; }
.error-summary h2 { margin-top: 0; font-size: 1.15rem; }
.error-summary ul { margin: 0; padding-left: 1.25rem; }
.error-summary a { color: var(--danger); font-weight: 600; }
.notice { border-left: 6px solid var(--ok-line); background: var(--ok-bg); padding: .75rem 1rem; margin-bottom: 1.5rem; }
.notice.warning { border-color: var(--warn-line); background: var(--warn-bg); }
.notice > :first-child { margin-top: 0; }
.notice > :last-child { margin-bottom: 0; }
.copy-row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.copy-row input { flex: 1 1 16rem; max-width: none; }
.table-scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; background: var(--card); }
th, td { text-align: left; padding: .6rem .75rem; border-bottom: 1px solid var(--line); vertical-align: middle; }
th { font-size: .9rem; color: var(--muted); }
td form { margin: 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; overflow-wrap: anywhere; }
.checklist { padding-left: 1.5rem; }
.checklist li { margin-bottom: .5rem; }
.empty-state { text-align: center; padding-block: 1.5rem; }
.empty-state p { margin-top: 0; }
/* Gmail accounts: one card per mailbox, a status badge in words, usage as a sentence and a meter. */
.account-list, .account-summary { list-style: none; margin: 0; padding: 0; }
.account-list > li + li { margin-top: 1rem; }
.account-summary > li { padding-block: .5rem; border-bottom: 1px solid var(--line); }
.account-summary > li:first-child { padding-top: 0; }
.account-summary + .button { margin-top: 1rem; }
.account-head { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem .75rem; }
.account-head h3 { margin: 0; overflow-wrap: anywhere; }
.account .notice { margin: .75rem 0; }
.account .notice p { margin: 0 0 .5rem; }
.break-anywhere { overflow-wrap: anywhere; }
.badge { display: inline-block; font-size: .85rem; font-weight: 700; padding: .1rem .55rem; border-radius: 999px; border: 2px solid; }
.badge-ok { color: var(--ok-line); background: var(--ok-bg); border-color: var(--ok-line); }
.badge-warning { color: var(--warn-line); background: var(--warn-bg); border-color: var(--warn-line); }
.usage { margin-block: .75rem; }
.usage-text { margin: 0 0 .25rem; }
.usage meter { display: block; width: 100%; max-width: 28rem; height: 1rem; }
.account-details { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .75rem 0 1rem; }
.account-details dd { margin: 0; overflow-wrap: anywhere; }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem .75rem; }
.inline-form { display: inline; margin: 0; }
.permissions { padding-left: 1.25rem; }
.permissions li { margin-bottom: .5rem; }
.checkbox-field { display: grid; grid-template-columns: auto 1fr; gap: 0 .6rem; align-items: start; }
.checkbox-field input { width: 1.25rem; height: 1.25rem; margin: .15rem 0 0; }
.checkbox-field label { margin: 0; }
.checkbox-field .hint { grid-column: 2; }
fieldset { border: 0; padding: 0; margin: 0 0 .5rem; }
legend { font-weight: 700; padding: 0; margin-bottom: .25rem; }
.gap-fields .field { margin-bottom: .75rem; }
.policy section { margin-bottom: 1.5rem; }
.policy ul { padding-left: 1.25rem; }
.site-footer { border-top: 1px solid var(--line); background: var(--card); padding-block: 1rem; font-size: .95rem; }
/* Phones: each token row becomes a small card, its cells labelled from data-label. */
@media (max-width: 560px) {
  .account-details { grid-template-columns: 1fr; }
  .account-details dd { margin-bottom: .35rem; }
  .stack-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .stack-table, .stack-table tbody, .stack-table tr, .stack-table td { display: block; }
  .stack-table tr { border-bottom: 1px solid var(--line); padding-block: .5rem; }
  .stack-table td { border: 0; padding: .2rem 0; }
  .stack-table td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
}
@media (max-width: 480px) {
  h1 { font-size: 1.5rem; }
  button, .button { width: 100%; text-align: center; }
  .site-nav button, td button, .account-head .badge { width: auto; }
  .actions, .inline-form { display: block; }
  .actions > * + * { margin-top: .5rem; }
}
`;
