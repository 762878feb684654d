// The data of display messages in one shape for the pages. The protocol
// lets the server add members and name a few two ways (a call's `number`
// or `ticket`; a window's `idle|calling|serving|paused|offline` or
// `open|paused|closed`), so the pages read them here and nowhere else.

const kTicketNumber = /^[A-Z]\d{3,}$/;

function ticketNumberOf(data) {
  if (data.ticketNumber) return data.ticketNumber;
  // `ticket` is a number ("A001") in display messages, an id in REST answers.
  return typeof data.ticket === 'string' && kTicketNumber.test(data.ticket) ? data.ticket : '';
}

// { number, queue, queueName, window, windowNumber, zone, recall, at }
export function callFrom(data, sentAt) {
  return {
    number: data.number ?? ticketNumberOf(data),
    queue: data.queue ?? '',
    queueName: data.queueName ?? '',
    window: data.window ?? '',
    windowNumber: data.windowNumber ?? null,
    zone: data.zone ?? '',
    recall: Boolean(data.recall),
    at: data.at ?? sentAt ?? Date.now(),
  };
}

// { window, windowNumber, state, clerk, ticketNumber } from a window message
// or a REST window; members the data lacks are left out, so that merging
// keeps what is known. `previous` decides what "open" with a ticket means.
export function windowFrom(data, previous = {}) {
  const w = {};
  const id = data.window ?? data.id;
  if (id) w.window = id;
  const number = data.windowNumber ?? data.number;
  if (number !== undefined && number !== null) w.windowNumber = number;
  if ('clerk' in data) w.clerk = data.clerk ?? '';
  if ('ticketNumber' in data || 'ticket' in data) w.ticketNumber = ticketNumberOf(data);
  switch (data.state) {
    case undefined:
      break;
    case 'closed':
      w.state = 'offline';
      break;
    case 'open':
      if (!w.ticketNumber) w.state = 'idle';
      else w.state = previous.state === 'calling' && previous.ticketNumber === w.ticketNumber ? 'calling' : 'serving';
      break;
    default:
      w.state = data.state;
  }
  return w;
}

// The queues known so far with an update merged in by id: an update that
// carries only {id, name, waiting} keeps the prefix, hours and estimate
// known from before. The update's order and membership win.
export function mergeQueues(known, update) {
  if (!Array.isArray(update)) return known;
  const byId = new Map((known ?? []).map((q) => [q.id, q]));
  return update.map((q) => {
    const merged = { ...(byId.get(q.id) ?? { open: true }) };
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null) merged[k] = v;
    return merged;
  });
}
