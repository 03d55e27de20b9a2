/*
 * Checks the auxiliary vector the loader puts after envp: page size, AT_RANDOM bytes,
 * AT_EXECFN, program headers, entry point, ids, and that getauxval agrees with a walk
 * of the vector on the stack.
 */
#include "check.h"
#include <elf.h>
#include <sys/auxv.h>

extern char _start[];

static int phdrs_have_load(const Elf64_Phdr *phdr, unsigned long count)
{
    for (unsigned long i = 0; i < count; i++)
        if (phdr[i].p_type == PT_LOAD)
            return 1;
    return 0;
}

int main(int argc, char **argv, char **envp)
{
    (void)argc;
    printf("AT_PAGESZ: %lu\n", getauxval(AT_PAGESZ));

    const unsigned char *random = (const unsigned char *)getauxval(AT_RANDOM);
    expect("AT_RANDOM non-null", random != NULL);
    unsigned sum = 0;
    for (int i = 0; random && i < 16; i++)
        sum += random[i];
    expect("AT_RANDOM 16 bytes readable", random != NULL && sum < 16 * 256);

    const char *execfn = (const char *)getauxval(AT_EXECFN);
    expect("AT_EXECFN equals argv[0]", execfn != NULL && strcmp(execfn, argv[0]) == 0);

    unsigned long phnum = getauxval(AT_PHNUM);
    expect("AT_PHNUM > 0", phnum > 0);
    printf("AT_PHENT: %lu\n", getauxval(AT_PHENT));
    expect("AT_PHDR has a PT_LOAD",
           getauxval(AT_PHDR) != 0 && phdrs_have_load((const Elf64_Phdr *)getauxval(AT_PHDR), phnum));

    expect("AT_ENTRY non-zero", getauxval(AT_ENTRY) != 0);
    expect("AT_ENTRY is _start", getauxval(AT_ENTRY) == (unsigned long)_start);
    printf("AT_BASE: %lu\n", getauxval(AT_BASE));
    printf("AT_SECURE: %lu\n", getauxval(AT_SECURE));
    printf("AT_CLKTCK: %lu\n", getauxval(AT_CLKTCK));
    expect("AT_UID is getuid", getauxval(AT_UID) == (unsigned long)getuid());
    expect("AT_EUID is geteuid", getauxval(AT_EUID) == (unsigned long)geteuid());
    expect("AT_GID is getgid", getauxval(AT_GID) == (unsigned long)getgid());
    expect("AT_EGID is getegid", getauxval(AT_EGID) == (unsigned long)getegid());
    const char *platform = (const char *)getauxval(AT_PLATFORM);
    printf("AT_PLATFORM: %s\n", platform ? platform : "(none)");

    /* The vector itself starts after envp's NULL and ends with AT_NULL. */
    char **p = envp;
    while (*p)
        p++;
    const Elf64_auxv_t *aux = (const Elf64_auxv_t *)(p + 1);
    unsigned long walked_pagesz = 0, walked_entry = 0;
    int entries = 0;
    for (; aux->a_type != AT_NULL && entries < 256; aux++, entries++) {
        if (aux->a_type == AT_PAGESZ)
            walked_pagesz = aux->a_un.a_val;
        if (aux->a_type == AT_ENTRY)
            walked_entry = aux->a_un.a_val;
    }
    expect("auxv ends with AT_NULL", aux->a_type == AT_NULL);
    expect("walked AT_PAGESZ matches", walked_pagesz == getauxval(AT_PAGESZ));
    expect("walked AT_ENTRY matches", walked_entry == getauxval(AT_ENTRY));
    return check_status();
}
