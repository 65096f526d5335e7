/* Several C threads, each with its own PUSH socket, feed one PULL over inproc and tcp: every
   thread enters the library on its own (the runtime attaches it on first call). */
#include <zmq.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define THREADS 4
#define MESSAGES 500

static void *ctx;
static char endpoint[256];

static void *produce (void *arg)
{
    int id = (int) (long) arg;
    void *push = zmq_socket (ctx, ZMQ_PUSH);
    CHECK (push);
    int timeout = 10000;
    CHECK_OK (zmq_setsockopt (push, ZMQ_SNDTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_connect (push, endpoint));
    for (int i = 0; i < MESSAGES; i++) {
        int payload[2] = {id, i};
        CHECK (zmq_send (push, payload, sizeof payload, 0) == (int) sizeof payload);
    }
    CHECK_OK (zmq_close (push));
    return NULL;
}

static void run (const char *bind_to)
{
    void *pull = zmq_socket (ctx, ZMQ_PULL);
    int timeout = 10000;
    CHECK_OK (zmq_setsockopt (pull, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_bind (pull, bind_to));
    size_t size = sizeof endpoint;
    CHECK_OK (zmq_getsockopt (pull, ZMQ_LAST_ENDPOINT, endpoint, &size));
    pthread_t threads[THREADS];
    for (long t = 0; t < THREADS; t++) CHECK (pthread_create (&threads[t], NULL, produce, (void *) t) == 0);
    /* Each producer's messages arrive in its order; together, all of them. */
    int next[THREADS] = {0};
    for (int n = 0; n < THREADS * MESSAGES; n++) {
        int payload[2];
        CHECK (zmq_recv (pull, payload, sizeof payload, 0) == (int) sizeof payload);
        CHECK (payload[0] >= 0 && payload[0] < THREADS);
        CHECK (payload[1] == next[payload[0]]);
        next[payload[0]]++;
    }
    for (int t = 0; t < THREADS; t++) CHECK (pthread_join (threads[t], NULL) == 0);
    CHECK_OK (zmq_close (pull));
    printf ("%s ok\n", bind_to);
}

int main (void)
{
    ctx = zmq_ctx_new ();
    run ("inproc://threads");
    run ("tcp://127.0.0.1:*");
    CHECK_OK (zmq_ctx_term (ctx));
    puts ("done");
    return 0;
}
