// @ts-check
import { api, ApiError } from '../api.js';
import { announce, find, get, h } from '../dom.js';
import { cooItem, deleteCoo, feed } from '../feed.js';
import { characterCounter, clearErrors, describeError, field, formError, showErrors } from '../forms.js';
import { formatCount, language, t } from '../i18n.js';

/** @typedef {import('../api.js').Coo} Coo */
/** @typedef {import('../api.js').MyProfile} Viewer */

/**
 * A profile at /@username: who they are, counts, follow or edit, and their coos.
 * @param {HTMLElement} main
 * @param {{ viewer: Viewer | null, username: string, setViewer: (viewer: Viewer) => void }} context
 * @returns {Promise<() => void>} stops paging
 */
export async function profileView(main, { viewer, username, setViewer }) {
  /** @type {import('../api.js').UserProfile} */
  let profile;
  try {
    profile = await api.profile(username);
  } catch (error) {
    main.append(h('h1', { tabindex: '-1' }, error instanceof ApiError && error.status === 404 ? t('userNotFound', { username }) : describeError(error)));
    return () => {};
  }

  // The viewer on their own profile, who may edit it.
  const owner = viewer?.id === profile.id ? viewer : null;
  const header = h('section', { class: 'profile-head card' });
  // The pinned coo comes first; only the owner may pin or unpin.
  const pinned = h('ol', { class: 'feed', 'aria-label': t('pinned') });
  const pin = owner ? { pinned: false, onToggle: (/** @type {Coo} */ coo) => togglePin(coo, true) } : undefined;
  /** @type {import('../feed.js').Feed<Coo>} */
  const coos = feed({
    label: t('coosOf', { name: profile.displayName }),
    load: cursor => api.coosOf(profile.username, cursor),
    render: coo => cooItem(coo, { viewer, pin, onDelete: target => deleteCoo(target, coos).then(refreshCounts), onReplied }),
    emptyText: t('noCoosYet'),
  });

  /**
   * A reply the owner posts from their own profile is one of the coos listed here.
   * @param {Coo} reply
   */
  function onReplied(reply) {
    if (!owner) return;
    coos.insert([reply]);
    refreshCounts();
  }

  function renderPinned() {
    const coo = profile.pinnedCoo;
    pinned.replaceChildren(...(coo ? [cooItem(coo, {
      viewer,
      pin: owner ? { pinned: true, onToggle: () => togglePin(coo, false) } : undefined,
      onDelete: target => deleteCoo(target, coos).then(refreshCounts),
    })] : []));
  }

  /**
   * @param {Coo} coo
   * @param {boolean} pinIt
   */
  async function togglePin(coo, pinIt) {
    try {
      if (pinIt) await api.pinCoo(coo.id);
      else await api.unpinCoo();
      announce(t(pinIt ? 'cooPinned' : 'cooUnpinned'));
    } catch (error) {
      announce(describeError(error));
    }
    await refreshCounts();
  }

  function renderHeader() {
    header.replaceChildren(
      // The name beside it says who it is.
      h('img', { class: 'avatar large', src: profile.avatarUrl, alt: '', width: 96, height: 96 }),
      h('h1', { tabindex: '-1' }, profile.displayName),
      h('p', { class: 'handle' }, `@${profile.username}`),
      ...(profile.bio ? [h('p', { class: 'bio' }, profile.bio)] : []),
      h('p', { class: 'muted' }, t('joined', { date: new Intl.DateTimeFormat(language(), { month: 'long', year: 'numeric' }).format(new Date(profile.createdAt)) })),
      h('p', { class: 'counts' },
        h('a', { href: `/@${profile.username}/following` }, h('strong', {}, formatCount(profile.followingCount)), ' ', t('followingLabel')),
        h('a', { href: `/@${profile.username}/followers` }, h('strong', {}, formatCount(profile.followersCount)), ' ', t('followersLabel', { count: profile.followersCount })),
        h('span', {}, h('strong', {}, formatCount(profile.coosCount)), ' ', t('coosLabel', { count: profile.coosCount }))),
      h('div', { class: 'profile-actions' }, owner ? editButton(owner) : viewer ? followButton() : h('a', { class: 'button', href: '/signin' }, t('signInToFollow'))),
      h('p', { class: 'form-error', role: 'alert' }));
  }

  async function refreshCounts() {
    profile = await api.profile(profile.username).catch(() => profile);
    renderHeader();
    renderPinned();
  }

  function followButton() {
    const following = profile.followedByYou === true;
    const button = h('button', { type: 'button', class: following ? 'secondary' : '', 'aria-pressed': String(following), onClick: async () => {
      button.disabled = true;
      try {
        await (following ? api.unfollow : api.follow)(profile.username);
        profile = { ...profile, followedByYou: !following, followersCount: profile.followersCount + (following ? -1 : 1) };
        renderHeader();
        find(header, '.profile-actions button', HTMLButtonElement)?.focus();
        announce(t(following ? 'unfollowed' : 'nowFollowing', { username: profile.username }));
      } catch (error) {
        button.disabled = false;
        get(header, '.form-error', HTMLElement).textContent = describeError(error);
      }
    } }, following ? t('unfollow') : t('follow'));
    return button;
  }

  /** @param {Viewer} me */
  function editButton(me) {
    const button = h('button', { type: 'button', class: 'secondary', onClick: async () => {
      button.disabled = true;
      try {
        const limits = await api.profileLimits();
        header.replaceChildren(editForm(me, limits));
        find(header, 'input', HTMLInputElement)?.focus();
      } catch (error) {
        button.disabled = false;
        get(header, '.form-error', HTMLElement).textContent = describeError(error);
      }
    } }, t('editProfile'));
    return button;
  }

  /**
   * @param {Viewer} me the viewer, who owns this profile
   * @param {import('../api.js').ProfileLimits} limits as the server publishes them
   */
  function editForm(me, limits) {
    const save = h('button', { type: 'submit' }, t('save'));
    const nameField = field({ name: 'displayName', label: t('displayName'), value: profile.displayName, autocomplete: 'name' });
    const bioField = field({ name: 'bio', label: t('bio'), value: profile.bio, multiline: true });
    const nameInput = get(nameField, 'input', HTMLInputElement);
    const bioInput = get(bioField, 'textarea', HTMLTextAreaElement);
    const valid = { displayName: true, bio: true };
    /**
     * @param {HTMLInputElement | HTMLTextAreaElement} control
     * @param {keyof typeof valid} name
     * @param {import('../text.js').TextLimits} fieldLimits
     */
    const attach = (control, name, fieldLimits) => {
      const { counter } = characterCounter(control, fieldLimits, result => {
        valid[name] = result.fits;
        save.disabled = !valid.displayName || !valid.bio;
      });
      control.after(counter);
    };
    attach(nameInput, 'displayName', limits.displayName);
    attach(bioInput, 'bio', limits.bio);
    const form = h('form', { 'aria-label': t('editProfile'), novalidate: true, onSubmit: async event => {
      event.preventDefault();
      clearErrors(form);
      save.disabled = true;
      try {
        const updated = await api.updateMe({ displayName: nameInput.value, bio: bioInput.value });
        profile = { ...profile, displayName: updated.displayName, bio: updated.bio };
        setViewer({ ...me, displayName: updated.displayName });
        renderHeader();
        get(header, 'h1', HTMLElement).focus();
        announce(t('profileSaved'));
      } catch (error) {
        showErrors(form, error);
      } finally {
        save.disabled = false;
      }
    } },
    h('h1', { tabindex: '-1' }, t('editProfile')),
    formError(), avatarField(me), nameField, bioField,
    h('div', { class: 'form-row' },
      h('button', { type: 'button', class: 'secondary', onClick: () => { renderHeader(); find(header, 'button', HTMLButtonElement)?.focus(); } }, t('cancel')),
      save));
    return form;
  }

  /**
   * The owner's picture, changed at once rather than with the form: a chosen image is uploaded (the server takes its
   * middle square), and Remove brings back the generated one.
   * @param {Viewer} me
   */
  function avatarField(me) {
    const preview = h('img', { class: 'avatar large', src: profile.avatarUrl, alt: t('currentAvatar'), width: 96, height: 96 });
    const error = h('p', { class: 'form-error', role: 'alert' });
    /** @param {() => Promise<import('../api.js').Avatar>} change @param {import('../i18n.js').TextKey} done */
    const apply = async (change, done) => {
      input.disabled = remove.disabled = true;
      error.textContent = '';
      try {
        const avatar = await change();
        profile = { ...profile, ...avatar };
        setViewer({ ...me, ...avatar });
        preview.src = avatar.avatarUrl;
        announce(t(done));
      } catch (failure) {
        error.textContent = describeError(failure);
      } finally {
        input.disabled = remove.disabled = false;
        input.value = '';
      }
    };
    const input = h('input', { type: 'file', id: 'avatar-file', accept: 'image/jpeg,image/png,image/webp,image/gif', onChange: () => {
      const file = input.files?.[0];
      if (file) apply(() => api.setAvatar(file), 'avatarSaved');
    } });
    const remove = h('button', { type: 'button', class: 'secondary', onClick: () => apply(api.removeAvatar, 'avatarRemoved') }, t('removeAvatar'));
    return h('fieldset', { class: 'avatar-field' },
      h('legend', {}, t('avatar')),
      preview,
      h('div', {}, h('label', { for: 'avatar-file' }, t('chooseAvatar')), input, remove),
      error);
  }

  renderHeader();
  renderPinned();
  main.append(header, h('h2', {}, t('coosHeading')), pinned, coos.element);
  coos.start();
  return () => coos.stop();
}
