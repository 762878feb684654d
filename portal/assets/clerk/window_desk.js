// The window part of the workbench: sign in to a window, then call, recall,
// mark arrived or absent, transfer, end a consultation, pause, resume and
// sign out — each one POST /api/v1/windows/{id}/…; the server answers 409
// for an action the window's state does not allow, and its words are shown.
// The visitor being served is shown as the server gives them: masked.
import { api, ApiError } from '../js/api.js';
import { kWindowState } from '../js/zh.js';

const $ = (id) => document.getElementById(id);
const kRefreshMs = 10000;

export class WindowDesk {
  // who: the signed-in person.
  constructor(who) {
    this.who = who;
    this.window = null;
    this.timer = null;
    $('window-sign-in').addEventListener('click', () => this.signIn());
    const actions = {
      'call-next': 'call-next', recall: 'recall', arrive: 'arrive', 'no-show': 'no-show',
      pause: 'pause', resume: 'resume', 'window-sign-out': 'sign-out',
    };
    for (const [button, action] of Object.entries(actions)) {
      $(button).addEventListener('click', () => this.act(action));
    }
    $('transfer').addEventListener('click', () => this.act('transfer', { queue: $('transfer-queue').value }));
    $('end-consult').addEventListener('click', () => this.act('end', { outcome: 'consultation' }));
  }

  // The window this clerk is signed in to, if any; else the sign-in form.
  async start() {
    const [windows, queues] = await Promise.all([api('/api/v1/windows'), api('/api/v1/queues')]);
    $('transfer-queue').replaceChildren(...queues.map((q) => new Option(`转至 ${q.name}`, q.id)));
    const mine = windows.find((w) => w.clerk === this.who.login);
    if (mine) {
      this.show(mine);
      return;
    }
    const free = windows.filter((w) => w.state === 'offline');
    $('window-select').replaceChildren(...free.map((w) => new Option(`${w.number} 号窗口（${w.id}）`, w.id)));
    this.show(null);
  }

  windowId() {
    return this.window?.id ?? null;
  }

  async signIn() {
    await this.run(async () => {
      const id = $('window-select').value;
      this.show(await api(`/api/v1/windows/${encodeURIComponent(id)}/sign-in`, { method: 'POST', body: {} }));
    });
  }

  async act(action, body = {}) {
    await this.run(async () => {
      const id = encodeURIComponent(this.window.id);
      const answer = await api(`/api/v1/windows/${id}/${action}`, { method: 'POST', body });
      if (action === 'call-next' && answer === null) {
        this.problem('当前没有等候的群众');
      }
      if (action === 'sign-out') {
        this.window = null;
        await this.start();
        return;
      }
      await this.refresh();
    });
  }

  async run(step) {
    this.problem('');
    try {
      await step();
    } catch (e) {
      this.problem(e instanceof ApiError ? e.message : String(e));
    }
  }

  problem(text) {
    $('window-problem').textContent = text ?? '';
    $('window-problem').hidden = !text;
  }

  async refresh() {
    clearTimeout(this.timer);
    if (!this.window) return;
    try {
      this.show(await api(`/api/v1/windows/${encodeURIComponent(this.window.id)}`));
    } catch (e) {
      if (e.status === 401) location.reload();
    }
  }

  async show(window) {
    this.window = window;
    $('window-choose').hidden = Boolean(window);
    $('window-desk').hidden = !window;
    if (!window) return;
    $('window-title').textContent = `${window.number} 号窗口`;
    $('window-state').textContent = kWindowState[window.state] ?? window.state;
    $('window-state').dataset.state = window.state;
    $('ticket-number').textContent = window.ticketNumber ?? '—';
    const busy = window.state === 'calling' || window.state === 'serving';
    $('call-next').disabled = window.state !== 'idle';
    for (const id of ['recall', 'arrive', 'no-show']) $(id).disabled = window.state !== 'calling';
    for (const id of ['transfer', 'end-consult']) $(id).disabled = !busy;
    $('pause').hidden = window.state === 'paused';
    $('resume').hidden = window.state !== 'paused';
    let ticket = null;
    if (window.ticket) {
      ticket = await api(`/api/v1/tickets/${encodeURIComponent(window.ticket)}`).catch(() => null);
    }
    const facts = ticket ? [ticket.queueName, ticket.idNumber, ticket.phone].filter(Boolean) : [];
    $('visitor-facts').textContent = facts.join(' · ');
    this.timer = setTimeout(() => this.refresh(), kRefreshMs);
  }
}
