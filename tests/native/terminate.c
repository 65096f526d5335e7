/* A socket left open while zmq_ctx_term runs in another thread: libzmq 4.3.4 learns of the
   termination when a call processes the socket's commands (send, recv, poll, EVENTS, bind...);
   options read or set before that still work, and from then on every call but zmq_close fails
   with ETERM, options included (LINGER too). Stable API only: also run on Debian's libzmq. */
#include <zmq.h>
#include <pthread.h>
#include <string.h>
#include "check.h"

static void *ctx, *a, *b;

static void *worker (void *arg)
{
    (void) arg;
    char buffer[8];
    /* Returns once zmq_ctx_term has started (at once if it already has). */
    CHECK_ERR (zmq_recv (b, buffer, sizeof buffer, 0), ETERM);

    /* a has processed nothing yet: options do not look at commands. */
    int value;
    size_t size = sizeof value;
    CHECK_OK (zmq_getsockopt (a, ZMQ_TYPE, &value, &size));
    CHECK (value == ZMQ_PAIR);
    value = 0;
    CHECK_OK (zmq_setsockopt (a, ZMQ_LINGER, &value, sizeof value));
    /* Nor does zmq_socket_monitor: stopping none works, starting one fails as the context
       refuses the monitor socket, and a still has not seen the termination. */
    CHECK_OK (zmq_socket_monitor (a, NULL, 0));
    CHECK_ERR (zmq_socket_monitor (a, "inproc://terminate-monitor", ZMQ_EVENT_ALL), ETERM);
    size = sizeof value;
    CHECK_OK (zmq_getsockopt (a, ZMQ_TYPE, &value, &size));

    /* A poll processes them: ETERM, and a knows from now on. */
    zmq_pollitem_t item = { a, 0, ZMQ_POLLIN, 0 };
    CHECK_ERR (zmq_poll (&item, 1, -1), ETERM);

    int options[] = { ZMQ_TYPE, ZMQ_LINGER, ZMQ_RCVMORE, ZMQ_EVENTS, ZMQ_FD, 9999 };
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        size = sizeof value;
        CHECK_ERR (zmq_getsockopt (a, options[i], &value, &size), ETERM);
    }
    char endpoint[64];
    size = sizeof endpoint;
    CHECK_ERR (zmq_getsockopt (a, ZMQ_LAST_ENDPOINT, endpoint, &size), ETERM);
    value = 0;
    CHECK_ERR (zmq_setsockopt (a, ZMQ_LINGER, &value, sizeof value), ETERM);
    CHECK_ERR (zmq_setsockopt (a, ZMQ_SNDHWM, &value, sizeof value), ETERM);
    CHECK_ERR (zmq_setsockopt (a, ZMQ_SNDHWM, &value, 2), ETERM); /* before any validation */
    CHECK_ERR (zmq_bind (a, "inproc://other"), ETERM);
    CHECK_ERR (zmq_connect (a, "inproc://other"), ETERM);
    CHECK_ERR (zmq_unbind (a, "inproc://terminate-a"), ETERM);
    CHECK_ERR (zmq_disconnect (a, "inproc://other"), ETERM);
    CHECK_ERR (zmq_send (a, "x", 1, ZMQ_DONTWAIT), ETERM);
    CHECK_ERR (zmq_recv (a, buffer, sizeof buffer, ZMQ_DONTWAIT), ETERM);
    zmq_msg_t msg;
    CHECK_OK (zmq_msg_init (&msg));
    CHECK_ERR (zmq_msg_recv (&msg, a, ZMQ_DONTWAIT), ETERM);
    CHECK_OK (zmq_msg_close (&msg));
    CHECK_ERR (zmq_socket_monitor (a, "inproc://terminate-monitor", ZMQ_EVENT_ALL), ETERM);
    CHECK_ERR (zmq_socket_monitor (a, NULL, 0), ETERM);
    CHECK_ERR (zmq_poll (&item, 1, 0), ETERM);
    CHECK (zmq_socket (ctx, ZMQ_PAIR) == NULL && zmq_errno () == ETERM);

    CHECK_OK (zmq_close (a));
    CHECK_OK (zmq_close (b));
    return NULL;
}

int main (void)
{
    ctx = zmq_ctx_new ();
    CHECK (ctx);
    a = zmq_socket (ctx, ZMQ_PAIR);
    b = zmq_socket (ctx, ZMQ_PAIR);
    CHECK (a && b);
    CHECK_OK (zmq_bind (a, "inproc://terminate-a"));
    pthread_t thread;
    CHECK (pthread_create (&thread, NULL, worker, NULL) == 0);
    CHECK_OK (zmq_ctx_term (ctx)); /* returns once the worker has closed both sockets */
    CHECK (pthread_join (thread, NULL) == 0);
    printf ("done\n");
    return 0;
}
