/* bench-owned copy of ../shared/anchors/zmq_peer_bench.c (shared, read-only), extended "the same
 * way" as bench/run with an optional --curve (issue 4) and --gap (issue 3's idle case). Without
 * them it runs exactly as the shared anchor does.
 * Reference figures from the system libzmq, in the same shape as the project's own bench tools.
 *   zmq_peer_bench thr  <endpoint> <size> <count> [--curve]   PUSH->PULL in two threads of one process
 *                                                   (two processes for tcp/ipc: the parent binds PULL)
 *   zmq_peer_bench lat  <endpoint> <size> <count> [--curve] [--gap <ms>]
 *                                                   REQ<->REP round trips, prints one-way latency
 * --gap <ms>: lat only; sleep that long before each round trip and time the round trips alone
 * (after one untimed round trip, so the connection is up), as bench/run lat ... --gap does;
 * 0 means no gap, as there.
 * --curve: CURVE security, the binding side (PULL/REQ) is the server, the connecting peer the
 * client, with the fixed test keys below (the same as bench/Zinc.Bench/BenchCurve.cs).
 * Prints one line: "libzmq <mode> <endpoint> size=<n>[ curve][ gap=<ms>ms]: <value> <unit>".
 * Build: cc -O2 -o zmq_peer_bench_curve zmq_peer_bench.c -lzmq -lpthread   (Debian: libzmq3-dev) */
#include <zmq.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *endpoint;
static int size;
static long count;
static void *ctx;
static int curve;
static int gap_ms;
static const char *mark = "";

/* Test keys only, published on purpose (Z85). */
static const char server_public[] = "]BM=sKS&L]uJ&9E<V0%mJSnI:rWM>kHqZVx{e1Bs";
static const char server_secret[] = "t.iVhK(<I5:S0u@Wq!N[wZXHIDKnF?!)HHwW]:p)";
static const char client_public[] = "CJw2jj?Dy]-516K^%OrwMRD67Cc#DTA!4-Jr-hWV";
static const char client_secret[] = "FUZ:NMzo{{zr72M+-zVsBau#CpSVrxs8!NJI>]jR";

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static void check(int rc, const char *what) { if (rc < 0) { fprintf(stderr, "%s: %s\n", what, zmq_strerror(zmq_errno())); exit(1); } }

static void key(void *s, int option, const char *z85) { check(zmq_setsockopt(s, option, z85, 40), "setsockopt curve key"); }

/* Before bind: the measuring side is the CURVE server. */
static void curve_server(void *s) {
    if (!curve) return;
    int one = 1;
    check(zmq_setsockopt(s, ZMQ_CURVE_SERVER, &one, sizeof one), "setsockopt ZMQ_CURVE_SERVER");
    key(s, ZMQ_CURVE_PUBLICKEY, server_public);
    key(s, ZMQ_CURVE_SECRETKEY, server_secret);
}

/* Before connect: the peer is a CURVE client of that server. */
static void curve_client(void *s) {
    if (!curve) return;
    key(s, ZMQ_CURVE_SERVERKEY, server_public);
    key(s, ZMQ_CURVE_PUBLICKEY, client_public);
    key(s, ZMQ_CURVE_SECRETKEY, client_secret);
}

static void *pusher(void *arg) {
    (void)arg;
    void *s = zmq_socket(ctx, ZMQ_PUSH);
    curve_client(s);
    check(zmq_connect(s, endpoint), "connect");
    char *buf = calloc(1, size > 0 ? size : 1);
    for (long i = 0; i < count; i++) check(zmq_send(s, buf, size, 0), "send");
    free(buf);
    zmq_close(s);
    return NULL;
}

static void *replier(void *arg) {
    (void)arg;
    void *s = zmq_socket(ctx, ZMQ_REP);
    curve_client(s);
    check(zmq_connect(s, endpoint), "connect");
    zmq_msg_t m; zmq_msg_init(&m);
    long replies = gap_ms > 0 ? count + 1 : count; /* the untimed first round trip */
    for (long i = 0; i < replies; i++) { check(zmq_msg_recv(&m, s, 0), "recv"); check(zmq_msg_send(&m, s, 0), "send"); }
    zmq_msg_close(&m);
    zmq_close(s);
    return NULL;
}

static void run_peer(void *(*fn)(void *)) {
    pthread_t t;
    if (strncmp(endpoint, "inproc://", 9) == 0) { pthread_create(&t, NULL, fn, NULL); return; }
    if (fork() == 0) { ctx = zmq_ctx_new(); fn(NULL); zmq_ctx_term(ctx); _exit(0); }
}

static void join_peer(void) {
    if (strncmp(endpoint, "inproc://", 9) == 0) return; /* thread is detached by ctx term below */
    wait(NULL);
}

int main(int argc, char **argv) {
    int bad = argc < 5;
    for (int a = 5; a < argc && !bad; a++) {
        if (strcmp(argv[a], "--curve") == 0) curve = 1;
        else if (strcmp(argv[a], "--gap") == 0 && a + 1 < argc) {
            char *end; long v = strtol(argv[++a], &end, 10);
            if (*argv[a] == '\0' || *end != '\0' || v < 0 || v > 3600000) bad = 1; else gap_ms = (int)v;
        }
        else bad = 1;
    }
    if (!bad && gap_ms > 0 && strcmp(argv[1], "lat") != 0) bad = 1;
    if (bad) { fprintf(stderr, "usage: %s thr|lat <endpoint> <size> <count> [--curve] [--gap <ms>: lat only]\n", argv[0]); return 2; }
    if (curve && !zmq_has("curve")) { fprintf(stderr, "this libzmq is built without CURVE\n"); return 1; }
    if (curve && strncmp(argv[2], "inproc://", 9) == 0) { fprintf(stderr, "--curve needs tcp or ipc: inproc has no security mechanism\n"); return 2; }
    if (curve) mark = " curve";
    const char *mode = argv[1]; endpoint = argv[2]; size = atoi(argv[3]); count = atol(argv[4]);
    ctx = zmq_ctx_new();
    zmq_msg_t m; zmq_msg_init(&m);
    if (strcmp(mode, "thr") == 0) {
        void *s = zmq_socket(ctx, ZMQ_PULL);
        curve_server(s);
        check(zmq_bind(s, endpoint), "bind");
        run_peer(pusher);
        check(zmq_msg_recv(&m, s, 0), "recv");
        double t0 = now();
        for (long i = 1; i < count; i++) check(zmq_msg_recv(&m, s, 0), "recv");
        double el = now() - t0;
        printf("libzmq thr %s size=%d%s: %.0f msg/s\n", endpoint, size, mark, (count - 1) / el);
        zmq_close(s);
    } else {
        void *s = zmq_socket(ctx, ZMQ_REQ);
        curve_server(s);
        check(zmq_bind(s, endpoint), "bind");
        run_peer(replier);
        char *buf = calloc(1, size > 0 ? size : 1);
        double el = 0;
        if (gap_ms > 0) {
            check(zmq_send(s, buf, size, 0), "send"); check(zmq_msg_recv(&m, s, 0), "recv");
            for (long i = 0; i < count; i++) {
                struct timespec pause = { gap_ms / 1000, (long)(gap_ms % 1000) * 1000000L };
                nanosleep(&pause, NULL);
                double t = now();
                check(zmq_send(s, buf, size, 0), "send"); check(zmq_msg_recv(&m, s, 0), "recv");
                el += now() - t;
            }
            printf("libzmq lat %s size=%d%s gap=%dms: %.2f us one-way\n", endpoint, size, mark, gap_ms, el / count / 2 * 1e6);
        } else {
            double t0 = now();
            for (long i = 0; i < count; i++) { check(zmq_send(s, buf, size, 0), "send"); check(zmq_msg_recv(&m, s, 0), "recv"); }
            el = now() - t0;
            printf("libzmq lat %s size=%d%s: %.2f us one-way\n", endpoint, size, mark, el / count / 2 * 1e6);
        }
        free(buf);
        zmq_close(s);
    }
    zmq_msg_close(&m);
    join_peer();
    zmq_ctx_term(ctx);
    return 0;
}
