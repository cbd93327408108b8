// SPDX-License-Identifier: GPL-2.0
/*
 * Pipes: 8 MB of a pseudo-random stream from a producer through /bin/cat
 * to this process, in chunks of varying size, compared byte for byte with
 * the stream regenerated here; a pipe's capacity with O_NONBLOCK; a write
 * with no reader (SIGPIPE, then EPIPE with SIGPIPE ignored).
 */
#define _GNU_SOURCE
#define TEST "pipe"
#include "lgtest.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/wait.h>

#define TOTAL	(8 << 20)
#define SEED	0x1badb002u

struct stream {
	uint32_t x;	/* xorshift32 state */
	uint32_t word;	/* the current word */
	unsigned int used;	/* its bytes handed out */
};

static void stream_fill(struct stream *s, unsigned char *buf, size_t n)
{
	while (n--) {
		if (s->used == 4) {
			s->x ^= s->x << 13;
			s->x ^= s->x >> 17;
			s->x ^= s->x << 5;
			s->word = s->x;
			s->used = 0;
		}
		*buf++ = s->word >> (8 * s->used++);
	}
}

static void stream_init(struct stream *s)
{
	s->x = SEED;
	s->used = 4;
}

/* The producer: TOTAL bytes in chunks of 1 to 64 KiB. */
static void produce(int fd)
{
	static unsigned char buf[65536];
	struct stream s;
	uint32_t lcg = 12345;
	size_t left = TOTAL;

	stream_init(&s);
	while (left) {
		size_t n, off = 0;

		lcg = lcg * 1103515245 + 12345;
		n = (lcg >> 8) % sizeof(buf) + 1;
		if (n > left)
			n = left;
		stream_fill(&s, buf, n);
		while (off < n) {
			ssize_t w = write(fd, buf + off, n - off);

			if (w <= 0)
				_exit(3);
			off += w;
		}
		left -= n;
	}
	_exit(0);
}

static void check_child(pid_t pid, const char *what)
{
	int st;

	EXPECT(waitpid(pid, &st, 0) == pid, "waitpid(%s): %s", what, strerror(errno));
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: wait status %#x", what, st);
}

/* producer | cat | us: returns the FNV-1a hash of what arrived. */
static uint32_t pipeline(void)
{
	static unsigned char got[65536], want[65536];
	int a[2], b[2];
	pid_t prod, cat;
	struct stream s;
	size_t total = 0;
	uint32_t fnv = 2166136261u;
	ssize_t n, i;

	SYS(pipe(a));
	SYS(pipe(b));
	prod = SYS(fork());
	if (prod == 0) {
		close(a[0]);
		close(b[0]);
		close(b[1]);
		produce(a[1]);
	}
	cat = SYS(fork());
	if (cat == 0) {
		dup2(a[0], 0);
		dup2(b[1], 1);
		close(a[0]);
		close(a[1]);
		close(b[0]);
		close(b[1]);
		execl("/bin/cat", "cat", (char *)NULL);
		_exit(127);
	}
	close(a[0]);
	close(a[1]);
	close(b[1]);

	stream_init(&s);
	while ((n = read(b[0], got, sizeof(got))) > 0) {
		EXPECT(total + n <= TOTAL, "more than %d bytes came through the pipeline", TOTAL);
		stream_fill(&s, want, n);
		for (i = 0; i < n; i++) {
			EXPECT(got[i] == want[i], "byte %zu is %#x, want %#x",
			       total + i, got[i], want[i]);
			fnv = (fnv ^ got[i]) * 16777619u;
		}
		total += n;
	}
	EXPECT(n == 0, "read: %s", strerror(errno));
	EXPECT(total == TOTAL, "%zu bytes came through the pipeline, want %d", total, TOTAL);
	close(b[0]);
	check_child(prod, "the producer");
	check_child(cat, "/bin/cat");
	return fnv;
}

/* Fill a pipe with O_NONBLOCK: it takes F_GETPIPE_SZ bytes, then EAGAIN. */
static int capacity(void)
{
	static char buf[4096];
	int p[2], size, total = 0;
	ssize_t n;

	SYS(pipe2(p, O_NONBLOCK));
	size = SYS(fcntl(p[1], F_GETPIPE_SZ));
	while ((n = write(p[1], buf, sizeof(buf))) > 0)
		total += n;
	EXPECT(n < 0 && errno == EAGAIN, "a full non-blocking pipe: %s, not EAGAIN", strerror(errno));
	EXPECT(total == size, "a pipe took %d bytes, F_GETPIPE_SZ says %d", total, size);
	n = read(p[0], buf, sizeof(buf));
	EXPECT(n == (ssize_t)sizeof(buf), "read from a full pipe: %zd", n);
	EXPECT(write(p[1], buf, 1) == 1, "no room in a pipe after a read");
	close(p[0]);
	close(p[1]);
	return size;
}

/* A writer without readers: SIGPIPE kills it; ignored, write says EPIPE. */
static void no_reader(void)
{
	int p[2], st;
	pid_t pid;

	SYS(pipe(p));
	close(p[0]);
	pid = SYS(fork());
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		(void)!write(p[1], "x", 1);
		_exit(0);
	}
	SYS(waitpid(pid, &st, 0));
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE,
	       "a write with no reader: wait status %#x, want SIGPIPE", st);
	signal(SIGPIPE, SIG_IGN);
	EXPECT(write(p[1], "x", 1) < 0 && errno == EPIPE, "SIGPIPE ignored: the write did not fail with EPIPE");
	close(p[1]);
}

int main(void)
{
	uint32_t fnv = pipeline();
	int size = capacity();

	no_reader();
	pass("%d MB through producer | cat | reader (fnv %08x), capacity %d, SIGPIPE/EPIPE",
	     TOTAL >> 20, fnv, size);
}
