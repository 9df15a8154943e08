/*
 * echo_load: a low-overhead closed-loop echo load client (epoll, edge-triggered).
 *
 *   echo_load -p PORT -c CONNS -s MSG_BYTES -d SECONDS [-a ACTIVE_FRACTION] [-w WARMUP_SECONDS]
 *             [-t THREADS] [-C] [-P PID[,PID...]] [-F CTL_FIFO[,ACK_FIFO]]
 *
 * Opens CONNS connections to 127.0.0.1:PORT. The first ACTIVE_FRACTION of them (default 1)
 * are active: each sends MSG_BYTES, waits until the same bytes came back (compared byte by
 * byte; a mismatch exits at once with status 3), and sends the next message. The others stay
 * open and silent; data or EOF on one of them counts as an error.
 * -C (churn): every round trip uses a fresh connection (connect, send, receive, close), CONNS
 * of them in flight, to measure accept cost and how a server spreads accepts.
 *
 * Timeline: connect all (at most 30 s) -> warm up (-w, default 1 s) -> measure (-d) -> stop.
 * Only round trips that complete inside the measured interval count. At its two edges the
 * client reads utime+stime of the -P processes from /proc/PID/stat (the server's CPU over
 * exactly that interval) and, with -F, writes "enable"/"disable" to a `perf stat --control`
 * fifo so perf counts over the same interval.
 *
 * Output: one line of key=value pairs on stdout (see the README). Exit status: 0 ok, 1 errors
 * occurred (errors>0 in the line), 2 usage, 3 content mismatch.
 *
 * Build: gcc -O2 -Wall -Wextra -pthread -o echo_load echo_load.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define RBUF_SIZE (64 * 1024)
#define MAX_EVENTS 256
#define MAX_CONNECTING 256      /* connects in flight per thread: spares small listen backlogs */
#define CONNECT_TIMEOUT_NS (30 * 1000000000LL)
#define PAT_SHIFTS 251          /* messages start at one of 251 offsets into the pattern */
#define HIST_EXACT 65536        /* latency histogram: 1 us buckets below 65.536 ms, then */
#define HIST_SIZE (HIST_EXACT + 48 * 64) /* 64 log-linear buckets per power of two (1.6%) */
#define MAX_PIDS 64
#define PORT_WINDOW 16          /* churn: local ports the kernel may choose from per connect */
#ifndef IP_LOCAL_PORT_RANGE
#define IP_LOCAL_PORT_RANGE 51  /* Linux 6.3+, <linux/in.h> */
#endif

enum { PH_CONNECT, PH_WARMUP, PH_MEASURE, PH_STOP };
enum { C_NEW, C_CONNECTING, C_OPEN, C_DEAD };

struct conn {
	int fd, state, active;
	uint32_t id, seq;     /* seq: messages sent on this connection slot */
	size_t sent, recvd;   /* progress of the current message */
	uint64_t t0;          /* when the current round trip started (ns) */
};

struct worker {
	pthread_t th;
	int idx, ep;
	struct conn *conns;
	int n, next_new, connecting;
	uint64_t round_trips, errors, connect_retries;
	uint32_t *hist;
	unsigned char rbuf[RBUF_SIZE];
};

/* configuration */
static int port, nconns, nthreads = 1, churn;
static size_t msg;
static double seconds, warmup = 1.0, active_frac = 1.0;
static int npids, pids[MAX_PIDS];
static char *ctl_fifo, *ack_fifo;

/* shared state */
static unsigned char *pat;      /* msg + PAT_SHIFTS bytes of pseudo-random data */
static struct sockaddr_in srv;
static atomic_int phase = PH_CONNECT;
static atomic_int connected_total;
static int nactive;
static int ctl_fd = -1, ack_fd = -1;
static uint64_t t_start, t_warm, t_meas, t_end;
static int port_lo = 32768, port_hi = 60999; /* net.ipv4.ip_local_port_range */
static atomic_uint port_cursor;
static long long srv_cpu0, srv_cpu1;
static double cli_cpu0, cli_cpu1;
static long long mach_busy0, mach_busy1, steal0, steal1;

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void fatal(const char *fmt, const char *arg)
{
	fprintf(stderr, "echo_load: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	exit(1);
}

/* Sum of utime+stime (clock ticks) of the -P processes, all their threads included. */
static long long server_ticks(void)
{
	long long sum = 0;
	for (int i = 0; i < npids; i++) {
		char path[64], line[1024];
		snprintf(path, sizeof path, "/proc/%d/stat", pids[i]);
		FILE *f = fopen(path, "r");
		if (!f)
			continue; /* the process is gone: it contributes nothing more */
		size_t len = fread(line, 1, sizeof line - 1, f);
		fclose(f);
		line[len] = 0;
		char *p = strrchr(line, ')'); /* comm may contain spaces and parentheses */
		if (!p)
			continue;
		unsigned long long ut = 0, st = 0;
		/* after ")": state(3) ... utime is field 14, stime field 15 */
		if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) == 2)
			sum += (long long)(ut + st);
	}
	return sum;
}

/* Busy and stolen clock ticks of the whole machine (first line of /proc/stat): what the
 * co-tenants took during the interval is then busy - server - client. */
static void machine_ticks(long long *busy, long long *steal)
{
	unsigned long long v[8] = { 0 };
	FILE *f = fopen("/proc/stat", "r");
	if (f) {
		if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu",
			   &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) != 8)
			memset(v, 0, sizeof v);
		fclose(f);
	}
	/* user nice system idle iowait irq softirq steal */
	*busy = (long long)(v[0] + v[1] + v[2] + v[5] + v[6]);
	*steal = (long long)v[7];
}

static double self_cpu(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* Tells `perf stat --control` to enable or disable its counters and waits for the ack. */
static void perf_ctl(const char *cmd)
{
	if (ctl_fd < 0)
		return;
	if (write(ctl_fd, cmd, strlen(cmd)) < 0)
		perror("echo_load: perf control fifo");
	if (ack_fd >= 0) {
		char ack[16];
		if (read(ack_fd, ack, sizeof ack) <= 0)
			perror("echo_load: perf ack fifo");
	}
}

static void hist_add(struct worker *w, uint64_t ns)
{
	uint64_t us = ns / 1000;
	if (us < HIST_EXACT) {
		w->hist[us]++;
		return;
	}
	int e = 63 - __builtin_clzll(us); /* 16 .. 63 */
	w->hist[HIST_EXACT + (e - 16) * 64 + (int)((us >> (e - 6)) & 63)]++;
}

static const unsigned char *msg_bytes(const struct conn *c)
{
	return pat + (c->id * 37u + c->seq) % PAT_SHIFTS;
}

static void conn_fail(struct worker *w, struct conn *c, const char *why)
{
	if (atomic_load_explicit(&phase, memory_order_relaxed) != PH_STOP) {
		w->errors++;
		if (w->errors <= 5)
			fprintf(stderr, "echo_load: connection %u: %s\n", c->id, why);
	}
	close(c->fd);
	c->fd = -1;
	c->state = C_DEAD;
}

/* Starts a non-blocking connect. EAGAIN / EADDRNOTAVAIL (no free local port, e.g. many
 * sockets in TIME_WAIT under churn) are retried: 16 times at once (under churn each try
 * gets the next port window), then with 1 ms sleeps, 5000 tries in all. */
static void conn_start(struct worker *w, struct conn *c)
{
	for (int tries = 0;; tries++) {
		int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0)
			fatal("socket: %s (raise the fd limit?)", strerror(errno));
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		if (churn) {
			/* Churn leaves every closed connection in TIME_WAIT here (the client closes
			 * first). With ~28k of them the kernel's ephemeral port search scans the whole
			 * range on each connect (perf: a third of the client's CPU in
			 * __inet_hash_connect, connects stalling for 100+ ms). A sliding window of
			 * PORT_WINDOW ports, moved one port per connect, keeps the search short: the
			 * window's newest port was last used one full range ago, so its TIME_WAIT is
			 * old enough for net.ipv4.tcp_tw_reuse. Kernels without the option ignore it. */
			unsigned span = (unsigned)(port_hi - port_lo + 1 - PORT_WINDOW);
			unsigned lo = (unsigned)port_lo + atomic_fetch_add(&port_cursor, 1) % span;
			uint32_t range = lo | (lo + PORT_WINDOW - 1) << 16;
			setsockopt(fd, IPPROTO_IP, IP_LOCAL_PORT_RANGE, &range, sizeof range);
		}
		if (connect(fd, (struct sockaddr *)&srv, sizeof srv) == 0 || errno == EINPROGRESS) {
			c->fd = fd;
			c->state = C_CONNECTING;
			c->sent = c->recvd = 0;
			if (churn)
				c->t0 = now_ns(); /* a churn round trip includes the connect */
			/* Registered once: EPOLLOUT reports the connect, and later only a send that
			 * found the buffer full, so no epoll_ctl is needed per message. */
			struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET, .data.ptr = c };
			if (epoll_ctl(w->ep, EPOLL_CTL_ADD, fd, &ev) < 0)
				fatal("epoll_ctl: %s", strerror(errno));
			w->connecting++;
			return;
		}
		int err = errno;
		close(fd);
		if ((err != EAGAIN && err != EADDRNOTAVAIL && err != EINTR) || tries >= 5000) {
			c->fd = -1;
			c->state = C_DEAD;
			w->errors++;
			fprintf(stderr, "echo_load: connect: %s\n", strerror(err));
			return;
		}
		w->connect_retries++;
		if (tries >= 16) /* churn tries the next port window at once; then back off */
			usleep(1000);
	}
}

/* Sends what is left of the current message. Returns -1 on error. */
static int conn_send(struct worker *w, struct conn *c)
{
	const unsigned char *m = msg_bytes(c);
	while (c->sent < msg) {
		ssize_t n = send(c->fd, m + c->sent, msg - c->sent, MSG_NOSIGNAL);
		if (n > 0)
			c->sent += (size_t)n;
		else if (n < 0 && errno == EINTR)
			continue;
		else if (n < 0 && errno == EAGAIN)
			return 0; /* the EPOLLOUT edge resumes it */
		else {
			conn_fail(w, c, n < 0 ? strerror(errno) : "send returned 0");
			return -1;
		}
	}
	return 0;
}

static void begin_message(struct worker *w, struct conn *c)
{
	c->sent = c->recvd = 0;
	if (!churn)
		c->t0 = now_ns();
	conn_send(w, c);
}

static void round_trip_done(struct worker *w, struct conn *c)
{
	if (atomic_load_explicit(&phase, memory_order_relaxed) == PH_MEASURE) {
		w->round_trips++;
		hist_add(w, now_ns() - c->t0);
	}
	c->seq++;
	if (churn) {
		close(c->fd); /* the client closes first, so TIME_WAIT stays on this side */
		c->fd = -1;
		conn_start(w, c);
	} else {
		begin_message(w, c);
	}
}

/* Reads what arrived: for an active connection compares it with what was sent. */
static void conn_read(struct worker *w, struct conn *c)
{
	for (;;) {
		size_t want = c->active ? msg - c->recvd : RBUF_SIZE;
		if (want > RBUF_SIZE)
			want = RBUF_SIZE;
		if (want == 0)
			want = 1; /* only reached by bytes nobody sent: read them to report */
		ssize_t n = read(c->fd, w->rbuf, want);
		if (n > 0) {
			if (!c->active || c->recvd + (size_t)n > c->sent) {
				conn_fail(w, c, "received bytes that were not sent");
				return;
			}
			if (memcmp(w->rbuf, msg_bytes(c) + c->recvd, (size_t)n) != 0) {
				fprintf(stderr, "echo_load: content mismatch on connection %u, message %u, "
					"bytes %zu..%zu\n", c->id, c->seq, c->recvd, c->recvd + (size_t)n);
				exit(3);
			}
			c->recvd += (size_t)n;
			if (c->recvd == msg) {
				/* The whole echo is back; nothing else can be in flight on a closed
				 * loop, so no read is spent on EAGAIN. The next reply raises a new edge. */
				round_trip_done(w, c);
				return;
			}
		} else if (n == 0) {
			conn_fail(w, c, "server closed the connection");
			return;
		} else if (errno == EINTR) {
			continue;
		} else if (errno == EAGAIN) {
			return;
		} else {
			conn_fail(w, c, strerror(errno));
			return;
		}
	}
}

static void on_event(struct worker *w, struct conn *c, uint32_t ev)
{
	if (c->state == C_CONNECTING) {
		int err = 0;
		socklen_t len = sizeof err;
		getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
		if (err == 0 && !(ev & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
			return;
		w->connecting--;
		if (err || (ev & (EPOLLERR | EPOLLHUP))) {
			conn_fail(w, c, err ? strerror(err) : "connect failed");
			return;
		}
		c->state = C_OPEN;
		if (!churn)
			atomic_fetch_add(&connected_total, 1);
		if (c->active) {
			begin_message(w, c);
			return; /* the reply raises its own edge */
		}
	}
	if (c->state != C_OPEN)
		return;
	if (c->active && c->sent < msg && (ev & EPOLLOUT) && conn_send(w, c) < 0)
		return;
	if (ev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
		conn_read(w, c);
}

/* Thread 0 moves the phases; every thread reads them. */
static int next_timeout_ms(uint64_t now)
{
	int ph = atomic_load(&phase);
	uint64_t due;
	if (ph == PH_CONNECT)
		return 10;
	due = ph == PH_WARMUP ? t_warm + (uint64_t)(warmup * 1e9) : t_meas + (uint64_t)(seconds * 1e9);
	return due > now ? (int)((due - now) / 1000000) + 1 : 0;
}

static void advance_phase(uint64_t now)
{
	int ph = atomic_load(&phase);
	if (ph == PH_CONNECT) {
		if (atomic_load(&connected_total) >= nconns || churn) {
			t_warm = now;
			atomic_store(&phase, PH_WARMUP);
		} else if (now - t_start > CONNECT_TIMEOUT_NS) {
			fprintf(stderr, "echo_load: only %d of %d connections established after 30 s\n",
				atomic_load(&connected_total), nconns);
			exit(1);
		}
	} else if (ph == PH_WARMUP && now >= t_warm + (uint64_t)(warmup * 1e9)) {
		perf_ctl("enable\n");
		srv_cpu0 = server_ticks();
		cli_cpu0 = self_cpu();
		machine_ticks(&mach_busy0, &steal0);
		t_meas = now_ns();
		atomic_store(&phase, PH_MEASURE);
	} else if (ph == PH_MEASURE && now >= t_meas + (uint64_t)(seconds * 1e9)) {
		t_end = now_ns();
		atomic_store(&phase, PH_STOP);
		srv_cpu1 = server_ticks();
		cli_cpu1 = self_cpu();
		machine_ticks(&mach_busy1, &steal1);
		perf_ctl("disable\n");
	}
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct epoll_event evs[MAX_EVENTS];
	for (;;) {
		/* Open connections, at most MAX_CONNECTING at a time (churn mode opens its own). */
		while (!churn && w->next_new < w->n && w->connecting < MAX_CONNECTING)
			conn_start(w, &w->conns[w->next_new++]);
		uint64_t now = now_ns();
		if (w->idx == 0)
			advance_phase(now);
		if (atomic_load_explicit(&phase, memory_order_relaxed) == PH_STOP)
			break;
		int timeout = w->idx == 0 ? next_timeout_ms(now) : 50;
		int n = epoll_wait(w->ep, evs, MAX_EVENTS, timeout);
		if (n < 0 && errno != EINTR)
			fatal("epoll_wait: %s", strerror(errno));
		for (int i = 0; i < n; i++) {
			struct conn *c = evs[i].data.ptr;
			on_event(w, c, evs[i].events);
			/* churn keeps CONNS connections in flight: replace a failed one */
			if (churn && c->state == C_DEAD && atomic_load(&phase) != PH_STOP)
				conn_start(w, c);
		}
	}
	return NULL;
}

static void usage(void)
{
	fprintf(stderr, "usage: echo_load -p PORT -c CONNS -s MSG_BYTES -d SECONDS [-a ACTIVE_FRACTION]\n"
		"                 [-w WARMUP_SECONDS] [-t THREADS] [-C] [-P PID[,PID...]]\n"
		"                 [-F PERF_CTL_FIFO[,PERF_ACK_FIFO]]\n");
	exit(2);
}

static int open_fifo(const char *path, int flags)
{
	/* perf opens its ends when it starts; O_NONBLOCK lets a missing reader fail instead of hang. */
	for (int i = 0; i < 1000; i++) {
		int fd = open(path, flags | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0) {
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
			return fd;
		}
		if (errno != ENXIO)
			break;
		usleep(10000);
	}
	fatal("cannot open fifo %s", path);
	return -1;
}

int main(int argc, char **argv)
{
	int opt;
	while ((opt = getopt(argc, argv, "p:c:s:d:a:w:t:CP:F:")) != -1) {
		switch (opt) {
		case 'p': port = atoi(optarg); break;
		case 'c': nconns = atoi(optarg); break;
		case 's': msg = (size_t)strtoul(optarg, NULL, 10); break;
		case 'd': seconds = atof(optarg); break;
		case 'a': active_frac = atof(optarg); break;
		case 'w': warmup = atof(optarg); break;
		case 't': nthreads = atoi(optarg); break;
		case 'C': churn = 1; break;
		case 'P':
			for (char *s = strtok(optarg, ","); s && npids < MAX_PIDS; s = strtok(NULL, ","))
				pids[npids++] = atoi(s);
			break;
		case 'F':
			ctl_fifo = optarg;
			if ((ack_fifo = strchr(optarg, ',')))
				*ack_fifo++ = 0;
			break;
		default: usage();
		}
	}
	if (port <= 0 || nconns <= 0 || msg == 0 || seconds <= 0 || nthreads <= 0 ||
	    active_frac < 0 || active_frac > 1 || warmup < 0)
		usage();
	if (nthreads > nconns)
		nthreads = nconns;
	nactive = churn ? nconns : (int)(nconns * active_frac + 0.5);

	/* Every connection is a descriptor: take the hard limit. */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	signal(SIGPIPE, SIG_IGN);

	FILE *pr = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");
	if (pr) {
		if (fscanf(pr, "%d %d", &port_lo, &port_hi) != 2 || port_hi - port_lo < 4 * PORT_WINDOW)
			port_lo = 32768, port_hi = 60999;
		fclose(pr);
	}

	srv.sin_family = AF_INET;
	srv.sin_port = htons((uint16_t)port);
	srv.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* loopback only, by design */

	pat = malloc(msg + PAT_SHIFTS);
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	for (size_t i = 0; i < msg + PAT_SHIFTS; i++) { /* xorshift64: no period within a message */
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		pat[i] = (unsigned char)(x >> 32);
	}

	if (ctl_fifo) {
		ctl_fd = open_fifo(ctl_fifo, O_WRONLY);
		if (ack_fifo)
			ack_fd = open_fifo(ack_fifo, O_RDONLY);
	}

	/* Connection i goes to thread i % T; the first nactive are active, so each thread gets
	 * its share of the active ones. */
	struct worker *ws = calloc((size_t)nthreads, sizeof *ws);
	for (int t = 0; t < nthreads; t++) {
		struct worker *w = &ws[t];
		w->idx = t;
		w->n = nconns / nthreads + (t < nconns % nthreads);
		w->conns = calloc((size_t)w->n, sizeof *w->conns);
		w->hist = calloc(HIST_SIZE, sizeof *w->hist);
		w->ep = epoll_create1(EPOLL_CLOEXEC);
		if (!w->conns || !w->hist || w->ep < 0)
			fatal("%s", "out of memory or descriptors");
		for (int j = 0; j < w->n; j++) {
			uint32_t id = (uint32_t)(j * nthreads + t);
			w->conns[j] = (struct conn){ .fd = -1, .state = C_NEW, .id = id, .active = (int)id < nactive };
		}
		if (churn) { /* churn: every slot is a connection in flight from the start */
			for (int j = 0; j < w->n; j++)
				conn_start(w, &w->conns[j]);
			w->next_new = w->n;
		}
	}
	t_start = now_ns();
	for (int t = 1; t < nthreads; t++)
		pthread_create(&ws[t].th, NULL, worker_main, &ws[t]);
	worker_main(&ws[0]);
	for (int t = 1; t < nthreads; t++)
		pthread_join(ws[t].th, NULL);

	/* Merge the per-thread results. */
	uint64_t rts = 0, errs = 0, retries = 0;
	uint32_t *hist = ws[0].hist;
	for (int t = 0; t < nthreads; t++) {
		rts += ws[t].round_trips;
		errs += ws[t].errors;
		retries += ws[t].connect_retries;
		if (t)
			for (int b = 0; b < HIST_SIZE; b++)
				hist[b] += ws[t].hist[b];
	}
	double pct[2] = { 0.50, 0.99 }, val[2] = { 0, 0 };
	for (int k = 0; k < 2; k++) {
		uint64_t need = (uint64_t)(pct[k] * (double)rts + 0.999999), cum = 0;
		for (int b = 0; b < HIST_SIZE && rts; b++) {
			cum += hist[b];
			if (cum >= need) {
				int e = (b - HIST_EXACT) / 64 + 16, sub = (b - HIST_EXACT) % 64;
				val[k] = b < HIST_EXACT ? b : (double)((uint64_t)(64 + sub) << (e - 6));
				break;
			}
		}
	}
	double secs = (double)(t_end - t_meas) / 1e9;
	printf("mode=%s conns=%d active=%d threads=%d msg_bytes=%zu seconds=%.3f round_trips=%llu "
	       "rtt_per_sec=%.0f p50_us=%.0f p99_us=%.0f errors=%llu connect_retries=%llu "
	       "client_cpu_s=%.3f machine_busy_s=%.2f steal_s=%.2f",
	       churn ? "churn" : "echo", nconns, nactive, nthreads, msg, secs, (unsigned long long)rts,
	       rts / secs, val[0], val[1], (unsigned long long)errs, (unsigned long long)retries,
	       cli_cpu1 - cli_cpu0, (double)(mach_busy1 - mach_busy0) / (double)sysconf(_SC_CLK_TCK),
	       (double)(steal1 - steal0) / (double)sysconf(_SC_CLK_TCK));
	if (npids) {
		double cpu = (double)(srv_cpu1 - srv_cpu0) / (double)sysconf(_SC_CLK_TCK);
		printf(" server_cpu_s=%.3f cpu_us_per_rtt=%.3f", cpu, rts ? cpu * 1e6 / (double)rts : 0.0);
	}
	printf("\n");
	fflush(stdout);
	/* Close every connection: the server sees a clean EOF on each. */
	for (int t = 0; t < nthreads; t++)
		for (int j = 0; j < ws[t].n; j++)
			if (ws[t].conns[j].fd >= 0)
				close(ws[t].conns[j].fd);
	return errs ? 1 : 0;
}
