// SPDX-License-Identifier: GPL-2.0
/*
 * A stand-in for host/lg.ko, for testing the test bed itself
 * (tests/qemu/selftest.sh): it only creates /dev/lguest (mode 0600) and
 * /sys/module/lg/parameters/abi_revision.  Built as lg.ko so that insmod,
 * rmmod lg and the sysfs paths are the real ones.  Only ever loaded inside
 * the QEMU host VM.  Opening /dev/lguest only pins the module, so that a
 * misbehaving fake Launcher can make rmmod fail.
 */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>

static int abi_revision = 3;
module_param(abi_revision, int, 0444);

static int fake_open(struct inode *inode, struct file *file)
{
	return 0;
}

static const struct file_operations fake_fops = {
	.owner = THIS_MODULE,
	.open = fake_open,
};

static struct miscdevice fake_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "lguest",
	.fops = &fake_fops,
	.mode = 0600,
};

static int __init fake_init(void)
{
	pr_info("fake lg.ko for the test bed's self-test\n");
	return misc_register(&fake_dev);
}

static void __exit fake_exit(void)
{
	misc_deregister(&fake_dev);
}

module_init(fake_init);
module_exit(fake_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("stand-in for lg.ko in the test bed's self-test");
