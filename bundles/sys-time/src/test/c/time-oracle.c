/* Native oracle: the same calls the unit tests make, run on Linux (gcc -O1 -o oracle time-oracle.c && ./oracle). */
#define _GNU_SOURCE
#include <stdio.h>
#include <time.h>
#include <errno.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <string.h>
#include <sys/time.h>
static long sc(long n, long a, long b, long c, long d){ long r = syscall(n,a,b,c,d); return r<0 ? -errno : r; }
int main(){ setvbuf(stdout,0,_IONBF,0);
  struct timespec ts;
  for (int id=-10; id<16; id++){
    long r = sc(SYS_clock_gettime, id, (long)&ts,0,0);
    long rb = sc(SYS_clock_gettime, id, 8,0,0);
    long rr = sc(SYS_clock_getres, id, (long)&ts,0,0);
    struct timespec res = ts;
    long rrn = sc(SYS_clock_getres, id, 0,0,0);
    struct timespec req = {0, 1000};
    // relative sleeps on CPU clocks would wait for CPU time this idle process never uses: skipped (999)
    long rn = (id==2||id<0) ? 999 : sc(SYS_clock_nanosleep, id, 0, (long)&req, 0);
    long rna = sc(SYS_clock_nanosleep, id, 1, (long)&req, 0);
    long rnbad = sc(SYS_clock_nanosleep, id, 0, 8, 0);
    printf("id %d gettime %ld badptr %ld getres %ld (%ld.%09ld) getresNULL %ld nsleep %ld abs %ld badreq %ld\n", id, r, rb, r==0?rr:rr, (long)res.tv_sec,(long)res.tv_nsec, rrn, rn, rna, rnbad);
  }
  struct timespec bad = {0, 1000000000};
  printf("nanosleep nsec=1e9 %ld\n", sc(SYS_nanosleep,(long)&bad,0,0,0));
  struct timespec neg = {-1, 0};
  printf("nanosleep sec=-1 %ld\n", sc(SYS_nanosleep,(long)&neg,0,0,0));
  struct timespec negn = {0, -1};
  printf("nanosleep nsec=-1 %ld\n", sc(SYS_nanosleep,(long)&negn,0,0,0));
  printf("nanosleep bad req %ld\n", sc(SYS_nanosleep,8,0,0,0));
  struct timespec ok = {0,1000};
  printf("nanosleep bad rem %ld\n", sc(SYS_nanosleep,(long)&ok,8,0,0));
  printf("clock_nanosleep flags=2 %ld\n", sc(SYS_clock_nanosleep,1,2,(long)&ok,0));
  printf("clock_nanosleep flags=-1 %ld\n", sc(SYS_clock_nanosleep,1,-1,(long)&ok,0));
  printf("clock_nanosleep bad clock + bad req %ld\n", sc(SYS_clock_nanosleep,99,0,8,0));
  printf("clock_nanosleep abs invalid nsec %ld\n", sc(SYS_clock_nanosleep,0,1,(long)&bad,0));
  printf("clock_nanosleep abs negative sec %ld\n", sc(SYS_clock_nanosleep,1,1,(long)&neg,0));
  printf("clock_nanosleep THREAD bad req %ld\n", sc(SYS_clock_nanosleep,3,0,8,0));
  printf("gettimeofday NULL NULL %ld\n", sc(SYS_gettimeofday,0,0,0,0));
  printf("gettimeofday bad tv %ld\n", sc(SYS_gettimeofday,8,0,0,0));
  struct timeval tv; 
  printf("gettimeofday bad tz %ld\n", sc(SYS_gettimeofday,(long)&tv,8,0,0));
  int tz[2]={55,55};
  printf("gettimeofday tz %ld -> %d %d\n", sc(SYS_gettimeofday,(long)&tv,(long)tz,0,0), tz[0], tz[1]);
  printf("time NULL %ld\n", sc(SYS_time,0,0,0,0));
  printf("time bad %ld\n", sc(SYS_time,8,0,0,0));
  // pid clocks: own process cputime clock id = ((~pid)<<3)|2 with pid 0 -> -6 ; thread: |4
  int pid = getpid(); int tid = gettid();
  int pclk = ((~pid) << 3) | 2, tclk = ((~tid)<<3) | 2 | 4;
  printf("own pid clock %ld own tid clock %ld pid1 clock %ld\n", sc(SYS_clock_gettime,pclk,(long)&ts,0,0), sc(SYS_clock_gettime,tclk,(long)&ts,0,0), sc(SYS_clock_gettime, ((~1)<<3)|2,(long)&ts,0,0));
  printf("own tid nsleep %ld\n", sc(SYS_clock_nanosleep,tclk,0,(long)&ok,0));
  return 0;
}
