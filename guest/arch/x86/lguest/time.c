// SPDX-License-Identifier: GPL-2.0
/*
 * Time under lguest: the TSC counts (rdtsc works in ring 1) at the rate the
 * host measured, a one-shot timer is a hypercall that raises interrupt 0
 * when it expires, and the wall clock is the host's at our boot.
 */
#include <linux/clockchips.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/time64.h>
#include <asm/cpufeature.h>
#include <asm/x86_init.h>
#include "lguest.h"

/*P:500 The TSC's frequency, for calibrate_tsc and calibrate_cpu. */
static unsigned long lguest_tsc_khz(void)
{
	return READ_ONCE(lguest_data.tsc_khz);
}

static void lguest_get_wallclock(struct timespec64 *now)
{
	*now = ns_to_timespec64(READ_ONCE(lguest_data.boot_time_ns));
}

static int lguest_set_wallclock(const struct timespec64 *now)
{
	return -ENODEV;
}

/*P:510 The clock event device: a delta in nanoseconds, one shot.  The
 * host lengthens anything shorter than LGUEST_MIN_CLOCKEVENT_NS.
 */
static int lguest_next_event(unsigned long delta, struct clock_event_device *evt)
{
	lguest_hcall(LHCALL_SET_CLOCKEVENT, delta, 0, 0);
	return 0;
}

static int lguest_timer_shutdown(struct clock_event_device *evt)
{
	lguest_hcall(LHCALL_SET_CLOCKEVENT, 0, 0, 0);
	return 0;
}

static struct clock_event_device lguest_clockevent = {
	.name			= "lguest",
	.features		= CLOCK_EVT_FEAT_ONESHOT,
	.set_next_event		= lguest_next_event,
	.set_state_shutdown	= lguest_timer_shutdown,
	.rating			= INT_MAX,
	.irq			= LGUEST_TIMER_IRQ,
};

static irqreturn_t lguest_timer_interrupt(int irq, void *dev)
{
	lguest_clockevent.event_handler(&lguest_clockevent);
	return IRQ_HANDLED;
}

/*P:520 x86_init.timers.timer_init, in place of the PIT and HPET. */
void __init lguest_time_init(void)
{
	if (request_irq(LGUEST_TIMER_IRQ, lguest_timer_interrupt,
			IRQF_TIMER | IRQF_NOBALANCING, "timer", NULL))
		panic("lguest: no timer interrupt");
	lguest_clockevent.cpumask = cpumask_of(0);
	clockevents_config_and_register(&lguest_clockevent, NSEC_PER_SEC,
					LGUEST_MIN_CLOCKEVENT_NS, LONG_MAX);
}

void __init lguest_init_time(void)
{
	x86_platform.calibrate_tsc = lguest_tsc_khz;
	x86_platform.calibrate_cpu = lguest_tsc_khz;
	x86_platform.get_wallclock = lguest_get_wallclock;
	x86_platform.set_wallclock = lguest_set_wallclock;
	/* The host's TSC runs at one rate on every CPU it gives us. */
	setup_force_cpu_cap(X86_FEATURE_CONSTANT_TSC);
	setup_force_cpu_cap(X86_FEATURE_NONSTOP_TSC);
	setup_force_cpu_cap(X86_FEATURE_TSC_RELIABLE);
}
