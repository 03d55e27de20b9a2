/*
 * Two threads bounce a token: the main thread signals the partner and blocks until it answers.
 * Eventfds carry the token (pipes when eventfd is missing, named in the output); ns per round trip.
 */
#include "bench.h"
#include <pthread.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/eventfd.h>

static const char *const NAME = "pingpong";
static int use_pipes;
static int to_partner[2], to_main[2]; /* [0] read end, [1] write end; one eventfd in both for eventfds */

/* Sends token (1 = ping, 2 = stop); returns 0 on success. */
static int send_token(const int *channel, uint64_t token)
{
    if (use_pipes) {
        char c = (char)token;
        return write(channel[1], &c, 1) == 1 ? 0 : -1;
    }
    return write(channel[1], &token, 8) == 8 ? 0 : -1;
}

/* Blocks for the next token; returns it, or 0 on error. */
static uint64_t receive_token(const int *channel)
{
    if (use_pipes) {
        char c;
        return read(channel[0], &c, 1) == 1 ? (uint64_t)c : 0;
    }
    uint64_t token;
    return read(channel[0], &token, 8) == 8 ? token : 0;
}

static void *partner(void *unused)
{
    (void)unused;
    for (;;) {
        uint64_t token = receive_token(to_partner);
        if (token != 1 || send_token(to_main, 1) != 0)
            return NULL;
    }
}

static long batch(long n)
{
    for (long i = 0; i < n; i++) {
        BENCH_CHECK(NAME, send_token(to_partner, 1) == 0, "send");
        BENCH_CHECK(NAME, receive_token(to_main) == 1, "receive");
    }
    return n;
}

static int open_channel(int *channel)
{
    if (use_pipes)
        return pipe(channel);
    channel[0] = channel[1] = eventfd(0, EFD_CLOEXEC);
    return channel[0] < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
    int probe = eventfd(0, EFD_CLOEXEC);
    if (probe < 0) {
        use_pipes = 1;
    } else {
        close(probe);
    }
    if (open_channel(to_partner) != 0 || open_channel(to_main) != 0)
        return bench_unavailable(NAME, use_pipes ? "pipe" : "eventfd", errno);
    pthread_t thread;
    int err = pthread_create(&thread, NULL, partner, NULL);
    if (err != 0)
        return bench_unavailable(NAME, "pthread_create", err);
    struct bench b = { use_pipes ? "pingpong (pipes)" : NAME, batch, 100, 10000 };
    int status = bench_main(&b, argc, argv);
    send_token(to_partner, 2);
    pthread_join(thread, NULL);
    return status;
}
