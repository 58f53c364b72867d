// Waiting for several tasks that write into one folder.

/**
 * Promise.all that waits for every promise before it rejects, so nothing still runs in a folder about to be
 * removed. An abort wins over the tasks' own errors: they are usually its consequence.
 */
export async function settleAll<T>(promises: readonly Promise<T>[], signal?: AbortSignal): Promise<T[]> {
  const outcomes = await Promise.allSettled(promises);
  signal?.throwIfAborted();
  const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (rejected) throw rejected.reason;
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}
