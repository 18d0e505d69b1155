// Gmail's "Compose" opens another compose window beside the open ones, drawn after page load,
// the way Gmail draws them. Copies the markup of the first full compose window on /mail/u/0/.
'use strict';

const TEMPLATE = `
<div role="dialog" class="nH Hd" aria-label="New Message">
  <div class="nH">
    <div class="aYF">New Message</div>
    <form class="bAs" method="POST"><input name="subjectbox" class="aoT" placeholder="Subject" aria-label="Subject" /></form>
    <table class="iN"><tbody><tr><td class="Ap"><div class="Ar Au">
      <div class="Am aiL Al editable LW-avf tS-tW" aria-label="Message Body" g_editable="true" role="textbox" aria-multiline="true" contenteditable="true" tabindex="1"><br></div>
    </div></td></tr></tbody></table>
    <table class="IZ"><tbody><tr class="btC">
      <td class="gU Up"><div class="J-J5-Ji btA"><div class="dC">
        <div role="button" class="T-I J-J5-Ji aoO v7 T-I-atl L3" tabindex="1" data-tooltip="Send ‪(Ctrl-Enter)‬" aria-label="Send ‪(Ctrl-Enter)‬">Send</div>
        <div role="button" class="T-I J-J5-Ji hG T-I-atl L3" aria-label="More send options">▾</div>
      </div></div></td>
      <td class="gU a0z"><div role="button" class="icon" aria-label="Formatting options">A</div></td>
    </tr></tbody></table>
  </div>
</div>`;

let opened = 0;
document.querySelector('[data-testid="fixture-compose"]').addEventListener('click', () => {
  opened += 1;
  // Gmail builds the window in a few steps; the button must wait for the toolbar.
  const holder = document.createElement('div');
  holder.innerHTML = TEMPLATE;
  const dialog = holder.firstElementChild;
  dialog.setAttribute('data-testid', `fixture-compose-window-${opened}`);
  const toolbar = dialog.querySelector('table.IZ');
  toolbar.remove();
  document.querySelector('.dw').prepend(dialog);
  setTimeout(() => dialog.querySelector('.nH').append(toolbar), 50);
});
