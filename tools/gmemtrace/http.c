// SPDX-License-Identifier: GPL-2.0
/*
 * A minimal HTTP/1.0 endpoint on the loopback interface for Prometheus to
 * scrape: one request per connection, answered at once, no keep-alive.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "prom.h"
#include "tool.h"

int gmt_http_listen(unsigned int port, unsigned int *bound_port)
{
	struct sockaddr_in a = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	socklen_t len = sizeof(a);
	int fd, one = 1;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		gmt_err("--prom-listen: socket: %s", strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 8) ||
	    getsockname(fd, (struct sockaddr *)&a, &len)) {
		gmt_err("--prom-listen 127.0.0.1:%u: %s", port, strerror(errno));
		close(fd);
		return -1;
	}
	*bound_port = ntohs(a.sin_port);
	return fd;
}

/* Write all of @buf, giving up after a second without progress. */
static void send_all(int fd, const char *buf, size_t len)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	ssize_t w;

	while (len) {
		if (poll(&p, 1, 1000) <= 0)
			return;
		w = send(fd, buf, len, MSG_NOSIGNAL);
		if (w < 0 && errno == EAGAIN)
			continue;
		if (w <= 0)
			return;
		buf += w;
		len -= w;
	}
}

static void reply(int fd, const char *status, const char *type, const char *body, size_t len)
{
	char head[256];
	int n;

	n = snprintf(head, sizeof(head),
		     "HTTP/1.0 %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
		     "Connection: close\r\n\r\n", status, type, len);
	send_all(fd, head, n);
	send_all(fd, body, len);
}

void gmt_http_serve(int lfd, void (*render)(FILE *f, void *arg), void *arg)
{
	struct pollfd p = { .events = POLLIN };
	char req[1024] = "", *body = NULL;
	size_t got = 0, len = 0;
	ssize_t r;
	FILE *f;
	int fd;

	fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (fd < 0)
		return;
	/* The request line and headers, up to a second. */
	p.fd = fd;
	while (got < sizeof(req) - 1 && !strstr(req, "\r\n\r\n") && !strstr(req, "\n\n")) {
		if (poll(&p, 1, 1000) <= 0)
			break;
		r = recv(fd, req + got, sizeof(req) - 1 - got, 0);
		if (r <= 0)
			break;
		got += r;
		req[got] = '\0';
	}
	req[got] = '\0';
	if (strncmp(req, "GET /metrics ", 13) && strncmp(req, "GET /metrics?", 13)) {
		reply(fd, "404 Not Found", "text/plain", "try /metrics\n", 13);
		close(fd);
		return;
	}
	f = open_memstream(&body, &len);
	if (f) {
		render(f, arg);
		fclose(f);
		reply(fd, "200 OK", "text/plain; version=0.0.4; charset=utf-8", body, len);
	} else {
		reply(fd, "500 Internal Server Error", "text/plain", "out of memory\n", 14);
	}
	free(body);
	close(fd);
}
