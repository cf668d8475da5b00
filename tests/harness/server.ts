/** Serves the harness on 127.0.0.1 (a free port) with a small in-memory /api/annotations, for tests and benches. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';

export interface HarnessServer {
  url: string;
  /** Annotation bodies POSTed so far, in order. */
  annotations: Array<Record<string, unknown> & { id: number }>;
  close: () => Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Grafana serves @grafana/ui's icons under this path; the harness serves them from the installed package. */
const ICONS_PREFIX = '/public/build/img/';
const ICONS_DIR = path.resolve(__dirname, '../../node_modules/@grafana/ui/dist/public/img');

function staticFile(dir: string, pathname: string): string | undefined {
  const file = path.join(dir, path.normalize(pathname));
  return file.startsWith(dir + path.sep) && existsSync(file) && statSync(file).isFile() ? file : undefined;
}
const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
      if (body.length > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      }
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function startHarnessServer(dir: string): Promise<HarnessServer> {
  const annotations: HarnessServer['annotations'] = [];
  let nextId = 1;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (url.pathname === '/api/annotations' && req.method === 'POST') {
        const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
        const stored = { ...body, id: nextId++ };
        annotations.push(stored);
        json(res, 200, { id: stored.id, message: 'Annotation added' });
        return;
      }
      if (url.pathname === '/api/annotations' && req.method === 'GET') {
        json(res, 200, annotations);
        return;
      }
      const remove = /^\/api\/annotations\/(\d+)$/.exec(url.pathname);
      if (remove && req.method === 'DELETE') {
        const index = annotations.findIndex((a) => a.id === Number(remove[1]));
        if (index >= 0) {
          annotations.splice(index, 1);
        }
        json(res, index >= 0 ? 200 : 404, { message: index >= 0 ? 'Annotation deleted' : 'not found' });
        return;
      }
      const file = url.pathname.startsWith(ICONS_PREFIX)
        ? staticFile(ICONS_DIR, url.pathname.slice(ICONS_PREFIX.length))
        : staticFile(dir, url.pathname === '/' ? '/index.html' : url.pathname);
      if (!file) {
        json(res, 404, { message: 'not found' });
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    } catch (err) {
      json(res, 500, { message: err instanceof Error ? err.message : String(err) });
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        annotations,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
