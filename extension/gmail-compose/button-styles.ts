/**
 * The button's look, inside its shadow root: Gmail's styles cannot reach in, ours cannot leak out.
 * `all: initial` also stops the fonts and colours the host would inherit from Gmail. Applied as a
 * constructed stylesheet, which a page's Content-Security-Policy does not restrict.
 */
export const BUTTON_CSS = `
:host {
  all: initial;
  display: inline-block;
  vertical-align: middle;
  margin: 0 8px;
  font: 500 14px/20px 'Google Sans', Roboto, Arial, sans-serif;
  color: #1f1f1f;
}
button {
  font: inherit;
  color: inherit;
  cursor: pointer;
}
.export {
  display: inline-flex;
  align-items: center;
  gap: 6px;
  height: 36px;
  padding: 0 14px 0 10px;
  border: 1px solid #747775;
  border-radius: 18px;
  background: #fff;
  white-space: nowrap;
}
.export:hover { background: #f1f3f4; }
.export:focus-visible, .item:focus-visible, .dismiss:focus-visible {
  outline: 2px solid #0b57d0;
  outline-offset: 2px;
}
.logo {
  display: inline-grid;
  place-items: center;
  width: 20px;
  height: 20px;
  border-radius: 50%;
  background: #0b57d0;
  color: #fff;
  font-size: 12px;
  font-weight: 700;
}
[popover] {
  inset: auto;
  margin: 0;
  box-sizing: border-box;
  font: 400 14px/20px 'Google Sans', Roboto, Arial, sans-serif;
}
.menu {
  min-width: 240px;
  max-width: 320px;
  max-height: 320px;
  overflow: auto;
  padding: 6px 0;
  border: 0;
  border-radius: 8px;
  background: #fff;
  color: #1f1f1f;
  box-shadow: 0 2px 6px 2px rgb(60 64 67 / 15%), 0 1px 2px rgb(60 64 67 / 30%);
}
.heading {
  margin: 0;
  padding: 6px 16px;
  color: #444746;
  font-size: 12px;
  font-weight: 500;
}
.item {
  display: block;
  width: 100%;
  padding: 8px 16px;
  border: 0;
  background: none;
  text-align: left;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}
.item:hover, .item:focus { background: #e8eaed; outline: none; }
.item.back { color: #0b57d0; }
.note { margin: 0; padding: 8px 16px; color: #444746; }
.toast {
  display: none;
  max-width: 380px;
  padding: 12px 16px;
  border: 0;
  border-radius: 8px;
  background: #1f1f1f;
  color: #fff;
  box-shadow: 0 2px 6px 2px rgb(60 64 67 / 15%);
}
.toast:popover-open { display: flex; gap: 12px; align-items: flex-start; }
.toast[data-tone='error'] { background: #8c1d18; }
.toast .text { flex: 1; }
.dismiss {
  flex: none;
  padding: 0;
  border: 0;
  background: none;
  color: #a8c7fa;
  font-weight: 500;
}
`;
