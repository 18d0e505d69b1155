/**
 * Which endpoint each accepted send came through (`json`: `raw` in the JSON body; `upload-media`,
 * `upload-multipart`: the upload endpoint), so tests can check that a large message took the upload
 * path. In memory, per sandbox: a test's record, not Gmail's state.
 */
export type SendEndpoint = 'json' | 'upload-media' | 'upload-multipart';
export type SendRecord = { mailbox: string; id: string; endpoint: SendEndpoint; bytes: number };

export function createSendLog() {
  const records: SendRecord[] = [];
  return {
    record(entry: SendRecord): void {
      records.push(entry);
      // A long-running dev sandbox must not grow without end.
      if (records.length > 10_000) records.splice(0, records.length - 10_000);
    },
    list(): readonly SendRecord[] {
      return records;
    },
  };
}

export type SendLog = ReturnType<typeof createSendLog>;
