// SPDX-License-Identifier: GPL-2.0
/*
 * Console input: bytes the Launcher hands over (LHREQ_CONSOLE_INPUT, D:130)
 * wait in a bounded per-guest buffer until the guest reads them
 * (LHCALL_CONSOLE_READ, H:240).  Output needs no buffer of its own: each
 * LHCALL_CONSOLE_WRITE goes straight back to the Launcher's read() (H:150).
 */
#include <linux/kfifo.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include "lg.h"

/* Bytes copied to the guest at a time, from a buffer on the stack. */
#define LG_INPUT_CHUNK	128

void lg_console_init(struct lguest *g)
{
	spin_lock_init(&g->input_lock);
	init_waitqueue_head(&g->input_wait);
	INIT_KFIFO(g->input);
}

/* Room for len more bytes, or a guest that will never read them. */
static bool input_room(struct lguest *g, u32 len)
{
	bool room;

	spin_lock(&g->input_lock);
	room = kfifo_avail(&g->input) >= len;
	spin_unlock(&g->input_lock);
	return room || READ_ONCE(g->dead);
}

/* Queue all len bytes or none.  The check and the copy are one step
 * under the lock: two Launcher threads may write at once.
 */
static bool queue_input(struct lguest *g, const char *data, u32 len)
{
	bool queued = false;

	spin_lock(&g->input_lock);
	if (kfifo_avail(&g->input) >= len) {
		kfifo_in(&g->input, data, len);
		queued = true;
	}
	spin_unlock(&g->input_lock);
	return queued;
}

/*H:250 The Launcher's half of console input (the request itself was
 * checked in D:130).  The buffer is bounded, so a Launcher that types
 * faster than the guest reads waits here for room -- interruptibly, so a
 * signal or the Launcher's exit always frees it -- or gets -EAGAIN if it
 * asked not to wait.  New input raises LGUEST_CONSOLE_IRQ and wakes a
 * halted guest, as the Launcher's LHREQ_IRQ does.
 */
int lg_console_input(struct lguest *g, const char *data, u32 len, bool nonblock)
{
	for (;;) {
		if (READ_ONCE(g->dead))
			return -EPIPE;
		if (queue_input(g, data, len))
			break;
		if (nonblock)
			return -EAGAIN;
		if (wait_event_interruptible(g->input_wait, input_room(g, len)))
			return -ERESTARTSYS;
	}
	if (len) {
		set_bit(LGUEST_CONSOLE_IRQ, &g->vcpu.irqs_pending);
		wake_up_process(g->vcpu.tsk);
	}
	return 0;
}

/*H:240 The guest's half: LHCALL_CONSOLE_READ, its buffer already checked
 * to lie in guest memory (H:200).  Only the guest's own task reads, a
 * chunk at a time through the checked helper; the lock is never held
 * across the copy, which may fault.  Whatever was read makes room, so
 * a waiting Launcher is woken.
 */
u32 lg_console_read(struct lguest *g, u32 gpa, u32 size)
{
	char chunk[LG_INPUT_CHUNK];
	u32 done = 0, n;

	size = min_t(u32, size, LGUEST_CONSOLE_MAX);
	while (done < size) {
		spin_lock(&g->input_lock);
		n = kfifo_out(&g->input, chunk, min_t(u32, sizeof(chunk), size - done));
		spin_unlock(&g->input_lock);
		if (!n || lg_write_guest(g, gpa + done, chunk, n))
			break;
		done += n;
	}
	if (done)
		wake_up_interruptible(&g->input_wait);
	return done;
}

/* A guest that has stopped reads no more: writers waiting for room give
 * up (with -EPIPE).
 */
void lg_console_stop(struct lguest *g)
{
	wake_up_interruptible_all(&g->input_wait);
}
