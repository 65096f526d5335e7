/* errno semantics: EAGAIN, EINVAL, EFSM, ENOTSUP, EPROTONOSUPPORT, ENOTSOCK, EFAULT, ETERM,
   ENOENT, EADDRINUSE, and zmq_strerror's texts. */
#include <zmq.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void *blocked_recv (void *socket)
{
    char c;
    int rc = zmq_recv (socket, &c, 1, 0); /* no timeout: only ETERM ends it */
    return (void *) (long) (rc == -1 ? zmq_errno () : 0);
}

/* zmq_unbind knows a tcp or ipc listener by its resolved endpoint (ZMQ_LAST_ENDPOINT): the
   wildcard it was bound with is ENOENT and leaves it bound. A host name is resolved first. */
static void unbind_by_resolved_endpoint (void *ctx)
{
    void *bound = zmq_socket (ctx, ZMQ_PAIR), *peer = zmq_socket (ctx, ZMQ_PAIR);
    int timeout = 10000, linger = 0;
    CHECK_OK (zmq_setsockopt (bound, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_setsockopt (bound, ZMQ_LINGER, &linger, sizeof linger));
    CHECK_OK (zmq_setsockopt (peer, ZMQ_LINGER, &linger, sizeof linger));
    CHECK_OK (zmq_bind (bound, "tcp://127.0.0.1:*"));
    char endpoint[256];
    size_t size = sizeof endpoint;
    CHECK_OK (zmq_getsockopt (bound, ZMQ_LAST_ENDPOINT, endpoint, &size));
    CHECK_ERR (zmq_unbind (bound, "tcp://127.0.0.1:*"), ENOENT);
    CHECK_ERR (zmq_unbind (bound, "tcp://127.0.0.1:0"), ENOENT);
    CHECK_ERR (zmq_unbind (bound, "tcp://*:*"), ENOENT);
    /* Still bound: a peer connects and is heard. */
    CHECK_OK (zmq_connect (peer, endpoint));
    CHECK (zmq_send (peer, "x", 1, 0) == 1);
    char c;
    CHECK (zmq_recv (bound, &c, 1, 0) == 1 && c == 'x');
    char by_name[256];
    snprintf (by_name, sizeof by_name, "tcp://localhost:%s", strrchr (endpoint, ':') + 1);
    CHECK_OK (zmq_unbind (bound, by_name));
    CHECK_ERR (zmq_unbind (bound, endpoint), ENOENT);

    CHECK_OK (zmq_bind (bound, "ipc://*"));
    size = sizeof endpoint;
    CHECK_OK (zmq_getsockopt (bound, ZMQ_LAST_ENDPOINT, endpoint, &size));
    CHECK_ERR (zmq_unbind (bound, "ipc://*"), ENOENT);
    CHECK_OK (zmq_unbind (bound, endpoint));
    zmq_close (peer);
    zmq_close (bound);
}

int main (void)
{
    void *ctx = zmq_ctx_new ();
    CHECK (zmq_socket (ctx, 99) == NULL && zmq_errno () == EINVAL);
    CHECK (zmq_socket (NULL, ZMQ_PAIR) == NULL && zmq_errno () == EFAULT);

    void *pull = zmq_socket (ctx, ZMQ_PULL);
    char buffer[8];
    CHECK_ERR (zmq_recv (pull, buffer, sizeof buffer, ZMQ_DONTWAIT), EAGAIN);
    int timeout = 1;
    CHECK_OK (zmq_setsockopt (pull, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_ERR (zmq_recv (pull, buffer, sizeof buffer, 0), EAGAIN);
    CHECK_ERR (zmq_send (pull, "x", 1, 0), ENOTSUP);

    CHECK_ERR (zmq_bind (pull, "nosuch://x"), EPROTONOSUPPORT);
    CHECK_ERR (zmq_bind (pull, "tcp://"), EINVAL);
    CHECK_ERR (zmq_unbind (pull, "tcp://127.0.0.1:1"), ENOENT);
    unbind_by_resolved_endpoint (ctx);
    CHECK_OK (zmq_bind (pull, "inproc://taken"));
    void *other = zmq_socket (ctx, ZMQ_PULL);
    CHECK_ERR (zmq_bind (other, "inproc://taken"), EADDRINUSE);
    zmq_close (other);

    /* Malformed or unknown endpoints, options of another socket type, short option buffers. */
    void *pub = zmq_socket (ctx, ZMQ_PUB);
    CHECK_ERR (zmq_connect (pub, "tcp://127.0.0.1"), EINVAL);
    CHECK_ERR (zmq_connect (pub, "inproc://"), EINVAL);
    CHECK_ERR (zmq_disconnect (pub, "tcp://127.0.0.1:5555"), ENOENT);
    CHECK_ERR (zmq_setsockopt (pub, ZMQ_SUBSCRIBE, "x", 1), EINVAL);
    CHECK_ERR (zmq_recv (pub, buffer, sizeof buffer, ZMQ_DONTWAIT), ENOTSUP);
    int hwm;
    size_t short_size = 2;
    CHECK_ERR (zmq_getsockopt (pub, ZMQ_SNDHWM, &hwm, &short_size), EINVAL);
    CHECK_ERR (zmq_ctx_set (ctx, 12345, 1), EINVAL);
    CHECK_ERR (zmq_socket_monitor (pub, "inproc://", ZMQ_EVENT_ALL), EINVAL);
    zmq_close (pub);

    void *rep = zmq_socket (ctx, ZMQ_REP);
    CHECK_ERR (zmq_send (rep, "x", 1, ZMQ_DONTWAIT), EFSM);
    zmq_close (rep);

    void *req = zmq_socket (ctx, ZMQ_REQ);
    CHECK_OK (zmq_connect (req, "inproc://nobody-yet"));
    CHECK_ERR (zmq_recv (req, buffer, sizeof buffer, ZMQ_DONTWAIT), EFSM);
    zmq_close (req);

    /* A closed socket is not a socket any more. */
    void *closed = zmq_socket (ctx, ZMQ_PUSH);
    CHECK_OK (zmq_close (closed));
    CHECK_ERR (zmq_close (closed), ENOTSOCK);
    CHECK_ERR (zmq_send (closed, "x", 1, 0), ENOTSOCK);
    CHECK_ERR (zmq_close (NULL), ENOTSOCK);
    zmq_msg_t msg;
    memset (&msg, 0, sizeof msg);
    CHECK_ERR (zmq_msg_close (&msg), EFAULT);

    /* Shutdown wakes a blocked receive with ETERM; new sockets are refused. */
    pthread_t thread;
    void *blocked = zmq_socket (ctx, ZMQ_PAIR);
    CHECK (pthread_create (&thread, NULL, blocked_recv, blocked) == 0);
    CHECK_OK (zmq_ctx_shutdown (ctx));
    void *result;
    CHECK (pthread_join (thread, &result) == 0);
    CHECK ((long) result == ETERM);
    CHECK (zmq_socket (ctx, ZMQ_PAIR) == NULL && zmq_errno () == ETERM);
    CHECK_ERR (zmq_recv (pull, buffer, sizeof buffer, 0), ETERM);

    CHECK (strcmp (zmq_strerror (EAGAIN), "Resource temporarily unavailable") == 0);
    CHECK (strcmp (zmq_strerror (ETERM), "Context was terminated") == 0);
    CHECK (strcmp (zmq_strerror (EFSM), "Operation cannot be accomplished in current state") == 0);
    CHECK (strcmp (zmq_strerror (EINVAL), "Invalid argument") == 0);
    /* zmq_ctx_term waits for every socket: close them, including the thread's. */
    zmq_close (pull);
    zmq_close (blocked);
    CHECK_OK (zmq_ctx_term (ctx));
    puts ("done");
    return 0;
}
