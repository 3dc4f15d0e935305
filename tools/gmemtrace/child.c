// SPDX-License-Identifier: GPL-2.0
/*
 * "gmemtrace trace|stat -- COMMAND": the command is forked first and held
 * before exec until the BPF programs are attached, so that none of its
 * events is missed; the tool stops when it exits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tool.h"

static int go_fd = -1;		/* closing it lets the child exec */
static int err_fd = -1;		/* the child's exec errno, or EOF */
static const char *child_name;

int gmt_child_spawn(char **argv, pid_t *pid)
{
	int go[2], err[2];
	ssize_t n;
	char c;
	int e;

	if (pipe2(go, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) {
		gmt_err("pipe: %s", strerror(errno));
		return -1;
	}
	*pid = fork();
	if (*pid < 0) {
		gmt_err("fork: %s", strerror(errno));
		return -1;
	}
	if (!*pid) {
		close(go[1]);
		close(err[0]);
		while ((n = read(go[0], &c, 1)) < 0 && errno == EINTR)
			;
		if (n)
			_exit(127);	/* the tool failed before starting us */
		execvp(argv[0], argv);
		e = errno;
		if (write(err[1], &e, sizeof(e)) != sizeof(e))
			_exit(126);
		_exit(127);
	}
	close(go[0]);
	close(err[1]);
	go_fd = go[1];
	err_fd = err[0];
	child_name = argv[0];
	return 0;
}

int gmt_child_start(void)
{
	ssize_t n;
	int e;

	close(go_fd);
	go_fd = -1;
	while ((n = read(err_fd, &e, sizeof(e))) < 0 && errno == EINTR)
		;
	close(err_fd);
	err_fd = -1;
	if (n == sizeof(e)) {
		gmt_err("cannot run '%s': %s", child_name, strerror(e));
		return -1;
	}
	return 0;
}

int gmt_child_reap(pid_t pid, int *status)
{
	pid_t r = waitpid(pid, status, WNOHANG);

	return r == pid;
}

void gmt_child_abort(pid_t pid)
{
	int status;

	if (go_fd >= 0) {
		if (write(go_fd, "x", 1) != 1)
			kill(pid, SIGKILL);
		close(go_fd);
		go_fd = -1;
	}
	if (err_fd >= 0) {
		close(err_fd);
		err_fd = -1;
	}
	waitpid(pid, &status, 0);
}
