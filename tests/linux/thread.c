// SPDX-License-Identifier: GPL-2.0
/*
 * Threads: NT threads with __thread variables (initialised and zeroed TLS,
 * each thread's at its own address, kept across yields) counting under a
 * mutex after a condition-variable start gate, their pthread_join results;
 * a condvar ping-pong between two threads (a futex wait and wake every
 * turn); raw futex calls (EAGAIN, a timed-out wait); thread churn.
 */
#define _GNU_SOURCE
#define TEST "thread"
#include "lgtest.h"
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>

#define NT	8
#define ITER	20000
#define PINGS	2000
#define CHURN	100

static __thread int tls_init = 42;	/* .tdata */
static __thread int tls_zero;		/* .tbss */
static __thread char tls_buf[200];

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER, start = PTHREAD_COND_INITIALIZER;
static int started, go;
static long counter;
static void *tls_addr[NT];
static pid_t tids[NT];

static int tls_intact(long id)
{
	int i;

	if (tls_init != (int)id * 100 || tls_zero != (int)id + 1)
		return 0;
	for (i = 0; i < (int)sizeof(tls_buf); i++)
		if (tls_buf[i] != (char)id)
			return 0;
	return 1;
}

static void *worker(void *arg)
{
	long id = (long)arg, i;

	if (tls_init != 42 || tls_zero != 0)
		return (void *)-1L;	/* a new thread's TLS is fresh */
	tls_init = id * 100;
	tls_zero = id + 1;
	memset(tls_buf, id, sizeof(tls_buf));
	tls_addr[id] = &tls_init;
	tids[id] = syscall(SYS_gettid);

	pthread_mutex_lock(&lock);
	started++;
	pthread_cond_signal(&ready);
	while (!go)
		pthread_cond_wait(&start, &lock);
	pthread_mutex_unlock(&lock);

	for (i = 0; i < ITER; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
		if (i % 500 == 0) {
			sched_yield();
			if (!tls_intact(id))
				return (void *)-2L;
		}
	}
	return tls_intact(id) ? (void *)(id * 3 + 1) : (void *)-3L;
}

static void workers(void)
{
	pthread_t t[NT];
	long i, j;
	void *ret;
	int err;

	tls_init = -1;
	for (i = 0; i < NT; i++) {
		err = pthread_create(&t[i], NULL, worker, (void *)i);
		EXPECT(!err, "pthread_create %ld: %s", i, strerror(err));
	}
	pthread_mutex_lock(&lock);
	while (started < NT)
		pthread_cond_wait(&ready, &lock);
	go = 1;
	pthread_cond_broadcast(&start);
	pthread_mutex_unlock(&lock);

	for (i = 0; i < NT; i++) {
		err = pthread_join(t[i], &ret);
		EXPECT(!err, "pthread_join %ld: %s", i, strerror(err));
		EXPECT(ret == (void *)(i * 3 + 1), "thread %ld returned %ld (-1: TLS not fresh, "
		       "-2/-3: its TLS changed)", i, (long)ret);
	}
	EXPECT(counter == (long)NT * ITER, "the mutex-protected counter is %ld, want %ld",
	       counter, (long)NT * ITER);
	EXPECT(tls_init == -1, "the main thread's __thread variable changed to %d", tls_init);
	for (i = 0; i < NT; i++) {
		EXPECT(tls_addr[i] != &tls_init, "thread %ld's TLS is the main thread's", i);
		EXPECT(tids[i] != getpid(), "thread %ld has the process's id as its tid", i);
		for (j = 0; j < i; j++)
			EXPECT(tls_addr[i] != tls_addr[j] && tids[i] != tids[j],
			       "threads %ld and %ld share a TLS block or a tid", j, i);
	}
}

static int turn;
static pthread_cond_t turned = PTHREAD_COND_INITIALIZER;

/* Thread "me" (0 or 1) waits for its turn, then hands it over, PINGS times. */
static void *ping(void *arg)
{
	long me = (long)arg;
	int i;

	for (i = 0; i < PINGS; i++) {
		pthread_mutex_lock(&lock);
		while (turn % 2 != me)
			pthread_cond_wait(&turned, &lock);
		turn++;
		pthread_cond_signal(&turned);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void ping_pong(void)
{
	pthread_t a, b;

	turn = 0;
	EXPECT(!pthread_create(&a, NULL, ping, (void *)0L) && !pthread_create(&b, NULL, ping, (void *)1L),
	       "pthread_create of the ping-pong");
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	EXPECT(turn == 2 * PINGS, "ping-pong ended at turn %d, want %d", turn, 2 * PINGS);
}

static long futex(int *uaddr, int op, int val, const struct timespec *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

static long long raw_futex(void)
{
	static int word = 5;
	struct timespec ts = { 0, 50000000 };
	long long t0, ms;

	EXPECT(futex(&word, FUTEX_WAIT, 4, NULL) < 0 && errno == EAGAIN,
	       "FUTEX_WAIT on a changed value: %s, want EAGAIN", strerror(errno));
	EXPECT(futex(&word, FUTEX_WAKE, 1, NULL) == 0, "FUTEX_WAKE with no waiters woke some");
	t0 = now_ns(CLOCK_MONOTONIC);
	EXPECT(futex(&word, FUTEX_WAIT, 5, &ts) < 0 && errno == ETIMEDOUT,
	       "FUTEX_WAIT for 50 ms: %s, want ETIMEDOUT", strerror(errno));
	ms = (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
	EXPECT(ms >= 50 && ms < 2000, "FUTEX_WAIT for 50 ms took %lld ms", ms);
	return ms;
}

static void *plus_one(void *arg)
{
	return (char *)arg + 1;
}

static void churn(void)
{
	pthread_t t;
	void *ret;
	long i;

	for (i = 0; i < CHURN; i++) {
		EXPECT(!pthread_create(&t, NULL, plus_one, (void *)i), "pthread_create #%ld", i);
		EXPECT(!pthread_join(t, &ret) && ret == (void *)(i + 1), "churn thread %ld returned %p", i, ret);
	}
}

int main(void)
{
	long long ms;

	workers();
	ping_pong();
	ms = raw_futex();
	churn();
	pass("%d threads x %d mutex increments, TLS distinct, join results, %d condvar ping-pongs, "
	     "futex timeout %lld ms, %d create/join", NT, ITER, PINGS, ms, CHURN);
}
