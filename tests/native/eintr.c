/* EINTR: a signal whose handler runs on a thread blocked in zmq_recv, zmq_msg_recv, zmq_send,
   zmq_msg_send or zmq_poll ends the call with -1/EINTR, with or without SA_RESTART (poll(2) is
   never restarted), whatever RCVTIMEO says; the sockets work normally afterwards. The signal
   source is a repeating timer armed around each call: a tick that arrives before the call
   waits is simply handled, and a later one interrupts the wait. Stable API: also run on libzmq. */
#define _GNU_SOURCE
#include <zmq.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static volatile sig_atomic_t ticks;

static void on_tick (int signo)
{
    (void) signo;
    ticks++;
}

static void handle (int signo, int flags)
{
    struct sigaction action;
    memset (&action, 0, sizeof action);
    action.sa_handler = on_tick;
    action.sa_flags = flags;
    sigemptyset (&action.sa_mask);
    CHECK (sigaction (signo, &action, NULL) == 0);
}

/* SIGALRM to the process every 10 ms until disarmed; the kernel gives it to the main thread,
   the one blocked (Zinc's and libzmq's own threads block signals). */
static void arm (void)
{
    struct itimerval every = {{0, 10000}, {0, 10000}};
    CHECK (setitimer (ITIMER_REAL, &every, NULL) == 0);
}

static void disarm (void)
{
    struct itimerval off = {{0, 0}, {0, 0}};
    CHECK (setitimer (ITIMER_REAL, &off, NULL) == 0);
}

/* Runs one blocking call under the timer and expects -1/EINTR from it. */
#define CHECK_EINTR(call)                                                                    \
    do {                                                                                     \
        arm ();                                                                              \
        int rc_ = (call);                                                                    \
        int errno_ = zmq_errno ();                                                           \
        disarm ();                                                                           \
        errno = errno_;                                                                      \
        CHECK (rc_ == -1 && errno_ == EINTR);                                                \
    } while (0)

static void *ctx;

static void *bound (int type, const char *endpoint)
{
    void *s = zmq_socket (ctx, type);
    CHECK (s);
    int linger = 0;
    CHECK_OK (zmq_setsockopt (s, ZMQ_LINGER, &linger, sizeof linger));
    CHECK_OK (zmq_bind (s, endpoint));
    return s;
}

/* A thread blocked in zmq_recv, interrupted by a timer aimed at that thread only. */
static void *receive_on_worker (void *socket)
{
    struct sigevent to_me;
    memset (&to_me, 0, sizeof to_me);
    to_me.sigev_notify = SIGEV_THREAD_ID;
    to_me.sigev_signo = SIGUSR1;
    to_me._sigev_un._tid = gettid ();
    timer_t timer;
    CHECK (timer_create (CLOCK_MONOTONIC, &to_me, &timer) == 0);
    struct itimerspec every = {{0, 10000000}, {0, 10000000}};
    CHECK (timer_settime (timer, 0, &every, NULL) == 0);
    char c;
    int rc = zmq_recv (socket, &c, 1, 0);
    int error = zmq_errno ();
    CHECK (timer_delete (timer) == 0);
    return (void *) (long) (rc == -1 ? error : 0);
}

int main (void)
{
    ctx = zmq_ctx_new ();
    CHECK (ctx);
    char buffer[16];
    zmq_msg_t msg;

    handle (SIGALRM, 0);
    void *pull = bound (ZMQ_PULL, "inproc://eintr-pull");
    CHECK_EINTR (zmq_recv (pull, buffer, sizeof buffer, 0));
    CHECK_OK (zmq_msg_init (&msg));
    CHECK_EINTR (zmq_msg_recv (&msg, pull, 0));
    CHECK_OK (zmq_msg_close (&msg));

    /* A PUSH without peers blocks on send; the message stays the caller's. */
    void *push = bound (ZMQ_PUSH, "inproc://eintr-push");
    CHECK_EINTR (zmq_send (push, "hello", 5, 0));
    CHECK_OK (zmq_msg_init_size (&msg, 5));
    memcpy (zmq_msg_data (&msg), "hello", 5);
    CHECK_EINTR (zmq_msg_send (&msg, push, 0));
    CHECK (zmq_msg_size (&msg) == 5 && memcmp (zmq_msg_data (&msg), "hello", 5) == 0);

    /* A receive timeout far away does not hide the signal. */
    int timeout = 60000;
    CHECK_OK (zmq_setsockopt (pull, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_EINTR (zmq_recv (pull, buffer, sizeof buffer, 0));

    /* zmq_poll: on a socket, on a plain descriptor, and on no items at all (a sleep). */
    zmq_pollitem_t on_socket = {pull, 0, ZMQ_POLLIN, 0};
    CHECK_EINTR (zmq_poll (&on_socket, 1, -1));
    int fds[2];
    CHECK (pipe (fds) == 0);
    zmq_pollitem_t on_fd = {NULL, fds[0], ZMQ_POLLIN, 0};
    CHECK_EINTR (zmq_poll (&on_fd, 1, -1));
    CHECK_EINTR (zmq_poll (NULL, 0, -1));

    /* With SA_RESTART the calls still end: poll(2) is never restarted. */
    handle (SIGALRM, SA_RESTART);
    CHECK_EINTR (zmq_recv (pull, buffer, sizeof buffer, 0));
    CHECK_EINTR (zmq_poll (&on_socket, 1, -1));

    /* Over tcp, with the IO thread running. */
    void *tcp_pull = bound (ZMQ_PULL, "tcp://127.0.0.1:*");
    CHECK_EINTR (zmq_recv (tcp_pull, buffer, sizeof buffer, 0));

    /* The interrupted sockets work as before. */
    void *to_pull = zmq_socket (ctx, ZMQ_PUSH);
    CHECK_OK (zmq_connect (to_pull, "inproc://eintr-pull"));
    CHECK (zmq_send (to_pull, "after", 5, 0) == 5);
    CHECK (zmq_poll (&on_socket, 1, 10000) == 1);
    CHECK (zmq_recv (pull, buffer, sizeof buffer, 0) == 5 && memcmp (buffer, "after", 5) == 0);
    void *from_push = zmq_socket (ctx, ZMQ_PULL);
    CHECK_OK (zmq_setsockopt (from_push, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_connect (from_push, "inproc://eintr-push"));
    CHECK (zmq_msg_send (&msg, push, 0) == 5);
    CHECK (zmq_recv (from_push, buffer, sizeof buffer, 0) == 5 && memcmp (buffer, "hello", 5) == 0);
    CHECK_OK (zmq_msg_close (&msg));

    /* A thread other than the main one, signalled directly. */
    handle (SIGUSR1, 0);
    pthread_t worker;
    void *result;
    CHECK (pthread_create (&worker, NULL, receive_on_worker, tcp_pull) == 0);
    CHECK (pthread_join (worker, &result) == 0);
    CHECK ((long) result == EINTR);

    close (fds[0]);
    close (fds[1]);
    zmq_close (pull);
    zmq_close (push);
    zmq_close (tcp_pull);
    zmq_close (to_pull);
    zmq_close (from_push);
    CHECK_OK (zmq_ctx_term (ctx));
    printf ("interrupted after %d ticks\ndone\n", (int) ticks);
    return 0;
}
