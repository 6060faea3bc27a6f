// @ts-check
import { api, ApiError } from './api.js';
import { announce, h } from './dom.js';
import { describeError } from './forms.js';
import { t } from './i18n.js';

// What the server takes (the Media module): it tells the format by the content; these checks only answer sooner.
const acceptedTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
const maxMegabytes = 10;
const maxImages = 4;
const maxDescriptionLength = 1500;

/**
 * One image to post: the file, its part of the form, and what the server took of it (kept, so that a post retried
 * after a failure does not upload it again unless its alt text changed).
 * @typedef {{
 *   file: File, group: HTMLFieldSetElement, legend: HTMLLegendElement, description: HTMLTextAreaElement,
 *   descriptionError: HTMLElement, fileError: HTMLElement, remove: HTMLButtonElement,
 *   uploaded: { id: string, description: string } | null,
 * }} Attachment
 */

/**
 * @typedef {{
 *   element: HTMLElement,
 *   addButton: HTMLButtonElement,
 *   count(): number,
 *   checkDescriptions(): boolean,
 *   upload(): Promise<string[] | null>,
 *   forgetUploads(): void,
 *   clear(): void,
 * }} AttachmentPicker
 */

/**
 * The images a coo will carry, at most four, each with a preview, a required alt text field and a button that removes
 * it. They are uploaded when the coo is posted, since an upload needs its alt text.
 * @param {string} idPrefix ids of the picker's fields start with it (two forms may share a page)
 * @param {() => void} onChange called when an image is added or removed
 * @returns {AttachmentPicker}
 */
export function attachmentPicker(idPrefix, onChange) {
  const input = h('input', { type: 'file', accept: acceptedTypes.join(','), multiple: true, hidden: true });
  const addButton = h('button', { type: 'button', class: 'secondary add-images', onClick: () => input.click() }, t('addImages'));
  const pickError = h('p', { class: 'field-error', id: `${idPrefix}-images-error`, role: 'alert' });
  const list = h('div', { class: 'attachments' });
  const element = h('div', { class: 'attachment-picker' }, input, pickError, list);
  addButton.setAttribute('aria-describedby', pickError.id);
  /** @type {Attachment[]} */
  let attachments = [];
  let created = 0;

  input.addEventListener('change', () => {
    add([...(input.files ?? [])]);
    input.value = '';
  });

  /** @param {File[]} files */
  function add(files) {
    const room = maxImages - attachments.length;
    /** @type {string[]} */
    const problems = files.length > room ? [t('tooManyImages', { count: maxImages })] : [];
    /** @type {Attachment[]} */
    const added = [];
    for (const file of files.slice(0, room)) {
      if (!acceptedTypes.includes(file.type)) problems.push(t('notAnImage', { name: file.name }));
      else if (file.size > maxMegabytes * 1024 * 1024) problems.push(t('imageTooLarge', { name: file.name, size: maxMegabytes }));
      else added.push(attachment(file));
    }
    attachments = [...attachments, ...added];
    pickError.textContent = problems.join(' ');
    render();
    // What the person does next is describe the picture.
    added[0]?.description.focus();
  }

  /** @param {File} file */
  function attachment(file) {
    const id = `${idPrefix}-image-${++created}`;
    const preview = h('img', { class: 'attachment-preview', alt: '' });
    const reader = new FileReader();
    // A data: URL, which the page's Content-Security-Policy allows for images (blob: it does not).
    reader.addEventListener('load', () => { if (typeof reader.result === 'string') preview.src = reader.result; });
    reader.readAsDataURL(file);
    const descriptionError = h('p', { class: 'field-error', id: `${id}-description-error` });
    const fileError = h('p', { class: 'field-error', id: `${id}-file-error` });
    const description = h('textarea', {
      id: `${id}-description`, name: `${id}-description`, rows: 2, required: true, maxlength: maxDescriptionLength,
      'aria-describedby': `${id}-hint ${descriptionError.id}`,
    });
    const legend = h('legend', {});
    const remove = h('button', { type: 'button', class: 'secondary', 'aria-describedby': fileError.id });
    const group = h('fieldset', { class: 'attachment' },
      legend,
      preview,
      h('div', { class: 'field' },
        h('label', { for: description.id }, t('altText')),
        description,
        h('p', { class: 'hint', id: `${id}-hint` }, t('altTextHint')),
        descriptionError),
      fileError,
      remove);
    /** @type {Attachment} */
    const item = { file, group, legend, description, descriptionError, fileError, remove, uploaded: null };
    remove.addEventListener('click', () => {
      const index = attachments.indexOf(item);
      attachments = attachments.filter(other => other !== item);
      pickError.textContent = '';
      render();
      // Focus stays in the list: on the image that took this one's place, else on the button that adds images.
      (attachments[Math.min(index, attachments.length - 1)]?.remove ?? addButton).focus();
    });
    return item;
  }

  function render() {
    list.replaceChildren(...attachments.map(({ group }) => group));
    attachments.forEach(({ legend, file, remove }, index) => {
      legend.textContent = t('imageNumber', { number: index + 1, name: file.name });
      remove.textContent = t('removeImage', { number: index + 1 });
    });
    addButton.disabled = attachments.length >= maxImages;
    onChange();
  }

  /**
   * @param {HTMLElement} slot
   * @param {HTMLElement | null} control
   * @param {string} message
   */
  function showError(slot, control, message) {
    slot.textContent = message;
    control?.setAttribute('aria-invalid', 'true');
  }

  return {
    element,
    addButton,
    count: () => attachments.length,
    /** Marks every image without alt text and focuses the first; true when all have one. */
    checkDescriptions() {
      const missing = attachments.filter(({ description }) => description.value.trim() === '');
      for (const { description, descriptionError } of missing) showError(descriptionError, description, t('altTextRequired'));
      missing[0]?.description.focus();
      return missing.length === 0;
    },
    /**
     * Uploads the images not uploaded yet (or whose alt text changed), one after another; null when one failed, whose
     * reason then shows at that image.
     */
    async upload() {
      const pending = attachments.filter(item => item.uploaded?.description !== item.description.value);
      if (pending.length > 0) announce(t('uploadingImages', { count: pending.length }));
      for (const item of pending) {
        const description = item.description.value;
        try {
          const media = await api.uploadMedia(item.file, description);
          item.uploaded = { id: media.id, description };
        } catch (failure) {
          const fieldErrors = failure instanceof ApiError ? failure.fieldErrors : {};
          const descriptionProblems = fieldErrors['description'] ?? [];
          if (descriptionProblems.length > 0) {
            showError(item.descriptionError, item.description, descriptionProblems.join(' '));
            item.description.focus();
          } else {
            showError(item.fileError, null, fieldErrors['file']?.join(' ') ?? describeError(failure));
            item.remove.focus();
          }
          return null;
        }
      }
      return attachments.flatMap(({ uploaded }) => (uploaded ? [uploaded.id] : []));
    },
    /** Uploads the server no longer takes (cleaned up after a day unposted) are sent again on the next try. */
    forgetUploads() {
      for (const item of attachments) item.uploaded = null;
    },
    clear() {
      attachments = [];
      pickError.textContent = '';
      render();
    },
  };
}
