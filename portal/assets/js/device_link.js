// The device side of the hall's device protocol: who this device is (from
// the page's ?device=…&key=…), the Authorization header its REST calls
// carry, and its WebSocket to /ws/devices — register, heartbeat, display
// messages, and reconnecting with backoff when the socket drops.

const kSoftware = 'hall-pages/1';
const kFirstRetryMs = 1000;
const kLongestRetryMs = 15000;

// { deviceId, key } from the page's query string, or null when either is missing.
export function deviceCredentials(search = window.location.search) {
  const params = new URLSearchParams(search);
  const deviceId = params.get('device') ?? '';
  const key = params.get('key') ?? '';
  return deviceId && key ? { deviceId, key } : null;
}

export function deviceAuthorization(credentials) {
  return `Device ${credentials.deviceId}:${credentials.key}`;
}

function socketUrl() {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/ws/devices`;
}

// Keeps one registered socket open for as long as the page lives.
//
//   onState(state, detail): 'connecting' | 'online' | 'reconnecting' | 'unauthorized'
//   onRegistered(info):     the server's registered message (kind, zone, window …)
//   onDisplay(topic, data, sentAt): each display message
//
// A `reload` command reloads the page (new pages after an upgrade). Once
// the server has acknowledged a heartbeat, a socket that hears nothing for
// three heartbeats is taken for dead (a half-open connection) and replaced.
export class DeviceLink {
  constructor(credentials, { onState = () => {}, onRegistered = () => {}, onDisplay = () => {} }) {
    this.credentials = credentials;
    this.onState = onState;
    this.onRegistered = onRegistered;
    this.onDisplay = onDisplay;
    this.socket = null;
    this.heartbeat = null;
    this.retryMs = kFirstRetryMs;
    this.retryTimer = null;
    this.seq = 0;
    this.refused = false;
    this.lastHeard = 0;
    this.serverAcks = false;
  }

  start() {
    this.onState('connecting');
    this.connect();
  }

  connect() {
    let socket;
    try {
      socket = new WebSocket(socketUrl());
    } catch (e) {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({
        type: 'register',
        deviceId: this.credentials.deviceId,
        key: this.credentials.key,
        software: kSoftware,
      }));
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => {
      this.stopHeartbeat();
      if (this.socket !== socket) return;
      this.socket = null;
      if (!this.refused) this.scheduleRetry();
    });
    // An error is followed by close, which retries.
  }

  receive(text) {
    this.lastHeard = Date.now();
    let message;
    try {
      message = JSON.parse(text);
    } catch (e) {
      console.warn('device link: a message that is not JSON', text);
      return;
    }
    switch (message.type) {
      case 'registered':
        this.retryMs = kFirstRetryMs;
        this.startHeartbeat(message.heartbeatSeconds);
        this.onState('online');
        this.onRegistered(message);
        break;
      case 'display':
        this.onDisplay(message.topic, message.data ?? {}, message.sentAt);
        break;
      case 'heartbeat-ack':
        this.serverAcks = true;
        break;
      case 'command':
        if (message.command === 'reload') window.location.reload();
        break;
      case 'error':
        if (message.code === 'unknown-device' || message.code === 'bad-key') {
          // The server closes after this; trying again would only be refused again.
          this.refused = true;
          this.onState('unauthorized', message.code);
        } else {
          console.warn('device link: the server reports', message);
        }
        break;
      default:
        break;
    }
  }

  startHeartbeat(seconds) {
    this.stopHeartbeat();
    const period = Math.max(1, Number(seconds) || 15) * 1000;
    this.heartbeat = window.setInterval(() => {
      if (this.socket?.readyState === WebSocket.OPEN) {
        if (this.serverAcks && Date.now() - this.lastHeard > 3 * period) {
          const dead = this.socket;
          this.socket = null;
          this.stopHeartbeat();
          dead.close();
          this.scheduleRetry();
          return;
        }
        this.seq += 1;
        this.socket.send(JSON.stringify({ type: 'heartbeat', seq: this.seq }));
      }
    }, period);
  }

  stopHeartbeat() {
    if (this.heartbeat !== null) window.clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  scheduleRetry() {
    this.onState('reconnecting');
    window.clearTimeout(this.retryTimer);
    // Jitter keeps eighty strip screens from reconnecting in one burst.
    const wait = this.retryMs * (0.75 + Math.random() * 0.5);
    this.retryMs = Math.min(this.retryMs * 2, kLongestRetryMs);
    this.retryTimer = window.setTimeout(() => this.connect(), wait);
  }
}
