// The city platform simulator (`hall-citysim`) for a browser test: started
// on a free port with a key shared with the hall, and requests signed as
// the city's contract asks (tools/citysim/README.md, "Signing": HMAC-SM3
// over method, target, timestamp, nonce and the body's SM3).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { dirname, join } from 'node:path';

const kStartTimeoutMs = 15000;

// The built simulator: $HALL_CITYSIM_BIN, else beside the built `hall`.
export function citysimBinary(hallBinary) {
  return process.env.HALL_CITYSIM_BIN ??
      join(dirname(hallBinary), '..', '..', 'tools', 'citysim', 'hall-citysim');
}

export class CitySim {
  static async start(binary) {
    const key = crypto.randomBytes(16).toString('hex');
    const child = spawn(binary, ['--port', '0', '--quiet'], {
      env: { ...process.env, CITYSIM_KEY: key },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`hall-citysim did not start: ${seen}`)), kStartTimeoutMs);
      child.stdout.on('data', (chunk) => {
        seen += chunk.toString();
        const match = seen.match(/citysim serving at (\S+)/);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`hall-citysim exited (${code}): ${seen}`)));
    });
    return new CitySim(child, url, key);
  }

  constructor(child, url, key) {
    this.child = child;
    this.url = url;
    this.key = key;
  }

  // A signed request as the hall's app; resolves to { status, body }.
  async request(method, target, body, headers = {}) {
    const text = body === undefined ? '' : JSON.stringify(body);
    const timestamp = String(Date.now());
    const nonce = crypto.randomBytes(16).toString('hex');
    const bodyHash = crypto.createHash('sm3').update(text).digest('hex');
    const signature = crypto.createHmac('sm3', this.key)
      .update(`${method}\n${target}\n${timestamp}\n${nonce}\n${bodyHash}`).digest('hex');
    const response = await fetch(`${this.url}${target}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        'X-Ca-Key': 'hall-changning',
        'X-Ca-Timestamp': timestamp,
        'X-Ca-Nonce': nonce,
        'X-Ca-Signature': signature,
        ...headers,
      },
      body: text || undefined,
    });
    const answer = await response.text();
    return { status: response.status, body: answer ? JSON.parse(answer) : null };
  }

  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.on('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
  }
}
