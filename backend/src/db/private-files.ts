import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Node only: the data folder and the SQLite files in it are the owner's alone. They hold
 * recipients' personal data, sealed Gmail tokens and (the sandbox) every mailbox, so other local
 * users get no access: folders 0700, files 0600.
 *
 * The database file is created here, empty, with mode 0600 before SQLite opens it, because SQLite's
 * unix VFS gives the `-wal` and `-shm` files it creates later the permissions of the database file
 * (os_unix.c, findCreateFileMode); files left by an older version are tightened too.
 */
export function preparePrivateDatabaseFile(url: string): void {
  const path = localPath(url);
  if (path === null) return;
  ensurePrivateFolder(dirname(path));
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

/**
 * Creates `folder` (and missing parents) with mode 0700. A folder that exists already is left as
 * it is (it may be a home directory or shared on purpose): the answer says whether other users can
 * open it, so the caller can warn.
 */
export function ensurePrivateFolder(folder: string): { openToOthers: boolean } {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  return { openToOthers: (statSync(folder).mode & 0o077) !== 0 };
}

/** The file path of a `file:` URL, or null for remote and in-memory databases. */
function localPath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const path = url.slice('file:'.length).split('?')[0]!;
  if (path === '' || path === ':memory:') return null;
  return resolve(path);
}
