// @ts-check
import { api, ApiError } from './api.js';
import { announce, get, h } from './dom.js';
import { characterCounter, clearErrors, field, formError, showErrors } from './forms.js';
import { t } from './i18n.js';

/** @typedef {import('./api.js').Coo} Coo */

/** @typedef {import('./text.js').Counting} Counting */
/**
 * What a compose box needs that a first page does not: how long a coo may be and how its length counts (the server's
 * limits, links.js), and the image picker.
 * @typedef {{ counting: Counting, attachmentPicker: typeof import('./attachments.js').attachmentPicker }} Composer
 */

/** @type {Promise<Composer> | null} */
let composer = null;

/**
 * Loaded once per page load, when a compose box is first shown (and again after a failure).
 * @returns {Promise<Composer>}
 */
export function loadComposer() {
  composer ??= Promise.all([api.cooLimits(), import('./links.js'), import('./attachments.js')])
    .then(([limits, { lengthWithLinks }, { attachmentPicker }]) => ({
      counting: { ...limits, lengthOf: (/** @type {string} */ text) => lengthWithLinks(text, limits.charactersPerUrl) },
      attachmentPicker,
    }))
    .catch(error => {
      composer = null;
      throw error;
    });
  return composer;
}

/**
 * A form to write a coo, or a reply to inReplyTo: a live character counter, Ctrl+Enter sends, and a retry after a lost
 * answer returns the first coo instead of posting it twice. With withImages, up to four images go with it, each with
 * its alt text.
 * @param {Composer} composer
 * @param {(coo: Coo) => void} onPosted
 * @param {{
 *   formLabel: string, label: string, submitText: string, postedText: string, className: string,
 *   idPrefix?: string, inReplyTo?: Coo, actions?: HTMLElement[], withImages?: boolean,
 * }} options
 */
export function composeForm({ counting, attachmentPicker }, onPosted, { formLabel, label, submitText, postedText, className, idPrefix = 'field', inReplyTo, actions = [], withImages = false }) {
  const error = formError();
  const textField = field({ name: 'text', label, multiline: true, idPrefix });
  const textarea = get(textField, 'textarea', HTMLTextAreaElement);
  const submit = h('button', { type: 'submit', disabled: true }, submitText);
  // Images may go without text, as the server allows.
  const images = withImages ? attachmentPicker(idPrefix, () => update()) : null;
  // One key per coo sent (its text and images): a retry after a lost answer returns the first coo instead of posting
  // it twice.
  let idempotencyKey = '';
  /** @type {string | null} */
  let keyedCoo = null;
  // While a coo is being sent, nothing (typing, an image added or removed) makes the button send another.
  let sending = false;
  const { counter, update } = characterCounter(textarea, counting, result => {
    submit.disabled = sending || !result.fits || (result.empty && (images?.count() ?? 0) === 0);
  });

  const form = h('form', { class: className, 'aria-label': formLabel, novalidate: true, onSubmit: async event => {
    event.preventDefault();
    if (submit.disabled) return;
    clearErrors(form);
    if (images && !images.checkDescriptions()) return;
    sending = true;
    submit.disabled = true;
    try {
      const mediaIds = images ? await images.upload() : [];
      if (mediaIds === null) return;
      const sent = JSON.stringify([textarea.value, mediaIds]);
      if (keyedCoo !== sent) {
        idempotencyKey = randomKey();
        keyedCoo = sent;
      }
      const coo = await api.postCoo(textarea.value, idempotencyKey, inReplyTo?.id ?? null, mediaIds);
      keyedCoo = null;
      textarea.value = '';
      images?.clear();
      // Focus was on an alt text field that is gone now: back to writing.
      if (!form.contains(document.activeElement)) textarea.focus();
      onPosted(coo);
      announce(postedText);
    } catch (failure) {
      // An upload the server no longer has (unposted for a day) is sent again on the next try.
      if (failure instanceof ApiError && failure.problem?.type?.startsWith('urn:coo:problem:media.')) images?.forgetUploads();
      showErrors(form, failure);
    } finally {
      sending = false;
      update();
    }
  } },
  error, textField, images?.element, h('div', { class: 'form-row' }, images?.addButton, counter, ...actions, submit));
  // From the text or an image's alt text alike.
  form.addEventListener('keydown', event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && event.target instanceof HTMLTextAreaElement) form.requestSubmit();
  });
  return form;
}

/**
 * A modal dialog that shows the coo replied to above a form for the reply; closing it returns focus to opener.
 * @param {Coo} parent
 * @param {HTMLElement} opener
 * @param {(reply: Coo) => void} onReplied
 */
export async function openReplyDialog(parent, opener, onReplied) {
  const loaded = await loadComposer();
  const titleId = 'reply-title';
  const cancel = h('button', { type: 'button', class: 'secondary', onClick: () => dialog.close() }, t('cancel'));
  const form = composeForm(loaded, reply => {
    dialog.close();
    onReplied(reply);
  }, {
    formLabel: t('replyForm'), label: t('replyLabel'), submitText: t('reply'), postedText: t('replyPosted'),
    className: 'compose reply-compose', idPrefix: 'reply', inReplyTo: parent, actions: [cancel],
  });
  const dialog = h('dialog', { class: 'reply-dialog', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, t('replyTo', { name: parent.author.displayName })),
    h('blockquote', { class: 'reply-parent' },
      h('p', { class: 'coo-head' }, h('span', { class: 'name' }, parent.author.displayName), ' ', h('span', { class: 'handle' }, `@${parent.author.username}`)),
      h('p', { class: 'coo-text' }, parent.text)),
    form);
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener.focus();
  }, { once: true });
  document.body.append(dialog);
  dialog.showModal();
  get(form, 'textarea', HTMLTextAreaElement).focus();
}

function randomKey() {
  // crypto.randomUUID exists only in secure contexts; plain http on a LAN address is not one.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), byte => byte.toString(16).padStart(2, '0')).join('');
}
