/**
 * Counts the turns of the event loop other work gets until `work` settles: a positive signal that a
 * long job yields, with no clock.
 *
 * @example const { result, turns } = await turnsDuring(agent.post(`/api/campaigns/${id}/launch`, {}))
 */
export async function turnsDuring<T>(work: Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work;
  done = true;
  return { result, turns };
}
