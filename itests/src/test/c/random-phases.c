/*
 * random-phases DIR N: for each phase 1..N, waits until the file DIR/go-PHASE exists, then prints
 * 16 bytes from getrandom and what ioctl(RNDGETSEED) on /dev/urandom says, and "phase P done".
 * Between phases the test changes the framework (installs or removes a bundle) while this
 * process keeps running.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define RNDGETSEED _IOR('R', 0x40, uint64_t)

static void wait_for(const char *path)
{
    struct timespec pause = {0, 2 * 1000 * 1000};
    while (access(path, F_OK) != 0)
        nanosleep(&pause, NULL);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: random-phases DIR PHASES\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    int phases = atoi(argv[2]);
    int urandom = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (urandom < 0) {
        perror("open /dev/urandom");
        return 1;
    }
    for (int phase = 1; phase <= phases; phase++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/go-%d", argv[1], phase);
        wait_for(path);
        unsigned char bytes[16];
        ssize_t n = getrandom(bytes, sizeof bytes, 0);
        printf("phase %d getrandom %zd:", phase, n);
        for (int i = 0; i < (int)sizeof bytes; i++)
            printf("%02x", bytes[i]);
        uint64_t seed = 0;
        if (ioctl(urandom, RNDGETSEED, &seed) == 0)
            printf("\nphase %d seed: %llu\n", phase, (unsigned long long)seed);
        else
            printf("\nphase %d seed: unknown request (%s)\n", phase, errno == ENOTTY ? "ENOTTY" : errno == EINVAL ? "EINVAL" : "other");
        printf("phase %d done\n", phase);
    }
    return 0;
}
