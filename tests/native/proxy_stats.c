/* zmq_proxy_steerable answers STATISTICS on its control socket (PAIR or REP) with 8 frames of
   a uint64 each: frontend messages and bytes received, messages and bytes sent, then the same
   for the backend. A multipart message counts once, with the bytes of all its frames. Stable
   API only: also run on Debian's libzmq 4.3.4, where these numbers come from. */
#include <zmq.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include "check.h"

static void *ctx;
static void *front, *back, *control;
static int proxy_result = -1;

static void *run_proxy (void *arg)
{
    (void) arg;
    proxy_result = zmq_proxy_steerable (front, back, NULL, control);
    return NULL;
}

static void *make (int type)
{
    void *s = zmq_socket (ctx, type);
    CHECK (s);
    int timeout = 10000, linger = 0;
    CHECK_OK (zmq_setsockopt (s, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_setsockopt (s, ZMQ_SNDTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_setsockopt (s, ZMQ_LINGER, &linger, sizeof linger));
    return s;
}

static void send_parts (void *s, const char **parts, int count)
{
    for (int i = 0; i < count; i++) {
        int size = (int) strlen (parts[i]);
        CHECK (zmq_send (s, parts[i], size, i < count - 1 ? ZMQ_SNDMORE : 0) == size);
    }
}

/* Receives one message of `count` frames and checks its last frame. */
static void expect_message (void *s, int count, const char *last)
{
    char buffer[64];
    int n = 0, more = 1;
    for (int i = 0; i < count; i++) {
        CHECK (more);
        n = zmq_recv (s, buffer, sizeof buffer - 1, 0);
        CHECK (n >= 0);
        size_t size = sizeof more;
        CHECK_OK (zmq_getsockopt (s, ZMQ_RCVMORE, &more, &size));
    }
    CHECK (!more);
    buffer[n] = 0;
    CHECK (strcmp (buffer, last) == 0);
}

static void expect_statistics (void *peer, const uint64_t *expected)
{
    CHECK (zmq_send (peer, "STATISTICS", 10, 0) == 10);
    for (int i = 0; i < 8; i++) {
        uint64_t value;
        CHECK (zmq_recv (peer, &value, sizeof value, 0) == (int) sizeof value);
        int more;
        size_t size = sizeof more;
        CHECK_OK (zmq_getsockopt (peer, ZMQ_RCVMORE, &more, &size));
        CHECK (more == (i < 7));
        if (value != expected[i]) {
            fprintf (stderr, "statistic %d is %llu, expected %llu\n", i, (unsigned long long) value,
                     (unsigned long long) expected[i]);
            exit (1);
        }
    }
}

static void run (int control_type)
{
    front = make (ZMQ_ROUTER);
    back = make (ZMQ_DEALER);
    control = make (control_type);
    /* Names of their own per run: libzmq frees an inproc name only once the closed socket is reaped. */
    char name[3][32];
    const char *kind = control_type == ZMQ_REP ? "rep" : "pair";
    snprintf (name[0], sizeof name[0], "inproc://front-%s", kind);
    snprintf (name[1], sizeof name[1], "inproc://back-%s", kind);
    snprintf (name[2], sizeof name[2], "inproc://control-%s", kind);
    CHECK_OK (zmq_bind (front, name[0]));
    CHECK_OK (zmq_bind (back, name[1]));
    CHECK_OK (zmq_bind (control, name[2]));
    void *peer = make (control_type == ZMQ_REP ? ZMQ_REQ : ZMQ_PAIR);
    CHECK_OK (zmq_connect (peer, name[2]));
    void *client = make (ZMQ_DEALER);
    CHECK_OK (zmq_setsockopt (client, ZMQ_ROUTING_ID, "C1", 2));
    CHECK_OK (zmq_connect (client, name[0]));
    void *worker = make (ZMQ_DEALER);
    CHECK_OK (zmq_connect (worker, name[1]));

    pthread_t thread;
    CHECK (pthread_create (&thread, NULL, run_proxy, NULL) == 0);
    const uint64_t none[8] = { 0 };
    expect_statistics (peer, none);

    /* Requests: [C1][][hello] (7 bytes, 3 frames) and [C1][abc] (5 bytes) as the frontend
       ROUTER receives them; replies: [C1][][r1] (4 bytes) and [C1][rep22] (7 bytes). */
    const char *request1[] = { "", "hello" }, *request2[] = { "abc" };
    send_parts (client, request1, 2);
    send_parts (client, request2, 1);
    expect_message (worker, 3, "hello");
    expect_message (worker, 2, "abc");
    const char *reply1[] = { "C1", "", "r1" }, *reply2[] = { "C1", "rep22" };
    send_parts (worker, reply1, 3);
    send_parts (worker, reply2, 2);
    expect_message (client, 2, "r1");
    expect_message (client, 1, "rep22");

    const uint64_t counted[8] = { 2, 12, 2, 11, 2, 11, 2, 12 };
    expect_statistics (peer, counted);

    CHECK (zmq_send (peer, "TERMINATE", 9, 0) == 9);
    CHECK (pthread_join (thread, NULL) == 0);
    CHECK (proxy_result == 0);
    CHECK_OK (zmq_close (worker));
    CHECK_OK (zmq_close (client));
    CHECK_OK (zmq_close (peer));
    CHECK_OK (zmq_close (control));
    CHECK_OK (zmq_close (back));
    CHECK_OK (zmq_close (front));
    printf ("%s control ok\n", kind);
}

int main (void)
{
    ctx = zmq_ctx_new ();
    CHECK (ctx);
    run (ZMQ_PAIR);
    run (ZMQ_REP);
    CHECK_OK (zmq_ctx_term (ctx));
    printf ("done\n");
    return 0;
}
