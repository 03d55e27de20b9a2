/* print-random: prints 32 bytes from getrandom in hex (the sample bundle makes them repeatable). */
#include <stdio.h>
#include <sys/random.h>

int main(void)
{
    unsigned char bytes[32];
    if (getrandom(bytes, sizeof bytes, 0) != sizeof bytes)
        return 1;
    for (int i = 0; i < (int)sizeof bytes; i++)
        printf("%02x", bytes[i]);
    printf("\n");
    return 0;
}
