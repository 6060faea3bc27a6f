import { api } from '../api.js';
import { announce, h } from '../dom.js';
import { cooItem, deleteCoo, feed } from '../feed.js';
import { characterCounter, clearErrors, describeError, field, formError, showErrors } from '../forms.js';
import { language, t } from '../i18n.js';

/** A profile at /@username: who they are, counts, follow or edit, and their coos. */
export async function profileView(main, { viewer, username, setViewer }) {
  let profile;
  try {
    profile = await api.get(`/users/${encodeURIComponent(username)}`);
  } catch (error) {
    main.append(h('h1', { tabindex: '-1' }, error.status === 404 ? t('userNotFound', { username }) : describeError(error)));
    return () => {};
  }

  const own = viewer?.id === profile.id;
  const header = h('section', { class: 'profile-head card' });
  const coos = feed({
    label: t('coosOf', { name: profile.displayName }),
    load: cursor => api.get(`/users/${encodeURIComponent(profile.username)}/coos?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    render: coo => cooItem(coo, { viewer, onDelete: target => deleteCoo(target, coos).then(refreshCounts) }),
    emptyText: t('noCoosYet'),
  });

  function renderHeader() {
    header.replaceChildren(
      h('h1', { tabindex: '-1' }, profile.displayName),
      h('p', { class: 'handle' }, `@${profile.username}`),
      profile.bio ? h('p', { class: 'bio' }, profile.bio) : null,
      h('p', { class: 'muted' }, t('joined', { date: new Intl.DateTimeFormat(language(), { month: 'long', year: 'numeric' }).format(new Date(profile.createdAt)) })),
      h('p', { class: 'counts' },
        h('a', { href: `/@${profile.username}/following` }, h('strong', {}, formatCount(profile.followingCount)), ' ', t('followingLabel')),
        h('a', { href: `/@${profile.username}/followers` }, h('strong', {}, formatCount(profile.followersCount)), ' ', t('followersLabel', { count: profile.followersCount })),
        h('span', {}, h('strong', {}, formatCount(profile.coosCount)), ' ', t('coosLabel', { count: profile.coosCount }))),
      h('div', { class: 'profile-actions' }, own ? editButton() : viewer ? followButton() : h('a', { class: 'button', href: '/signin' }, t('signInToFollow'))),
      h('p', { class: 'form-error', role: 'alert' }));
  }

  async function refreshCounts() {
    profile = await api.get(`/users/${encodeURIComponent(profile.username)}`).catch(() => profile);
    renderHeader();
  }

  function followButton() {
    const following = profile.followedByYou === true;
    return h('button', { type: 'button', class: following ? 'secondary' : '', 'aria-pressed': String(following), onClick: async event => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        await (following ? api.delete : api.put)(`/users/${encodeURIComponent(profile.username)}/follow`);
        profile = { ...profile, followedByYou: !following, followersCount: profile.followersCount + (following ? -1 : 1) };
        renderHeader();
        header.querySelector('.profile-actions button')?.focus();
        announce(t(following ? 'unfollowed' : 'nowFollowing', { username: profile.username }));
      } catch (error) {
        button.disabled = false;
        header.querySelector('.form-error').textContent = describeError(error);
      }
    } }, following ? t('unfollow') : t('follow'));
  }

  function editButton() {
    return h('button', { type: 'button', class: 'secondary', onClick: () => {
      header.replaceChildren(editForm());
      header.querySelector('input')?.focus();
    } }, t('editProfile'));
  }

  function editForm() {
    const save = h('button', { type: 'submit' }, t('save'));
    const nameField = field({ name: 'displayName', label: t('displayName'), value: profile.displayName, autocomplete: 'name' });
    const bioField = field({ name: 'bio', label: t('bio'), value: profile.bio, multiline: true });
    const valid = { displayName: true, bio: true };
    const attach = (container, name, maxLength) => {
      const control = container.querySelector('input, textarea');
      const { counter } = characterCounter(control, maxLength, result => {
        valid[name] = result.fits;
        save.disabled = !valid.displayName || !valid.bio;
      });
      control.after(counter);
    };
    attach(nameField, 'displayName', 50);
    attach(bioField, 'bio', 160);
    const form = h('form', { 'aria-label': t('editProfile'), novalidate: true, onSubmit: async event => {
      event.preventDefault();
      clearErrors(form);
      save.disabled = true;
      try {
        const updated = await api.patch('/users/me', { displayName: form.elements.displayName.value, bio: form.elements.bio.value });
        profile = { ...profile, displayName: updated.displayName, bio: updated.bio };
        setViewer({ ...viewer, displayName: updated.displayName });
        renderHeader();
        header.querySelector('h1').focus();
        announce(t('profileSaved'));
      } catch (error) {
        showErrors(form, error);
      } finally {
        save.disabled = false;
      }
    } },
    h('h1', { tabindex: '-1' }, t('editProfile')),
    formError(), nameField, bioField,
    h('div', { class: 'form-row' },
      h('button', { type: 'button', class: 'secondary', onClick: () => { renderHeader(); header.querySelector('button')?.focus(); } }, t('cancel')),
      save));
    return form;
  }

  renderHeader();
  main.append(header, h('h2', {}, t('coosHeading')), coos.element);
  coos.start();
  return () => coos.stop();
}

function formatCount(value) {
  return new Intl.NumberFormat(language(), { notation: value >= 10000 ? 'compact' : 'standard' }).format(value);
}
