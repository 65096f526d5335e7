/* Blocking calls through the C ABI: PUSH/PULL throughput (a thread sending with zmq_send, the
   main thread receiving with zmq_recv, both blocking) and REQ/REP round trips, which park on
   every message. Builds against any libzmq.so.5, so the same binary measures Zinc builds side by
   side (LD_LIBRARY_PATH) and Debian's libzmq:

     gcc -O2 -pthread -o blocking bench/native/blocking.c -I artifacts/native/include \
         -L artifacts/native -lzmq
     LD_LIBRARY_PATH=artifacts/native ./blocking pushpull inproc 2000000 32
     LD_LIBRARY_PATH=artifacts/native ./blocking reqrep tcp 50000 32

   Prints one line: mode, transport, count, size and messages (or round trips) per second. */
#include <zmq.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void *ctx;
static char endpoint[256];
static long count;
static size_t size;

static void fail (const char *what)
{
    fprintf (stderr, "%s: %s\n", what, zmq_strerror (zmq_errno ()));
    exit (1);
}

static double now (void)
{
    struct timespec t;
    clock_gettime (CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void *push_all (void *arg)
{
    (void) arg;
    void *push = zmq_socket (ctx, ZMQ_PUSH);
    if (zmq_connect (push, endpoint) != 0) fail ("connect");
    char *payload = calloc (1, size ? size : 1);
    for (long i = 0; i < count; i++)
        if (zmq_send (push, payload, size, 0) < 0) fail ("send");
    free (payload);
    zmq_close (push);
    return NULL;
}

static void *answer_all (void *arg)
{
    (void) arg;
    void *rep = zmq_socket (ctx, ZMQ_REP);
    if (zmq_connect (rep, endpoint) != 0) fail ("connect");
    char *buffer = malloc (size ? size : 1);
    for (long i = 0; i < count; i++) {
        if (zmq_recv (rep, buffer, size, 0) < 0) fail ("rep recv");
        if (zmq_send (rep, buffer, size, 0) < 0) fail ("rep send");
    }
    free (buffer);
    zmq_close (rep);
    return NULL;
}

int main (int argc, char **argv)
{
    if (argc != 5) {
        fprintf (stderr, "usage: %s pushpull|reqrep inproc|tcp count size\n", argv[0]);
        return 2;
    }
    int reqrep = strcmp (argv[1], "reqrep") == 0;
    int tcp = strcmp (argv[2], "tcp") == 0;
    count = atol (argv[3]);
    size = (size_t) atol (argv[4]);
    ctx = zmq_ctx_new ();
    void *local = zmq_socket (ctx, reqrep ? ZMQ_REQ : ZMQ_PULL);
    if (zmq_bind (local, tcp ? "tcp://127.0.0.1:*" : "inproc://blocking") != 0) fail ("bind");
    size_t length = sizeof endpoint;
    zmq_getsockopt (local, ZMQ_LAST_ENDPOINT, endpoint, &length);

    pthread_t peer;
    pthread_create (&peer, NULL, reqrep ? answer_all : push_all, NULL);
    char *buffer = calloc (1, size ? size : 1);
    double start = 0;
    for (long i = 0; i < count; i++) {
        if (reqrep && zmq_send (local, buffer, size, 0) < 0) fail ("req send");
        if (zmq_recv (local, buffer, size, 0) < 0) fail ("recv");
        if (i == 0) start = now (); /* from the first message: connection set-up excluded */
    }
    double elapsed = now () - start;
    pthread_join (peer, NULL);
    printf ("%s %s %ld x %zu B: %.0f %s/s\n", argv[1], argv[2], count, size,
            (count - 1) / elapsed, reqrep ? "round trips" : "msgs");
    free (buffer);
    zmq_close (local);
    zmq_ctx_term (ctx);
    return 0;
}
