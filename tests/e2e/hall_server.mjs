// A real `hall serve` for a browser test: a fresh SQLite database in a
// temporary folder, a free port, the admin token and device secret set, and
// REST helpers that speak as the admin or as a device.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const kStartTimeoutMs = 30000;
const kStopTimeoutMs = 10000;

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export class HallServer {
  static password = 'E2e password 2026';

  // hallBinary: the built `hall`; sourceDir: the repository (models/,
  // portal/assets/); city: { url, key } of a city simulator to connect
  // (`--city`), or none.
  static async start({ hallBinary, sourceDir, city }) {
    const dir = await mkdtemp(join(tmpdir(), 'hall-e2e-'));
    const adminToken = crypto.randomBytes(16).toString('hex');
    const deviceSecret = crypto.randomBytes(16).toString('hex');
    const port = await freePort();
    const args = ['serve', '--demo', '--db', `sqlite:${join(dir, 'hall.db')}`,
                  '--models', join(sourceDir, 'models'), '--assets', join(sourceDir, 'portal', 'assets'),
                  '--host', '127.0.0.1', '--port', String(port)];
    if (city) args.push('--city', city.url);
    const child = spawn(hallBinary, args, {
      cwd: sourceDir,
      env: {
        ...process.env, HALL_ADMIN_TOKEN: adminToken, HALL_DEVICE_SECRET: deviceSecret,
        ...(city ? { HALL_CITY_KEY: city.key } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new HallServer(child, dir, adminToken, deviceSecret);
    await server.waitUntilServing();
    return server;
  }

  constructor(child, dir, adminToken, deviceSecret) {
    this.child = child;
    this.dir = dir;
    this.adminToken = adminToken;
    this.deviceSecret = deviceSecret;
    this.url = '';
    this.output = '';  // stdout and stderr, for a failing test's message
    const keep = (chunk) => {
      this.output += chunk.toString();
      if (this.output.length > 200000) this.output = this.output.slice(-100000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  async waitUntilServing() {
    const started = new Promise((resolve, reject) => {
      let seen = '';
      this.child.stdout.on('data', (chunk) => {
        seen += chunk.toString();
        const match = seen.match(/Hall is serving at (\S+)/);
        if (match) resolve(match[1]);
      });
      this.exited.then(({ code, signal }) => reject(new Error(
        `hall serve exited (${code ?? signal}) before serving:\n${this.output}`)));
    });
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(
        `hall serve did not print "Hall is serving at" within ${kStartTimeoutMs} ms:\n${this.output}`)),
      kStartTimeoutMs);
    });
    try {
      this.url = await Promise.race([started, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  // The key the hall expects of a device: hex HMAC-SHA256(device secret, device id).
  deviceKey(deviceId) {
    return crypto.createHmac('sha256', this.deviceSecret).update(deviceId).digest('hex');
  }

  devicePage(path, deviceId, { key = this.deviceKey(deviceId), extra = {} } = {}) {
    const url = new URL(path, `${this.url}/`);
    url.search = new URLSearchParams({ device: deviceId, key, ...extra }).toString();
    return url.toString();
  }

  // REST as the admin; resolves to { status, body }. Each request on a
  // connection of its own (agent: false): a kept-alive one may be closed by
  // the hall as idle just as it is reused, and a request lost that way could
  // not be told from one the hall had read.
  async api(method, path, body) {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const response = await new Promise((resolve, reject) => {
      const request = http.request(`${this.url}${path}`, {
        method,
        agent: false,
        headers: { Authorization: `Bearer ${this.adminToken}`, 'Content-Type': 'application/json' },
      }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: () => Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      request.on('error', reject);
      request.end(payload);
    });
    const text = response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  // A staff account made through the REST API; its password is
  // HallServer.password.
  async createPerson(login, roles, department = '') {
    const made = await this.api('POST', '/api/v1/users', {
      login, displayName: login, roles, department, password: HallServer.password,
    });
    if (made.status !== 201) throw new Error(`creating ${login}: ${made.status} ${JSON.stringify(made.body)}`);
  }

  // Signs `page` in on the portal's sign-in page, which then opens `next`.
  async signIn(page, login, next = '/index.html', password = HallServer.password) {
    await page.goto(`${this.url}/login.html?next=${encodeURIComponent(next)}`);
    await page.fill('#login', login);
    await page.fill('#password', password);
    await page.getByRole('button', { name: '登录' }).click();
  }

  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), kStopTimeoutMs);
      await this.exited;
      clearTimeout(timer);
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
