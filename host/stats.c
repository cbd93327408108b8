// SPDX-License-Identifier: GPL-2.0
/*
 * Exit statistics in debugfs: /sys/kernel/debug/lguest/<pid>-<n>/stats,
 * one "name value" line per counter, readable while the guest runs, and
 * lguest/last/stats: those of the guest that ended last (for benchmarks
 * that count exits per operation after a run).  The
 * counters are plain u64s written only by the task that runs the guest,
 * so a reader may see a value a moment old, never a torn one (aligned
 * 64-bit loads and stores are atomic on x86_64).
 */
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include "lg.h"

static struct dentry *lg_debugfs;
static atomic_t lg_guests = ATOMIC_INIT(0);
static struct lg_stats *lg_last;		/* of the guest that ended last */
static DEFINE_MUTEX(lg_last_lock);

static const char *const stat_names[LG_STAT_NR] = {
	[LG_STAT_EXITS] = "exits",
	[LG_STAT_HCALLS] = "hypercalls",
	[LG_STAT_ASYNC] = "async_calls",
	[LG_STAT_SHADOW_FILLS] = "shadow_fills",
	[LG_STAT_REFLECTED] = "reflected",
	[LG_STAT_HOST_IRQS] = "host_irqs",
	[LG_STAT_IRQS_DELIVERED] = "irqs_delivered",
	[LG_STAT_INWORLD_SYSCALLS] = "inworld_syscalls",
	[LG_STAT_ROOT_SWITCHES] = "pgdir_switches",
	[LG_STAT_ROOT_BUILDS] = "pgdir_builds",
	[LG_STAT_HALTS] = "halts",
	[LG_STAT_PORT_IO] = "port_io",
};

/* Counters first, then the exits by vector and the hypercalls by number
 * that happened at least once.
 */
static void show(struct seq_file *m, const struct lg_stats *st)
{
	unsigned int i;

	for (i = 0; i < LG_STAT_NR; i++)
		seq_printf(m, "%s %llu\n", stat_names[i], READ_ONCE(st->count[i]));
	for (i = 0; i < ARRAY_SIZE(st->vector); i++)
		if (READ_ONCE(st->vector[i]))
			seq_printf(m, "vector_%u %llu\n", i, READ_ONCE(st->vector[i]));
	for (i = 0; i < ARRAY_SIZE(st->hcall); i++)
		if (READ_ONCE(st->hcall[i]))
			seq_printf(m, "hcall_%u %llu\n", i, READ_ONCE(st->hcall[i]));
}

static int stats_show(struct seq_file *m, void *unused)
{
	show(m, &((struct lguest *)m->private)->stats);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static int last_show(struct seq_file *m, void *unused)
{
	mutex_lock(&lg_last_lock);
	show(m, lg_last);
	mutex_unlock(&lg_last_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(last);

void lg_stats_init(void)
{
	struct dentry *last;

	lg_last = kzalloc(sizeof(*lg_last), GFP_KERNEL);
	lg_debugfs = debugfs_create_dir("lguest", NULL);
	if (!lg_last)
		return;
	last = debugfs_create_dir("last", lg_debugfs);
	debugfs_create_file("stats", 0400, last, NULL, &last_fops);
}

void lg_stats_exit(void)
{
	debugfs_remove_recursive(lg_debugfs);
	kfree(lg_last);
	lg_last = NULL;
}

/* debugfs failures are not errors: the guest runs without statistics. */
void lg_stats_add(struct lguest *g, pid_t pid)
{
	char name[32];

	snprintf(name, sizeof(name), "%d-%d", pid, atomic_inc_return(&lg_guests));
	g->debugfs = debugfs_create_dir(name, lg_debugfs);
	debugfs_create_file("stats", 0400, g->debugfs, g, &stats_fops);
}

void lg_stats_remove(struct lguest *g)
{
	debugfs_remove_recursive(g->debugfs);
	if (!lg_last)
		return;
	mutex_lock(&lg_last_lock);
	*lg_last = g->stats;
	mutex_unlock(&lg_last_lock);
}
