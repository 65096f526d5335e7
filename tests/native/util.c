/* zmq_has, Z85, CURVE keys, atomic counters, stopwatch, zmq_sleep(0), zmq_init/zmq_term. */
#include <zmq.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main (void)
{
    CHECK (zmq_has ("ipc") == 1);
    CHECK (zmq_has ("pgm") == 0);
    CHECK (zmq_has ("curve") == 1);

    /* The Z85 test vector from the spec (RFC 32). */
    uint8_t data[8] = {0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B};
    char text[11];
    CHECK (zmq_z85_encode (text, data, 8) == text);
    CHECK (strcmp (text, "HelloWorld") == 0);
    uint8_t decoded[8];
    CHECK (zmq_z85_decode (decoded, "HelloWorld") == decoded);
    CHECK (memcmp (decoded, data, 8) == 0);
    CHECK (zmq_z85_encode (text, data, 7) == NULL && zmq_errno () == EINVAL);
    CHECK (zmq_z85_decode (decoded, "Hello") != NULL);
    CHECK (zmq_z85_decode (decoded, "Hell") == NULL && zmq_errno () == EINVAL);

    char public_key[41], secret_key[41], derived[41];
    CHECK_OK (zmq_curve_keypair (public_key, secret_key));
    CHECK (strlen (public_key) == 40 && strlen (secret_key) == 40);
    CHECK_OK (zmq_curve_public (derived, secret_key));
    CHECK (strcmp (derived, public_key) == 0);

    void *counter = zmq_atomic_counter_new ();
    CHECK (counter && zmq_atomic_counter_value (counter) == 0);
    CHECK (zmq_atomic_counter_inc (counter) == 0);
    CHECK (zmq_atomic_counter_inc (counter) == 1);
    CHECK (zmq_atomic_counter_value (counter) == 2);
    CHECK (zmq_atomic_counter_dec (counter) == 1);
    CHECK (zmq_atomic_counter_dec (counter) == 0);
    zmq_atomic_counter_set (counter, 7);
    CHECK (zmq_atomic_counter_value (counter) == 7);
    zmq_atomic_counter_destroy (&counter);
    CHECK (counter == NULL);

    void *watch = zmq_stopwatch_start ();
    CHECK (watch);
    (void) zmq_stopwatch_intermediate (watch);
    (void) zmq_stopwatch_stop (watch);
    zmq_sleep (0);

    void *ctx = zmq_init (1);
    CHECK (ctx && zmq_ctx_get (ctx, ZMQ_IO_THREADS) == 1);
    CHECK (zmq_init (-1) == NULL && zmq_errno () == EINVAL);
    CHECK_OK (zmq_term (ctx));
    ctx = zmq_ctx_new ();
    CHECK_OK (zmq_ctx_destroy (ctx));
    CHECK_ERR (zmq_ctx_term (ctx), EFAULT);
    puts ("done");
    return 0;
}
