/* The draft API around the stable one: zmq_ctx_set_ext/get_ext (ZMQ_THREAD_NAME_PREFIX as a
   string, everything else as an int, in libzmq's forms), zmq_poller_fd (EINVAL without
   thread-safe sockets), zmq_join/zmq_leave/zmq_connect_peer (ENOTSUP: no RADIO/DISH/PEER), and
   zmq_poller_wait(_all) ended by a signal with EINTR. Zinc only: the draft functions are not in
   Debian's libzmq. */
#define _GNU_SOURCE
#define ZMQ_BUILD_DRAFT_API
#include <zmq.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include "check.h"

static void on_tick (int signo)
{
    (void) signo;
}

/* SIGALRM every 10 ms around one call, which must end with EINTR (see eintr.c). */
#define CHECK_EINTR(call)                                                                    \
    do {                                                                                     \
        struct itimerval every_ = {{0, 10000}, {0, 10000}}, off_ = {{0, 0}, {0, 0}};         \
        CHECK (setitimer (ITIMER_REAL, &every_, NULL) == 0);                                 \
        int rc_ = (call);                                                                    \
        int errno_ = zmq_errno ();                                                           \
        CHECK (setitimer (ITIMER_REAL, &off_, NULL) == 0);                                   \
        errno = errno_;                                                                      \
        CHECK (rc_ == -1 && errno_ == EINTR);                                                \
    } while (0)

/* True when one of this process's threads is named with the prefix (IO threads are). */
static int thread_named (const char *prefix)
{
    DIR *tasks = opendir ("/proc/self/task");
    CHECK (tasks);
    int found = 0;
    struct dirent *task;
    while (!found && (task = readdir (tasks)) != NULL) {
        char path[300], name[64] = "";
        snprintf (path, sizeof path, "/proc/self/task/%s/comm", task->d_name);
        FILE *comm = fopen (path, "r");
        if (!comm) continue;
        if (fgets (name, sizeof name, comm)) found = strncmp (name, prefix, strlen (prefix)) == 0;
        fclose (comm);
    }
    closedir (tasks);
    return found;
}

static void context_options (void)
{
    void *ctx = zmq_ctx_new ();
    int value = 2;
    CHECK_OK (zmq_ctx_set_ext (ctx, ZMQ_IO_THREADS, &value, sizeof value));
    CHECK (zmq_ctx_get (ctx, ZMQ_IO_THREADS) == 2);
    value = 0;
    size_t length = sizeof value;
    CHECK_OK (zmq_ctx_get_ext (ctx, ZMQ_IO_THREADS, &value, &length));
    CHECK (value == 2 && length == sizeof value);
    int64_t wide = 1;
    CHECK_ERR (zmq_ctx_set_ext (ctx, ZMQ_IO_THREADS, &wide, sizeof wide), EINVAL);
    length = sizeof wide;
    CHECK_ERR (zmq_ctx_get_ext (ctx, ZMQ_IO_THREADS, &wide, &length), EINVAL);
    CHECK_ERR (zmq_ctx_set_ext (NULL, ZMQ_IO_THREADS, &value, sizeof value), EFAULT);

    /* The prefix as a string of 1 to 16 bytes, read back without a terminator. */
    CHECK_OK (zmq_ctx_set_ext (ctx, ZMQ_THREAD_NAME_PREFIX, "zinc-ab", 7));
    char name[32];
    memset (name, 0, sizeof name);
    length = sizeof name;
    CHECK_OK (zmq_ctx_get_ext (ctx, ZMQ_THREAD_NAME_PREFIX, name, &length));
    CHECK (strcmp (name, "zinc-ab") == 0 && length == sizeof name);
    length = 3;
    CHECK_ERR (zmq_ctx_get_ext (ctx, ZMQ_THREAD_NAME_PREFIX, name, &length), EINVAL);
    CHECK_ERR (zmq_ctx_set_ext (ctx, ZMQ_THREAD_NAME_PREFIX, "0123456789abcdefg", 17), EINVAL);
    CHECK_ERR (zmq_ctx_set_ext (ctx, ZMQ_THREAD_NAME_PREFIX, "", 0), EINVAL);
    CHECK (zmq_ctx_get (ctx, ZMQ_THREAD_NAME_PREFIX) == 0); /* atoi ("zinc-ab") */

    /* The IO threads carry it: once a message went through one, it has long been named. */
    void *pull = zmq_socket (ctx, ZMQ_PULL), *push = zmq_socket (ctx, ZMQ_PUSH);
    CHECK_OK (zmq_bind (pull, "tcp://127.0.0.1:*"));
    char endpoint[256];
    length = sizeof endpoint;
    CHECK_OK (zmq_getsockopt (pull, ZMQ_LAST_ENDPOINT, endpoint, &length));
    CHECK_OK (zmq_connect (push, endpoint));
    CHECK (zmq_send (push, "x", 1, 0) == 1);
    CHECK (zmq_recv (pull, name, sizeof name, 0) == 1);
    CHECK (thread_named ("zinc-ab/ZMQbg/"));
    int linger = 0;
    CHECK_OK (zmq_setsockopt (push, ZMQ_LINGER, &linger, sizeof linger));
    zmq_close (push);
    zmq_close (pull);

    /* Four bytes are an int, as in libzmq, and the int is printed. */
    value = 42;
    CHECK_OK (zmq_ctx_set_ext (ctx, ZMQ_THREAD_NAME_PREFIX, &value, sizeof value));
    CHECK (zmq_ctx_get (ctx, ZMQ_THREAD_NAME_PREFIX) == 42);
    memset (name, 0, sizeof name);
    length = sizeof name;
    CHECK_OK (zmq_ctx_get_ext (ctx, ZMQ_THREAD_NAME_PREFIX, name, &length));
    CHECK (strcmp (name, "42") == 0);
    value = 0;
    length = sizeof value;
    CHECK_OK (zmq_ctx_get_ext (ctx, ZMQ_THREAD_NAME_PREFIX, &value, &length));
    CHECK (value == 42);
    CHECK_OK (zmq_ctx_term (ctx));
}

static void missing_socket_types (void *ctx)
{
    void *s = zmq_socket (ctx, ZMQ_SUB);
    CHECK_ERR (zmq_join (s, "group"), ENOTSUP);
    CHECK_ERR (zmq_leave (s, "group"), ENOTSUP);
    CHECK_ERR (zmq_join (NULL, "group"), ENOTSOCK);
    CHECK (zmq_connect_peer (s, "tcp://127.0.0.1:5555") == 0 && zmq_errno () == ENOTSUP);
    CHECK (zmq_connect_peer (NULL, "tcp://127.0.0.1:5555") == 0 && zmq_errno () == ENOTSOCK);
    zmq_close (s);
    CHECK_ERR (zmq_join (s, "group"), ENOTSOCK);
}

static void poller (void *ctx)
{
    void *poller = zmq_poller_new ();
    zmq_fd_t fd = -1;
    CHECK_ERR (zmq_poller_fd (poller, &fd), EINVAL);
    CHECK_ERR (zmq_poller_fd (NULL, &fd), EFAULT);

    struct sigaction action;
    memset (&action, 0, sizeof action);
    action.sa_handler = on_tick;
    sigemptyset (&action.sa_mask);
    CHECK (sigaction (SIGALRM, &action, NULL) == 0);

    /* Empty, with a timeout: libzmq sleeps it out (EAGAIN) unless a signal comes first. */
    zmq_poller_event_t events[2];
    CHECK_ERR (zmq_poller_wait_all (poller, events, 2, 1), EAGAIN);
    CHECK_EINTR (zmq_poller_wait_all (poller, events, 2, 60000));

    void *pull = zmq_socket (ctx, ZMQ_PULL);
    CHECK_OK (zmq_bind (pull, "inproc://drafts-poller"));
    CHECK_OK (zmq_poller_add (poller, pull, NULL, ZMQ_POLLIN));
    CHECK_EINTR (zmq_poller_wait (poller, events, -1));
    CHECK_EINTR (zmq_poller_wait_all (poller, events, 2, -1));
    int fds[2];
    CHECK (pipe (fds) == 0);
    CHECK_OK (zmq_poller_add_fd (poller, fds[0], NULL, ZMQ_POLLIN));
    CHECK_EINTR (zmq_poller_wait_all (poller, events, 2, -1));

    /* Afterwards it reports as before. */
    CHECK (write (fds[1], "x", 1) == 1);
    CHECK (zmq_poller_wait_all (poller, events, 2, 10000) == 1 && events[0].fd == fds[0]);
    CHECK_OK (zmq_poller_destroy (&poller));
    close (fds[0]);
    close (fds[1]);
    zmq_close (pull);
}

int main (void)
{
    context_options ();
    void *ctx = zmq_ctx_new ();
    missing_socket_types (ctx);
    poller (ctx);
    CHECK_OK (zmq_ctx_term (ctx));
    puts ("done");
    return 0;
}
