// Which queues the hall's public devices offer and show.

// The VIP queue is taken by appointment only (a VIP reservation checks in
// with its code at the kiosk), so it has no walk-in button and no row on
// the public screens.
const kAppointmentOnlyQueues = new Set(['vip']);

export function publicQueues(queues) {
  return (queues ?? []).filter((q) => !kAppointmentOnlyQueues.has(q.id));
}
