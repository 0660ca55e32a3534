/**
 * The preview server of `baogao watch`: loopback only, files of the output
 * folder only, the panel's static assets, the build state as JSON and a
 * server-sent event stream that tells the pages to reload.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { usageError } from '../diagnostics.js';
import { CLIENT_JS, INDEX_HTML, injectTag, NOT_FOUND_HTML, PANEL_CSS } from './client-assets.js';

export const HOST = '127.0.0.1';
export const FIRST_PORT = 4173;
const PORT_TRIES = 50;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** No script but the panel's; inline styles are allowed for the charts' SVG. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface ServerHooks {
  /** The folder whose files are served. */
  root: string;
  /** The number of the build the files on disk belong to. */
  build(): number;
  /** The state shown by the panel. */
  state(): unknown;
  /** Builds the PDF or the XLSX; resolves with the new state of that artifact. */
  buildArtifact(format: 'pdf' | 'xlsx'): Promise<unknown>;
}

export class PreviewServer {
  readonly server: http.Server;
  private readonly clients = new Set<http.ServerResponse>();
  private readonly keepAlive: NodeJS.Timeout;
  port = 0;

  constructor(private readonly hooks: ServerHooks) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: Error) => {
        if (!res.headersSent) this.text(res, 500, `internal error: ${e.message}`);
        else res.destroy();
      });
    });
    // A comment line every 15 s keeps idle event streams open through proxies and sleep.
    this.keepAlive = setInterval(() => {
      for (const c of this.clients) c.write(': keep-alive\n\n');
    }, 15_000);
    this.keepAlive.unref();
  }

  /** Listens on 127.0.0.1: on `port` if given (0: any free port), else on the first free port from 4173. */
  async listen(port?: number): Promise<number> {
    if (port !== undefined) {
      await this.tryListen(port).catch((e: NodeJS.ErrnoException) => {
        throw portError(port, e);
      });
    } else {
      let bound = false;
      for (let p = FIRST_PORT; p < FIRST_PORT + PORT_TRIES && !bound; p++) {
        bound = await this.tryListen(p).then(
          () => true,
          (e: NodeJS.ErrnoException) => {
            if (e.code === 'EADDRINUSE' || e.code === 'EACCES') return false;
            throw portError(p, e);
          },
        );
      }
      if (!bound) throw usageError(`no free port between ${FIRST_PORT} and ${FIRST_PORT + PORT_TRIES - 1}: stop other previews, or choose a port with --port N`);
    }
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  private tryListen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => {
        this.server.off('listening', onListening);
        reject(e);
      };
      const onListening = () => {
        this.server.off('error', onError);
        resolve();
      };
      this.server.once('error', onError);
      this.server.once('listening', onListening);
      this.server.listen(port, HOST);
    });
  }

  /** Sends an event to every open page. */
  broadcast(event: string, data: unknown): void {
    const payload = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of this.clients) c.write(payload);
  }

  async close(): Promise<void> {
    clearInterval(this.keepAlive);
    for (const c of this.clients) c.end();
    this.clients.clear();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private allowedHosts(): string[] {
    return [`${HOST}:${this.port}`, `localhost:${this.port}`];
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: only pages addressed to this loopback server may talk to it.
    const host = (req.headers.host ?? '').toLowerCase();
    if (host && !this.allowedHosts().includes(host)) return this.text(res, 403, 'forbidden host');
    let url: URL;
    let pathname: string;
    try {
      url = new URL(req.url ?? '/', `http://${HOST}`);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return this.text(res, 400, 'bad request');
    }
    if (pathname.includes('\0')) return this.text(res, 400, 'bad request');

    if (req.method === 'POST' && pathname === '/build') {
      const origin = req.headers.origin;
      if (origin && !this.allowedHosts().map((h) => `http://${h}`).includes(origin.toLowerCase())) return this.text(res, 403, 'forbidden origin');
      const format = url.searchParams.get('format');
      if (format !== 'pdf' && format !== 'xlsx') return this.json(res, 400, { error: 'format must be pdf or xlsx' });
      const result = await this.hooks.buildArtifact(format);
      return this.json(res, 200, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD, POST');
      return this.text(res, 405, 'method not allowed');
    }
    switch (pathname) {
      case '/__baogao/client.js':
        return this.send(res, 200, TYPES['.js'], CLIENT_JS, req);
      case '/__baogao/panel.css':
        return this.send(res, 200, TYPES['.css'], PANEL_CSS, req);
      case '/__baogao/state':
        return this.json(res, 200, this.hooks.state());
      case '/__baogao/events':
        return this.events(req, res);
      case '/':
      case '/index.html':
        return this.send(res, 200, TYPES['.html'], inject(INDEX_HTML, this.hooks.build()), req);
    }
    return this.file(pathname, req, res);
  }

  private file(pathname: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    const notFound = () => this.send(res, 404, TYPES['.html'], inject(NOT_FOUND_HTML, this.hooks.build()), req);
    let root: string;
    try {
      root = fs.realpathSync(this.hooks.root);
    } catch {
      return notFound();
    }
    let file = path.resolve(root, `.${pathname}`);
    if (!inside(root, file)) return this.text(res, 403, 'forbidden');
    let real: string;
    try {
      real = fs.realpathSync(file);
      if (fs.statSync(real).isDirectory()) {
        file = path.join(file, 'index.html');
        real = fs.realpathSync(file);
      }
    } catch {
      return notFound();
    }
    // A symlink inside the output folder must not lead out of it.
    if (!inside(root, real)) return this.text(res, 403, 'forbidden');
    const type = TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
    let body: Buffer;
    try {
      body = fs.readFileSync(real);
    } catch {
      return notFound();
    }
    if (type === TYPES['.html']) return this.send(res, 200, type, inject(body.toString('utf8'), this.hooks.build()), req);
    return this.send(res, 200, type, body, req);
  }

  private events(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ build: this.hooks.build() })}\n\n`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  private send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, req: http.IncomingMessage): void {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private json(res: http.ServerResponse, status: number, data: unknown): void {
    const body = JSON.stringify(data);
    res.writeHead(status, { 'Content-Type': TYPES['.json'], 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(body);
  }

  private text(res: http.ServerResponse, status: number, message: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(`${message}\n`);
  }
}

function inside(root: string, file: string): boolean {
  return file === root || file.startsWith(root + path.sep);
}

/** Adds the panel's tags to a page: a constant string and the build number, nothing else. */
export function inject(html: string, build: number): string {
  const tag = injectTag(build);
  const at = html.search(/<\/head>/i);
  return at >= 0 ? html.slice(0, at) + tag + html.slice(at) : tag + html;
}

function portError(port: number, e: NodeJS.ErrnoException) {
  if (e.code === 'EADDRINUSE') return usageError(`port ${port} is in use (another baogao watch or web server?): stop that program, or choose another port with --port ${port + 1}`);
  if (e.code === 'EACCES') return usageError(`port ${port} needs administrator rights: choose a port above 1024 with --port ${FIRST_PORT}`);
  return usageError(`cannot listen on ${HOST}:${port} (${e.code ?? e.message}): choose another port with --port N`);
}
