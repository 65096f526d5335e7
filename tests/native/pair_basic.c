/* PAIR over inproc, tcp and ipc: zmq_send/zmq_recv, truncation, LAST_ENDPOINT. */
#include <zmq.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void round_trip (void *ctx, const char *endpoint)
{
    void *a = zmq_socket (ctx, ZMQ_PAIR);
    void *b = zmq_socket (ctx, ZMQ_PAIR);
    CHECK (a && b);
    int timeout = 10000;
    CHECK_OK (zmq_setsockopt (b, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_setsockopt (a, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_bind (a, endpoint));
    char last[256];
    size_t size = sizeof last;
    CHECK_OK (zmq_getsockopt (a, ZMQ_LAST_ENDPOINT, last, &size));
    CHECK_OK (zmq_connect (b, last));
    CHECK (zmq_send (b, "hello", 5, 0) == 5);
    char buffer[16];
    CHECK (zmq_recv (a, buffer, sizeof buffer, 0) == 5);
    CHECK (memcmp (buffer, "hello", 5) == 0);
    CHECK (zmq_send (a, "a longer reply", 14, 0) == 14);
    CHECK (zmq_recv (b, buffer, 4, 0) == 14); /* truncated: full size reported */
    CHECK (memcmp (buffer, "a lo", 4) == 0);
    CHECK_OK (zmq_close (a));
    CHECK_OK (zmq_close (b));
    printf ("%s ok\n", strncmp (endpoint, "inproc", 6) == 0 ? "inproc" : endpoint);
}

int main (void)
{
    int major, minor, patch;
    zmq_version (&major, &minor, &patch);
    CHECK (major == 4 && minor == 3);
    void *ctx = zmq_ctx_new ();
    CHECK (ctx);
    round_trip (ctx, "inproc://pair");
    round_trip (ctx, "tcp://127.0.0.1:*");
    round_trip (ctx, "ipc://@zinc-native-pair");
    CHECK_OK (zmq_ctx_term (ctx));
    puts ("done");
    return 0;
}
