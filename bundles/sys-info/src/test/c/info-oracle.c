/* Native oracle: the same calls the unit tests make, run on Linux (gcc -O1 -o oracle info-oracle.c && ./oracle). */
#define _GNU_SOURCE
#include <stdio.h>
#include <errno.h>
#include <unistd.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <stdlib.h>
static long sc(long n, long a, long b, long c, long d){ long r = syscall(n,a,b,c,d); return r<0 ? -errno : r; }
int main(){
  setvbuf(stdout,0,_IONBF,0);
  int tz[2]={55,55}; long tv[2];
  long r = sc(SYS_gettimeofday,(long)tv,(long)tz,0,0);
  printf("gtod %ld tz %d %d\n", r, tz[0], tz[1]);
  printf("sysinfo size %zu uptime %zu loads %zu totalram %zu procs %zu totalhigh %zu mem_unit %zu\n", sizeof(struct sysinfo), offsetof(struct sysinfo,uptime), offsetof(struct sysinfo,loads), offsetof(struct sysinfo,totalram), offsetof(struct sysinfo,procs), offsetof(struct sysinfo,totalhigh), offsetof(struct sysinfo,mem_unit));
  struct sysinfo si; sc(SYS_sysinfo,(long)&si,0,0,0);
  printf("uptime %ld loads %lu %lu %lu total %lu free %lu shared %lu buffer %lu swap %lu/%lu procs %u unit %u\n", si.uptime, si.loads[0], si.loads[1], si.loads[2], si.totalram, si.freeram, si.sharedram, si.bufferram, si.totalswap, si.freeswap, si.procs, si.mem_unit);
  printf("sysinfo bad %ld\n", sc(SYS_sysinfo,8,0,0,0));
  size_t big = 64<<20; char *b = malloc(big);
  printf("getrandom 64MiB %ld\n", sc(SYS_getrandom,(long)b,big,0,0));
  printf("getrandom 64MiB nonblock %ld\n", sc(SYS_getrandom,(long)b,big,1,0));
  printf("getrandom 64MiB random %ld\n", sc(SYS_getrandom,(long)b,big,2,0));
  printf("getrandom 64MiB insecure %ld\n", sc(SYS_getrandom,(long)b,big,4,0));
  { char *g = mmap(0, (64<<20)+4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0); mprotect(g+(64<<20), 4096, PROT_NONE); printf("getrandom huge count %ld\n", sc(SYS_getrandom,(long)g,(long)1<<40,0,0)); printf("getrandom INT_MAX+1 count %ld\n", sc(SYS_getrandom,(long)g,(1L<<31),0,0)); }
  printf("getrandom flags 8 %ld\n", sc(SYS_getrandom,(long)b,16,8,0));
  printf("getrandom flags 6 %ld\n", sc(SYS_getrandom,(long)b,16,6,0));
  printf("getrandom flags 3 %ld\n", sc(SYS_getrandom,(long)b,16,3,0));
  printf("getrandom bad buf %ld\n", sc(SYS_getrandom,8,16,0,0));
  printf("getrandom NULL 0 %ld\n", sc(SYS_getrandom,0,0,0,0));
  printf("getrandom bad flags + bad buf %ld\n", sc(SYS_getrandom,8,16,8,0));
  char *p = mmap(0, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
  mprotect(p+4096, 4096, PROT_NONE);
  printf("getrandom partial (4000 ok then bad) %ld\n", sc(SYS_getrandom,(long)p+96,8000,0,0));
  printf("getrandom readonly %ld\n", sc(SYS_getrandom,(long)p+4096,16,0,0));
  // rlimits
  struct rlimit rl;
  printf("getrlimit 16 %ld, -1 %ld, bad ptr %ld, bad res+bad ptr %ld\n", sc(SYS_getrlimit,16,(long)&rl,0,0), sc(SYS_getrlimit,-1,(long)&rl,0,0), sc(SYS_getrlimit,7,8,0,0), sc(SYS_getrlimit,99,8,0,0));
  printf("setrlimit bad res+bad ptr %ld\n", sc(SYS_setrlimit,99,8,0,0));
  printf("prlimit pid 1 %ld, pid 999999 %ld, own pid %ld, bad res %ld, bad old %ld, bad new %ld\n", sc(SYS_prlimit64,1,7,0,(long)&rl), sc(SYS_prlimit64,999999,7,0,(long)&rl), sc(SYS_prlimit64,getpid(),7,0,(long)&rl), sc(SYS_prlimit64,0,99,0,(long)&rl),sc(SYS_prlimit64,0,7,0,8),sc(SYS_prlimit64,0,7,8,0));
  printf("prlimit bad pid + bad new %ld, bad pid + bad res %ld, bad res + bad new %ld\n", sc(SYS_prlimit64,999999,7,8,0), sc(SYS_prlimit64,999999,99,0,(long)&rl), sc(SYS_prlimit64,0,99,8,0));
  printf("prlimit own tid %ld\n", sc(SYS_prlimit64,gettid(),7,0,(long)&rl));
  struct rlimit cur; getrlimit(RLIMIT_NOFILE,&cur);
  struct rlimit bad = {cur.rlim_max+1, cur.rlim_max};
  printf("prlimit cur>max %ld\n", sc(SYS_prlimit64,0,7,(long)&bad,0));
  struct rlimit nw = {100, cur.rlim_max};
  printf("prlimit set new + bad old %ld; now cur=", sc(SYS_prlimit64,0,7,(long)&nw,8)); getrlimit(RLIMIT_NOFILE,&cur); printf("%lu\n", cur.rlim_cur);
  // uname
  struct utsname u; sc(SYS_uname,(long)&u,0,0,0);
  printf("uname %s|%s|%s|%s|%s|%s size %zu\n", u.sysname,u.nodename,u.release,u.version,u.machine,u.domainname, sizeof u);
  printf("uname bad %ld\n", sc(SYS_uname,8,0,0,0));
  unsigned cpu=77,node=77; printf("getcpu %ld %u %u, bad %ld, NULLs %ld\n", sc(SYS_getcpu,(long)&cpu,(long)&node,0,0), cpu,node, sc(SYS_getcpu,8,0,0,0), sc(SYS_getcpu,0,0,0,0));
  unsigned a=1,bb=1,c=1; printf("getresuid bad middle %ld a=%u\n", sc(SYS_getresuid,(long)&a,8,(long)&c,0), a);
  return 0;
}
