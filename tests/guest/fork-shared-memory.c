/*
 * MAP_SHARED across fork: parent and child see each other's stores through anonymous and file
 * shared mappings (also after the parent splits or moves one), while MAP_PRIVATE pages and the
 * heap stay copies. Pipes order the two processes, so every line is deterministic.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>

static int to_child[2], to_parent[2];

static void signal_peer(int fd) {
    if (write(fd, "x", 1) != 1) _exit(2);
}

static void await_peer(int fd) {
    char c;
    if (read(fd, &c, 1) != 1) _exit(2);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    long page = sysconf(_SC_PAGESIZE);
    char *anon = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    char *priv = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /* three pages; the middle one is unmapped, so the third is its own mapping at offset 2 pages */
    char *split = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    munmap(split + page, page);
    char *moving = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    char *target = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    const char *path = "fork-shared-memory.tmp";
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (anon == MAP_FAILED || priv == MAP_FAILED || split == MAP_FAILED || moving == MAP_FAILED || target == MAP_FAILED || fd < 0
        || ftruncate(fd, page) != 0) {
        perror("setup");
        return 1;
    }
    char *file = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd); /* the mapping keeps the file */
    unlink(path); /* and outlives its name */
    /* a shared page that is read-only in both: its bytes still come from the same object */
    char *ro = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    strcpy(ro, "written before mprotect");
    mprotect(ro, page, PROT_READ);
    strcpy(anon, "parent before fork");
    strcpy(priv, "private before fork");
    char *heap = malloc(64);
    strcpy(heap, "heap before fork");
    if (pipe(to_child) != 0 || pipe(to_parent) != 0) return 1;

    pid_t pid = fork();
    if (pid == 0) {
        printf("child sees anon: %s\n", anon);
        strcpy(anon, "child wrote anon");
        strcpy(priv, "child wrote private");
        strcpy(heap, "child wrote heap");
        strcpy(file, "child wrote the file");
        strcpy(split, "child wrote split[0]");
        strcpy(split + 2 * page, "child wrote split[2]");
        signal_peer(to_parent[1]);
        await_peer(to_child[0]);
        printf("child sees the parent's reply: %s\n", anon);
        printf("child sees the moved mapping's store: %s\n", moving);
        printf("child sees read-only shared: %s\n", ro);
        _exit(0);
    }
    await_peer(to_parent[0]);
    printf("parent sees anon: %s\n", anon);
    printf("parent sees private: %s\n", priv);
    printf("parent sees heap: %s\n", heap);
    printf("parent sees the file mapping: %s\n", file);
    printf("parent sees split[0]: %s\n", split);
    printf("parent sees split[2]: %s\n", split + 2 * page);
    expect("shared anonymous store crossed", strcmp(anon, "child wrote anon") == 0);
    expect("private page stayed private", strcmp(priv, "private before fork") == 0);
    expect("file store crossed", strcmp(file, "child wrote the file") == 0);
    expect("split parts both shared",
           strcmp(split, "child wrote split[0]") == 0 && strcmp(split + 2 * page, "child wrote split[2]") == 0);
    /* move the shared mapping: the moved pages are still the object the child maps */
    char *moved = mremap(moving, page, page, MREMAP_MAYMOVE | MREMAP_FIXED, target + page);
    expect("mremap moved it", moved == target + page);
    if (moved != MAP_FAILED) strcpy(moved, "parent wrote through the moved mapping");
    strcpy(anon, "parent replied");
    signal_peer(to_child[1]);
    int status;
    waitpid(pid, &status, 0);
    printf("child exit: %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    /* the child's store outlives the child */
    printf("file after the child exited: %s\n", file);
    munmap(anon, page);
    munmap(file, page);
    return check_failures ? 1 : 0;
}
