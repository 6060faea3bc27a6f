// @ts-check
// A tiny element builder. Text always goes in as text nodes, never as HTML, so user content cannot inject markup.

/** @typedef {string | number | boolean | null | undefined | ((event: Event) => unknown)} PropValue */
/** @typedef {Record<string, PropValue>} Props Attributes; `on…` names take listeners, `class` and `value` set properties. */
/** @typedef {Node | string | false | null | undefined | Child[]} Child Nested arrays are flattened; empty values are left out. */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props | null} props
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      if (name.startsWith('on')) element.addEventListener(name.slice(2).toLowerCase(), value);
      else throw new TypeError(`${name} takes no function; only on… names take listeners`);
    } else if (name === 'class') element.className = String(value);
    else if (name === 'value' && (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) element.value = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  appendChildren(element, children);
  return element;
}

/**
 * @param {Element} parent
 * @param {Child[]} children
 */
function appendChildren(parent, children) {
  for (const child of children) {
    if (Array.isArray(child)) appendChildren(parent, child);
    else if (child !== null && child !== undefined && child !== false) parent.append(child);
  }
}

/**
 * A user's small avatar, beside their name (which says who it is, so the picture itself says nothing to screen
 * readers); sized before it loads.
 * @param {{ avatarSmallUrl: string }} user
 * @param {number} size CSS pixels
 */
export function avatarImage(user, size) {
  return h('img', { class: 'avatar', src: user.avatarSmallUrl, alt: '', width: size, height: size, loading: 'lazy', decoding: 'async' });
}

/**
 * The element with this id, which the page shell (index.html) guarantees to be of the given type.
 * @template {Element} E
 * @param {string} id
 * @param {abstract new () => E} type
 * @returns {E}
 */
export function byId(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new TypeError(`#${id} is not a ${type.name}`);
  return element;
}

/**
 * The first element under root matching selector, of the given type; null when there is none.
 * @template {Element} E
 * @param {ParentNode} root
 * @param {string} selector
 * @param {abstract new () => E} type
 * @returns {E | null}
 */
export function find(root, selector, type) {
  const element = root.querySelector(selector);
  return element instanceof type ? element : null;
}

/**
 * Like find, for elements the code itself built: a missing one is a bug.
 * @template {Element} E
 * @param {ParentNode} root
 * @param {string} selector
 * @param {abstract new () => E} type
 * @returns {E}
 */
export function get(root, selector, type) {
  const element = find(root, selector, type);
  if (!element) throw new TypeError(`no ${type.name} matches ${selector}`);
  return element;
}

/**
 * Tells screen readers something happened (a polite live region).
 * @param {string} message
 */
export function announce(message) {
  const region = byId('announcer', HTMLElement);
  region.textContent = '';
  // A fresh text node in a later frame is announced even when the message repeats.
  requestAnimationFrame(() => { region.textContent = message; });
}

/**
 * Asks for confirmation in the page's modal dialog; resolves true when confirmed.
 * @param {{ title: string, text: string, confirm: string, cancel: string }} texts
 * @returns {Promise<boolean>}
 */
export function confirmDialog({ title, text, confirm, cancel }) {
  const dialog = byId('confirm', HTMLDialogElement);
  byId('confirm-title', HTMLElement).textContent = title;
  byId('confirm-text', HTMLElement).textContent = text;
  byId('confirm-ok', HTMLButtonElement).textContent = confirm;
  const cancelButton = byId('confirm-cancel', HTMLButtonElement);
  cancelButton.textContent = cancel;
  dialog.returnValue = '';
  dialog.showModal();
  cancelButton.focus();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}
