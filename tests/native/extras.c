/* zmq_proxy_steerable on a zmq_threadstart thread (PUSH -> PULL|proxy|PUSH -> PULL with a
   capture), TERMINATE on the control socket; zmq_proxy ended by ETERM; the draft API: poller,
   timers, message routing id, group and init_buffer; zmq_sendiov/zmq_recviov. Zinc only: the
   draft functions are not in Debian's libzmq. */
#define ZMQ_BUILD_DRAFT_API
#include <zmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include "check.h"

static void *ctx;
static void *front, *back, *capture, *control;
static int proxy_result = 1, proxy_errno;

static void run_steerable (void *arg)
{
    (void) arg;
    proxy_result = zmq_proxy_steerable (front, back, capture, control);
}

static void run_plain (void *arg)
{
    (void) arg;
    proxy_result = zmq_proxy (front, back, NULL);
    proxy_errno = zmq_errno ();
}

static void *make (int type)
{
    void *s = zmq_socket (ctx, type);
    CHECK (s);
    int timeout = 10000, linger = 0;
    CHECK_OK (zmq_setsockopt (s, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_setsockopt (s, ZMQ_LINGER, &linger, sizeof linger));
    return s;
}

static void expect (void *s, const char *text, int more)
{
    char buffer[64];
    int n = zmq_recv (s, buffer, sizeof buffer - 1, 0);
    CHECK (n >= 0);
    buffer[n] = 0;
    CHECK (strcmp (buffer, text) == 0);
    int rcvmore;
    size_t size = sizeof rcvmore;
    CHECK_OK (zmq_getsockopt (s, ZMQ_RCVMORE, &rcvmore, &size));
    CHECK (rcvmore == more);
}

static int fired;
static void on_timer (int id, void *arg)
{
    CHECK (arg == &fired);
    (void) id;
    fired++;
}

int main (void)
{
    ctx = zmq_ctx_new ();
    void *source = make (ZMQ_PUSH), *sink = make (ZMQ_PULL), *captured = make (ZMQ_PULL);
    void *steer = make (ZMQ_PAIR);
    front = make (ZMQ_PULL);
    back = make (ZMQ_PUSH);
    capture = make (ZMQ_PUSH);
    control = make (ZMQ_PAIR);
    CHECK_OK (zmq_bind (front, "inproc://front"));
    CHECK_OK (zmq_bind (back, "inproc://back"));
    CHECK_OK (zmq_bind (capture, "inproc://capture"));
    CHECK_OK (zmq_bind (control, "inproc://control"));
    CHECK_OK (zmq_connect (source, "inproc://front"));
    CHECK_OK (zmq_connect (sink, "inproc://back"));
    CHECK_OK (zmq_connect (captured, "inproc://capture"));
    CHECK_OK (zmq_connect (steer, "inproc://control"));

    void *thread = zmq_threadstart (run_steerable, NULL);
    CHECK (thread);
    CHECK (zmq_send (source, "job", 3, ZMQ_SNDMORE) == 3);
    CHECK (zmq_send (source, "1", 1, 0) == 1);
    expect (sink, "job", 1);
    expect (sink, "1", 0);
    expect (captured, "job", 1);
    expect (captured, "1", 0);
    CHECK (zmq_send (steer, "TERMINATE", 9, 0) == 9);
    zmq_threadclose (thread);
    CHECK (proxy_result == 0);

    /* A plain proxy runs until the context shuts down: ETERM. */
    thread = zmq_threadstart (run_plain, NULL);
    CHECK (zmq_send (source, "two", 3, 0) == 3);
    expect (sink, "two", 0);
    CHECK_OK (zmq_ctx_shutdown (ctx));
    zmq_threadclose (thread);
    CHECK (proxy_result == -1 && proxy_errno == ETERM);
    void *all[] = {source, sink, captured, steer, front, back, capture, control};
    for (int i = 0; i < 8; i++) zmq_close (all[i]);
    CHECK_OK (zmq_ctx_term (ctx));

    /* Draft poller: a socket with user data, and a timeout. */
    ctx = zmq_ctx_new ();
    void *a = make (ZMQ_PAIR), *b = make (ZMQ_PAIR);
    CHECK_OK (zmq_bind (a, "inproc://poller"));
    CHECK_OK (zmq_connect (b, "inproc://poller"));
    void *poller = zmq_poller_new ();
    CHECK (poller);
    CHECK_OK (zmq_poller_add (poller, a, (void *) 0x77, ZMQ_POLLIN));
    CHECK (zmq_poller_size (poller) == 1);
    zmq_poller_event_t event;
    CHECK_ERR (zmq_poller_wait (poller, &event, 0), EAGAIN);
    CHECK (zmq_send (b, "x", 1, 0) == 1);
    CHECK_OK (zmq_poller_wait (poller, &event, 10000));
    CHECK (event.socket == a && event.user_data == (void *) 0x77 && event.events == ZMQ_POLLIN);
    zmq_poller_event_t events[4];
    CHECK (zmq_poller_wait_all (poller, events, 4, 0) == 1);
    CHECK_OK (zmq_poller_remove (poller, a));
    CHECK_ERR (zmq_poller_remove (poller, a), EINVAL);
    CHECK_OK (zmq_poller_destroy (&poller));
    CHECK (poller == NULL);
    zmq_close (a);
    zmq_close (b);
    CHECK_OK (zmq_ctx_term (ctx));

    /* Draft timers: a zero interval is due at once. */
    void *timers = zmq_timers_new ();
    CHECK (zmq_timers_timeout (timers) == -1);
    int id = zmq_timers_add (timers, 0, on_timer, &fired);
    CHECK (id > 0);
    CHECK (zmq_timers_timeout (timers) == 0);
    CHECK_OK (zmq_timers_execute (timers));
    CHECK (fired == 1);
    CHECK_OK (zmq_timers_set_interval (timers, id, 1000000));
    CHECK (zmq_timers_timeout (timers) > 0);
    CHECK_OK (zmq_timers_execute (timers));
    CHECK (fired == 1);
    CHECK_OK (zmq_timers_reset (timers, id));
    CHECK_OK (zmq_timers_cancel (timers, id));
    CHECK_ERR (zmq_timers_cancel (timers, id), EINVAL);
    CHECK_OK (zmq_timers_destroy (&timers));
    CHECK (timers == NULL);
    /* sendiov/recviov: a three-frame message; recviov's buffers are the caller's to free. */
    ctx = zmq_ctx_new ();
    void *in = make (ZMQ_PAIR), *out = make (ZMQ_PAIR);
    CHECK_OK (zmq_bind (in, "inproc://iov"));
    CHECK_OK (zmq_connect (out, "inproc://iov"));
    struct iovec parts[3] = {{"a", 1}, {"bc", 2}, {"def", 3}}, got[4];
    CHECK (zmq_sendiov (out, parts, 3, 0) == 3);
    size_t count = 4;
    CHECK (zmq_recviov (in, got, &count, 0) == 6);
    CHECK (count == 3);
    CHECK (got[0].iov_len == 1 && got[2].iov_len == 3 && memcmp (got[2].iov_base, "def", 3) == 0);
    for (size_t i = 0; i < count; i++) free (got[i].iov_base);
    zmq_close (in);
    zmq_close (out);
    CHECK_OK (zmq_ctx_term (ctx));

    zmq_msg_t msg, other;
    /* Draft: routing id and group live on the message. */
    CHECK_OK (zmq_msg_init (&msg));
    CHECK (zmq_msg_routing_id (&msg) == 0);
    CHECK_ERR (zmq_msg_set_routing_id (&msg, 0), EINVAL);
    CHECK_OK (zmq_msg_set_routing_id (&msg, 42));
    CHECK (zmq_msg_routing_id (&msg) == 42);
    CHECK (strcmp (zmq_msg_group (&msg), "") == 0);
    CHECK_OK (zmq_msg_set_group (&msg, "movies"));
    CHECK (strcmp (zmq_msg_group (&msg), "movies") == 0);
    CHECK_OK (zmq_msg_init_buffer (&other, "buffer", 6));
    CHECK (zmq_msg_size (&other) == 6 && memcmp (zmq_msg_data (&other), "buffer", 6) == 0);
    CHECK_OK (zmq_msg_close (&other));
    CHECK_OK (zmq_msg_close (&msg));

    puts ("done");
    return 0;
}
