// @ts-check
import { api } from './api.js';

/**
 * The viewer's live stream, one per tab: `update` (a coo came into the home timeline, with the coo), `delete` (one
 * left it, with its id), `notification` (notifications changed) and `resync` (events were missed: reload). It is
 * read with fetch rather than EventSource, which cannot send the access token. A dropped stream reconnects with
 * growing pauses and resumes after the last event it got; while it is down, `connected` is false, and views fall
 * back to asking now and then. A stream that opens without an event to resume after tells `resync` too: the server
 * sends only what happens from then on, and views loaded what they show before it opened.
 */
class LiveStream extends EventTarget {
  connected = false;
  /** @type {AbortController | null} */
  #controller = null;
  /** @type {string | null} */
  #lastEventId = null;
  #failures = 0;

  start() {
    if (this.#controller) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.#run(controller.signal);
  }

  stop() {
    this.#controller?.abort();
    this.#controller = null;
    this.#lastEventId = null;
    this.#setConnected(false);
  }

  /** @param {AbortSignal} signal */
  async #run(signal) {
    while (!signal.aborted) {
      try {
        const resumed = this.#lastEventId !== null;
        const response = await api.openStream(this.#lastEventId, signal);
        this.#failures = 0;
        this.#setConnected(true);
        if (!resumed) this.dispatchEvent(new CustomEvent('resync', { detail: null }));
        await this.#read(response, signal);
      } catch {
        this.#failures++;
      }
      this.#setConnected(false);
      if (signal.aborted) return;
      // 1 s, 2 s, 4 s … up to a minute, so that a server coming back is not met by every tab at once.
      const pause = Math.min(60_000, 1000 * 2 ** Math.min(this.#failures, 6)) * (0.5 + Math.random() / 2);
      await new Promise(resolve => setTimeout(resolve, pause));
    }
  }

  /**
   * Splits the body into events (blank-line separated blocks of `field: value` lines).
   * @param {Response} response
   * @param {AbortSignal} signal
   */
  async #read(response, signal) {
    if (!response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    signal.addEventListener('abort', () => reader.cancel().catch(() => {}), { once: true });
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.#dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  /** @param {string} block */
  #dispatch(block) {
    let type = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data += (data ? '\n' : '') + value;
      else if (field === 'id') this.#lastEventId = value;
    }
    if (type === 'heartbeat') return;
    this.dispatchEvent(new CustomEvent(type, { detail: data ? JSON.parse(data) : null }));
  }

  /** @param {boolean} connected */
  #setConnected(connected) {
    if (this.connected === connected) return;
    this.connected = connected;
    this.dispatchEvent(new CustomEvent(connected ? 'connected' : 'disconnected'));
  }
}

export const live = new LiveStream();
