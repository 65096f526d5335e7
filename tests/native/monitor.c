/* zmq_socket_monitor: a tcp server's LISTENING, ACCEPTED, HANDSHAKE_SUCCEEDED, DISCONNECTED and
   MONITOR_STOPPED events in libzmq's two-frame form. */
#include <zmq.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

/* Reads one event; returns its number, stores the endpoint. */
static int next_event (void *monitor, char *endpoint, size_t capacity)
{
    zmq_msg_t frame;
    CHECK_OK (zmq_msg_init (&frame));
    CHECK (zmq_msg_recv (&frame, monitor, 0) == 6);
    CHECK (zmq_msg_more (&frame));
    uint16_t event;
    memcpy (&event, zmq_msg_data (&frame), 2);
    int n = zmq_msg_recv (&frame, monitor, 0);
    CHECK (n >= 0 && (size_t) n < capacity);
    CHECK (!zmq_msg_more (&frame));
    memcpy (endpoint, zmq_msg_data (&frame), n);
    endpoint[n] = 0;
    CHECK_OK (zmq_msg_close (&frame));
    return event;
}

int main (void)
{
    void *ctx = zmq_ctx_new ();
    void *server = zmq_socket (ctx, ZMQ_REP), *client = zmq_socket (ctx, ZMQ_REQ);
    CHECK_ERR (zmq_socket_monitor (server, "tcp://127.0.0.1:*", ZMQ_EVENT_ALL), EPROTONOSUPPORT);
    CHECK_OK (zmq_socket_monitor (server, "inproc://monitor",
                                  ZMQ_EVENT_LISTENING | ZMQ_EVENT_ACCEPTED | ZMQ_EVENT_HANDSHAKE_SUCCEEDED
                                    | ZMQ_EVENT_DISCONNECTED | ZMQ_EVENT_MONITOR_STOPPED));
    void *monitor = zmq_socket (ctx, ZMQ_PAIR);
    int timeout = 10000;
    CHECK_OK (zmq_setsockopt (monitor, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_connect (monitor, "inproc://monitor"));

    CHECK_OK (zmq_bind (server, "tcp://127.0.0.1:*"));
    char bound[256], seen[256];
    size_t size = sizeof bound;
    CHECK_OK (zmq_getsockopt (server, ZMQ_LAST_ENDPOINT, bound, &size));
    CHECK (next_event (monitor, seen, sizeof seen) == ZMQ_EVENT_LISTENING);
    CHECK (strcmp (seen, bound) == 0);

    CHECK_OK (zmq_connect (client, bound));
    CHECK (next_event (monitor, seen, sizeof seen) == ZMQ_EVENT_ACCEPTED);
    CHECK (next_event (monitor, seen, sizeof seen) == ZMQ_EVENT_HANDSHAKE_SUCCEEDED);
    CHECK (zmq_send (client, "x", 1, 0) == 1);
    char c;
    CHECK (zmq_recv (server, &c, 1, 0) == 1);

    int linger = 0;
    CHECK_OK (zmq_setsockopt (client, ZMQ_LINGER, &linger, sizeof linger));
    CHECK_OK (zmq_close (client));
    CHECK (next_event (monitor, seen, sizeof seen) == ZMQ_EVENT_DISCONNECTED);

    CHECK_OK (zmq_socket_monitor (server, NULL, 0));
    CHECK (next_event (monitor, seen, sizeof seen) == ZMQ_EVENT_MONITOR_STOPPED);

    /* A negative mask is refused (libzmq widens it to 64 bits: beyond version 1's 16). */
    CHECK_ERR (zmq_socket_monitor (server, "inproc://monitor-2", -1), EINVAL);

    /* Bound to every interface, the accepted connection names the interface it came in on. */
    void *wide = zmq_socket (ctx, ZMQ_REP);
    CHECK_OK (zmq_socket_monitor (wide, "inproc://monitor-wide", ZMQ_EVENT_LISTENING | ZMQ_EVENT_ACCEPTED));
    void *wide_monitor = zmq_socket (ctx, ZMQ_PAIR);
    CHECK_OK (zmq_setsockopt (wide_monitor, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_connect (wide_monitor, "inproc://monitor-wide"));
    CHECK_OK (zmq_bind (wide, "tcp://*:*"));
    size = sizeof bound;
    CHECK_OK (zmq_getsockopt (wide, ZMQ_LAST_ENDPOINT, bound, &size));
    CHECK (strncmp (bound, "tcp://0.0.0.0:", 14) == 0);
    CHECK (next_event (wide_monitor, seen, sizeof seen) == ZMQ_EVENT_LISTENING);
    CHECK (strcmp (seen, bound) == 0);
    char loopback[256];
    snprintf (loopback, sizeof loopback, "tcp://127.0.0.1:%s", bound + 14);
    client = zmq_socket (ctx, ZMQ_REQ);
    CHECK_OK (zmq_setsockopt (client, ZMQ_LINGER, &linger, sizeof linger));
    CHECK_OK (zmq_connect (client, loopback));
    CHECK (next_event (wide_monitor, seen, sizeof seen) == ZMQ_EVENT_ACCEPTED);
    CHECK (strcmp (seen, loopback) == 0);

    zmq_close (client);
    zmq_close (wide_monitor);
    zmq_close (wide);
    zmq_close (monitor);
    zmq_close (server);
    CHECK_OK (zmq_ctx_term (ctx));
    puts ("done");
    return 0;
}
