// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/lguest: how the Launcher creates and runs a guest.  One open file is
 * one guest; write() carries requests, read() runs it.  Everything that
 * comes in here is checked before it is believed.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/mutex.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/prctl.h>
#include <asm/special_insns.h>
#include "lg.h"

static DEFINE_MUTEX(lg_init_lock);

/*D:105 Guest code never runs under the Launcher's user CET state.  The
 * shadow-stack MSRs (U_CET, PL3_SSP) stay loaded while the task is in the
 * kernel, so the guest's ring-3 code would push return addresses on the
 * Launcher's shadow stack.  A task with a user shadow stack is refused,
 * at initialize and at every run (it may enable one later): EOPNOTSUPP.
 * Linux has no user IBT, so U_CET holds nothing else; kernels without user
 * shadow stacks (6.1) have nothing to refuse.
 */
static bool task_has_shadow_stack(void)
{
#ifdef CONFIG_X86_USER_SHADOW_STACK
	return current->thread.features & ARCH_SHSTK_SHSTK;
#else
	return false;
#endif
}

/*D:100 "Memory the caller doesn't own" is refused: every byte of the
 * range must be covered by ordinary readable, writable mappings of the
 * calling process -- not a device mapping, not a hole.
 */
static bool caller_owns(unsigned long start, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr = start, end = start + len;
	bool ok = true;

	if (!access_ok((void __user *)start, len))
		return false;
	mmap_read_lock(mm);
	while (ok && addr < end) {
		struct vm_area_struct *vma = find_vma(mm, addr);

		ok = vma && vma->vm_start <= addr &&
		     (vma->vm_flags & (VM_READ | VM_WRITE)) == (VM_READ | VM_WRITE) &&
		     !(vma->vm_flags & (VM_IO | VM_PFNMAP));
		if (ok)
			addr = vma->vm_end;
	}
	mmap_read_unlock(mm);
	return ok;
}

/*D:110 The initialize request, checked field by field. */
static int check_init(const struct lguest_init *in)
{
	u64 min = (u64)LGUEST_MIN_MEM_MB << 20, max = (u64)LGUEST_MAX_MEM_MB << 20;

	if (in->magic != LGUEST_MAGIC || in->flags)
		return -EINVAL;
	if (in->abi_revision != LGUEST_ABI_REVISION)
		return -EPROTO;
	if ((in->mem_base | in->mem_size) & ~PAGE_MASK)
		return -EINVAL;
	if (in->mem_size < min || in->mem_size > max)
		return -EINVAL;
	if (in->mem_base + in->mem_size < in->mem_base)
		return -EINVAL;
	if (in->entry >= in->mem_size || (in->boot_params & ~PAGE_MASK) ||
	    (u64)in->boot_params + PAGE_SIZE > in->mem_size)
		return -EINVAL;
	if (!caller_owns(in->mem_base, in->mem_size))
		return -EFAULT;
	return 0;
}

/* The guest's CPU at its first instruction (include/lguest/abi.h). */
static void init_registers(struct lg_vcpu *v, const struct lguest_init *in)
{
	struct lg_regs *r = &v->regs;

	r->cs = LGUEST_KERNEL_CS;
	r->ss = r->ds = r->es = LGUEST_KERNEL_DS;
	r->rip = in->entry;
	r->rsi = in->boot_params;
	r->rflags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
}

/*D:115 A new guest, in order: its memory (the caller's address space,
 * which it is bound to for life), shadow page tables, and its one virtual
 * CPU at the entry point.
 */
static struct lguest *new_guest(const struct lguest_init *in)
{
	struct lguest *g = kvzalloc(sizeof(*g), GFP_KERNEL_ACCOUNT);
	struct lg_vcpu *v;

	if (!g)
		return NULL;
	if (lg_fpu_init(&g->vcpu)) {
		kvfree(g);
		return NULL;
	}
	if (lg_pgt_init(g)) {
		lg_fpu_free(&g->vcpu);
		kvfree(g);
		return NULL;
	}
	g->mm = current->mm;
	mmgrab(g->mm);
	g->mem_base = in->mem_base;
	g->mem_size = in->mem_size;

	v = &g->vcpu;
	v->lg = g;
	v->tsk = get_task_struct(current);
	if (boot_cpu_has(X86_FEATURE_OSPKE))
		v->pkru = rdpkru();
	lg_gdt_init(v);
	lg_timer_init(v);
	lg_console_init(g);
	init_registers(v, in);
	lg_stats_add(g, task_pid_nr(current));
	return g;
}

static void free_guest(struct lguest *g)
{
	lg_stats_remove(g);
	lg_timer_stop(&g->vcpu);
	lg_pgt_free(g);
	lg_unpin_data(g);
	lg_fpu_free(&g->vcpu);
	put_task_struct(g->vcpu.tsk);
	mmdrop(g->mm);
	kvfree(g);
}

static ssize_t initialize(struct file *file, const char __user *p, size_t len)
{
	struct lguest_init in;
	struct lguest *g;
	int err;

	if (len != sizeof(in))
		return -EINVAL;
	if (copy_from_user(&in, p, sizeof(in)))
		return -EFAULT;
	err = check_init(&in);
	if (err)
		return err;
	if (task_has_shadow_stack())
		return -EOPNOTSUPP;
	mutex_lock(&lg_init_lock);
	if (file->private_data) {
		err = -EBUSY;
	} else {
		g = new_guest(&in);
		if (g) {
			/* Publish it whole: pairs with lg_read()'s acquire. */
			smp_store_release(&file->private_data, g);
		} else {
			err = -ENOMEM;
		}
	}
	mutex_unlock(&lg_init_lock);
	return err ? err : len;
}

/* The Launcher raises a guest interrupt (devices, later). */
static ssize_t raise_irq(struct lguest *g, const char __user *p, size_t len)
{
	struct lguest_irq_req req;

	if (!g)
		return -ENOENT;
	if (len != sizeof(req))
		return -EINVAL;
	if (copy_from_user(&req, p, sizeof(req)))
		return -EFAULT;
	if (req.irq >= LGUEST_IRQS)
		return -EINVAL;
	if (current->mm != g->mm)
		return -EPERM;
	set_bit(req.irq, &g->vcpu.irqs_pending);
	wake_up_process(g->vcpu.tsk);
	return len;
}

/*D:130 Console input, from a Launcher thread while the guest may be
 * running in another: checked like LHREQ_IRQ -- a guest, exact sizes
 * (the header's len must be what follows it, and at most
 * LGUEST_CONSOLE_INPUT_MAX), the guest's own address space -- then
 * queued whole or not at all (H:250).  A file opened O_NONBLOCK gets
 * -EAGAIN where the queue is full; otherwise the write waits for room.
 */
static ssize_t console_input(struct file *file, struct lguest *g,
			     const char __user *p, size_t len)
{
	struct lguest_console_input hdr;
	char data[LGUEST_CONSOLE_INPUT_MAX];
	int err;

	if (!g)
		return -ENOENT;
	if (len < sizeof(hdr) || len > sizeof(hdr) + LGUEST_CONSOLE_INPUT_MAX)
		return -EINVAL;
	if (copy_from_user(&hdr, p, sizeof(hdr)))
		return -EFAULT;
	if (hdr.len != len - sizeof(hdr))
		return -EINVAL;
	if (current->mm != g->mm)
		return -EPERM;
	if (copy_from_user(data, p + sizeof(hdr), hdr.len))
		return -EFAULT;
	err = lg_console_input(g, data, hdr.len, file->f_flags & O_NONBLOCK);
	return err ? err : len;
}

static ssize_t lg_write(struct file *file, const char __user *p, size_t len, loff_t *off)
{
	/* Pairs with initialize()'s release: a guest seen is whole. */
	struct lguest *g = smp_load_acquire(&file->private_data);
	u32 req;

	if (len < sizeof(req) || get_user(req, (const u32 __user *)p))
		return -EINVAL;
	switch (req) {
	case LHREQ_INITIALIZE:
		return initialize(file, p, len);
	case LHREQ_IRQ:
		return raise_irq(g, p, len);
	case LHREQ_CONSOLE_INPUT:
		return console_input(file, g, p, len);
	default:
		return -EINVAL;
	}
}

/*D:120 Only the task that initialized the guest may run it: the guest's
 * memory is that task's memory, and its registers are not shared.  And
 * only in the address space it initialized it in: a task that exec()s
 * has a new one, where the guest's memory means something else (the host
 * would pin the new program's pages for the guest), so the guest dies.
 * While it runs, the guest's FPU state stands in for the task's own
 * (H:125).
 */
static ssize_t lg_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	/* Pairs with initialize()'s release: a guest seen is whole. */
	struct lguest *g = smp_load_acquire(&file->private_data);
	ssize_t ret;

	if (!g)
		return -ENOENT;
	if (current != g->vcpu.tsk)
		return -EPERM;
	if (len < LGUEST_EVENT_MAX)
		return -EINVAL;
	if (task_has_shadow_stack())
		return -EOPNOTSUPP;
	if (current->mm != g->mm)
		kill_guest(g, LGUEST_KILL_WRONG_MM,
			   "run from another address space (the Launcher exec()ed)");
	lg_fpu_enter(&g->vcpu);
	lg_guard_begin(&g->vcpu);
	ret = lg_run(&g->vcpu, buf, len);
	lg_guard_end(&g->vcpu);
	lg_fpu_exit(&g->vcpu);
	return ret;
}

static int lg_open(struct inode *inode, struct file *file)
{
	file->private_data = NULL;	/* misc_open left the miscdevice here */
	return 0;
}

/* Closing the last reference frees the guest and everything it pinned. */
static int lg_release(struct inode *inode, struct file *file)
{
	struct lguest *g = file->private_data;

	if (g)
		free_guest(g);
	return 0;
}

static const struct file_operations lg_fops = {
	.owner = THIS_MODULE,
	.open = lg_open,
	.read = lg_read,
	.write = lg_write,
	.release = lg_release,
	.llseek = noop_llseek,
};

static struct miscdevice lg_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "lguest",
	.fops = &lg_fops,
	.mode = 0600,
};

int lg_device_init(void)
{
	return misc_register(&lg_dev);
}

void lg_device_exit(void)
{
	misc_deregister(&lg_dev);
}
