/*
 * echo_server: the smallest honest epoll echo server, the reference for "what this
 * kernel allows" in the echo benchmarks.
 *
 *   echo_server PORT        (PORT 0 = any free port; the chosen one is printed)
 *
 * One thread, one epoll instance, 127.0.0.1 only. Connection sockets are edge-triggered
 * (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET, registered once and never modified); the
 * listener is level-triggered. Per readiness it reads until EAGAIN into one shared 64 KiB
 * buffer and writes each chunk straight back. Only when the socket's send buffer is full is
 * the unsent rest copied into a per-connection buffer; the connection then stops reading
 * until an EPOLLOUT edge lets it flush, so memory per connection stays bounded.
 * Prints "listening on PORT" and serves until SIGTERM or SIGINT.
 *
 * Build: gcc -O2 -Wall -Wextra -o echo_server echo_server.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE (64 * 1024)
#define MAX_EVENTS 256

struct conn {
	int fd;
	size_t pend_off, pend_len; /* unsent bytes: pend[pend_off .. pend_len) */
	char *pend;                /* BUF_SIZE bytes, allocated the first time a send is short */
};

static volatile sig_atomic_t stop;
static char buf[BUF_SIZE];
static int listener_tag; /* its address marks the listener in epoll_event.data.ptr */
static long open_conns;

static void on_signal(int sig) { (void)sig; stop = 1; }

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void conn_close(struct conn *c)
{
	close(c->fd); /* also removes it from the epoll set: nobody else holds the fd */
	free(c->pend);
	free(c);
	open_conns--;
}

/* Sends the pending bytes. Returns 1 when all are gone, 0 when the socket is full, -1 on error. */
static int flush_pending(struct conn *c)
{
	while (c->pend_off < c->pend_len) {
		ssize_t n = send(c->fd, c->pend + c->pend_off, c->pend_len - c->pend_off, MSG_NOSIGNAL);
		if (n > 0) {
			c->pend_off += (size_t)n;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && errno == EAGAIN) {
			return 0;
		} else {
			return -1;
		}
	}
	c->pend_off = c->pend_len = 0;
	return 1;
}

/* Writes buf[0..len) back; whatever the socket does not take goes to c->pend.
 * Returns 1 if all was sent, 0 if some was kept for EPOLLOUT, -1 on error. */
static int echo_back(struct conn *c, size_t len)
{
	size_t off = 0;
	while (off < len) {
		ssize_t n = send(c->fd, buf + off, len - off, MSG_NOSIGNAL);
		if (n > 0) {
			off += (size_t)n;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && errno == EAGAIN) {
			if (!c->pend && !(c->pend = malloc(BUF_SIZE)))
				return -1;
			memcpy(c->pend, buf + off, len - off);
			c->pend_off = 0;
			c->pend_len = len - off;
			return 0;
		} else {
			return -1;
		}
	}
	return 1;
}

/* One readiness edge on a connection. Returns -1 when the connection must be closed. */
static int on_conn_event(struct conn *c, uint32_t events)
{
	if (c->pend_len) {
		/* Waiting for EPOLLOUT: flush first and do not read before everything went out. */
		int r = flush_pending(c);
		if (r <= 0)
			return r;
		/* Flushed. Data that arrived meanwhile raised no new edge we could still act on
		 * (we ignored it), so fall through and read until EAGAIN. */
	} else if (!(events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))) {
		return 0; /* a bare EPOLLOUT edge with nothing queued */
	}
	for (;;) {
		ssize_t n = read(c->fd, buf, sizeof buf);
		if (n > 0) {
			int r = echo_back(c, (size_t)n);
			if (r <= 0)
				return r; /* error, or socket full: stop reading until EPOLLOUT */
		} else if (n == 0) {
			return -1; /* EOF: the peer is done */
		} else if (errno == EINTR) {
			continue;
		} else if (errno == EAGAIN) {
			return 0; /* drained: the next edge comes with the next bytes */
		} else {
			return -1;
		}
	}
}

static void on_accept(int ep, int lfd)
{
	for (;;) {
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno != EAGAIN)
				perror("accept4"); /* EMFILE and friends: the LT listener retries next turn */
			return;
		}
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		struct conn *c = calloc(1, sizeof *c);
		if (!c) {
			close(fd);
			continue;
		}
		c->fd = fd;
		/* EPOLLOUT is in the mask from the start, so no epoll_ctl is ever needed per message:
		 * with EPOLLET, TCP raises a write-space edge only after a send found the buffer
		 * full, so an idle EPOLLOUT interest costs no wakeups. */
		struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET, .data.ptr = c };
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
			perror("epoll_ctl");
			close(fd);
			free(c);
			continue;
		}
		open_conns++;
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	int port = atoi(argv[1]);

	/* 1000+ connections need more than the usual soft limit of 1024 descriptors. */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}

	struct sigaction sa = { .sa_handler = on_signal }; /* no SA_RESTART: epoll_wait returns EINTR */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (lfd < 0)
		die("socket");
	int one = 1;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0)
		die("bind");
	if (listen(lfd, 4096) < 0) /* clamped to net.core.somaxconn: absorbs connect bursts */
		die("listen");
	socklen_t alen = sizeof addr;
	getsockname(lfd, (struct sockaddr *)&addr, &alen);

	int ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		die("epoll_create1");
	/* The listener stays level-triggered: if accept4 ever fails with EMFILE, the pending
	 * connections are reported again instead of being forgotten with a consumed edge. */
	struct epoll_event lev = { .events = EPOLLIN, .data.ptr = &listener_tag };
	if (epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &lev) < 0)
		die("epoll_ctl");

	printf("listening on %d\n", ntohs(addr.sin_port));
	fflush(stdout);

	struct epoll_event events[MAX_EVENTS];
	while (!stop) {
		int n = epoll_wait(ep, events, MAX_EVENTS, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("epoll_wait");
		}
		for (int i = 0; i < n; i++) {
			if (events[i].data.ptr == &listener_tag) {
				on_accept(ep, lfd);
				continue;
			}
			/* Safe against stale pointers: each fd appears at most once per epoll_wait
			 * result, and only the connection being handled is ever closed. */
			struct conn *c = events[i].data.ptr;
			if (on_conn_event(c, events[i].events) < 0)
				conn_close(c);
		}
	}
	/* Connections still open at SIGTERM are dropped by exit(); the kernel closes them. */
	fprintf(stderr, "echo_server: stopping, %ld connections open\n", open_conns);
	return 0;
}
