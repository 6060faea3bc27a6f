// A tiny element builder. Text always goes in as text nodes, never as HTML, so user content cannot inject markup.
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'class') element.className = value;
    else if (name === 'value') element.value = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.flat(Infinity).filter(child => child !== null && child !== undefined && child !== false));
  return element;
}

const announcer = () => document.getElementById('announcer');

/** Tells screen readers something happened (a polite live region). */
export function announce(message) {
  const region = announcer();
  region.textContent = '';
  // A fresh text node in a later frame is announced even when the message repeats.
  requestAnimationFrame(() => { region.textContent = message; });
}

/** Asks for confirmation in the page's modal dialog; resolves true when confirmed. */
export function confirmDialog({ title, text, confirm, cancel }) {
  const dialog = document.getElementById('confirm');
  dialog.querySelector('#confirm-title').textContent = title;
  dialog.querySelector('#confirm-text').textContent = text;
  dialog.querySelector('#confirm-ok').textContent = confirm;
  dialog.querySelector('#confirm-cancel').textContent = cancel;
  dialog.returnValue = '';
  dialog.showModal();
  dialog.querySelector('#confirm-cancel').focus();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}
