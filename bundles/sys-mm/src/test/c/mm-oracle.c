/* Native oracle: the same calls the unit tests make, run on Linux (gcc -O1 -o oracle mm-oracle.c && ./oracle). */
#define _GNU_SOURCE
#include <stdio.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/mman.h>
#include <sys/eventfd.h>
#include <sys/epoll.h>
#include <sys/socket.h>
static long sc(long n, long a, long b, long c, long d, long e, long f){ long r = syscall(n,a,b,c,d,e,f); return r<0 ? -errno : r; }
#define M(a,l,p,f,fd,o) sc(SYS_mmap,(long)(a),(long)(l),p,f,fd,o)
static void pr(const char *s, long r){ if (r > 4096 ) r = 1; printf("%-50s %ld\n", s, r); }
int main(){
  int RW = PROT_READ|PROT_WRITE;
  int rd = open("/etc/passwd", O_RDONLY), wr = open("/tmp/mm-oracle-w", O_WRONLY|O_CREAT, 0644), rdwr = open("/tmp/mm-oracle-rw", O_RDWR|O_CREAT, 0644);
  ftruncate(rdwr, 8192);
  int dir = open("/tmp", O_RDONLY), path = open("/etc/passwd", O_PATH);
  int p[2]; pipe(p); int ev = eventfd(0,0), ep = epoll_create1(0), so = socket(AF_UNIX, SOCK_STREAM, 0);
  int nul = open("/dev/null", O_RDWR), zero = open("/dev/zero", O_RDWR), tty = open("/dev/tty", O_RDWR);
  pr("anon len 0", M(0,0,RW,MAP_PRIVATE|MAP_ANONYMOUS,-1,0));
  pr("anon off unaligned", M(0,4096,RW,MAP_PRIVATE|MAP_ANONYMOUS,-1,1));
  pr("file badfd len 0", M(0,0,RW,MAP_PRIVATE,99,0));
  pr("file badfd off unaligned", M(0,4096,RW,MAP_PRIVATE,99,1));
  pr("file badfd type 0", M(0,4096,RW,0,99,0));
  pr("anon type 0", M(0,4096,RW,MAP_ANONYMOUS,-1,0));
  pr("anon type SHARED_VALIDATE", M(0,4096,RW,MAP_SHARED_VALIDATE|MAP_ANONYMOUS,-1,0));
  pr("anon type 4", M(0,4096,RW,4|MAP_ANONYMOUS,-1,0));
  pr("anon len -1", M(0,-1,RW,MAP_PRIVATE|MAP_ANONYMOUS,-1,0));
  pr("anon len 1<<47", M(0,1L<<47,RW,MAP_PRIVATE|MAP_ANONYMOUS,-1,0));
  pr("anon prot 0x100", M(0,4096,0x100|RW,MAP_PRIVATE|MAP_ANONYMOUS,-1,0));
  pr("anon unknown flag 0x200000 private", M(0,4096,RW,MAP_PRIVATE|MAP_ANONYMOUS|0x400000,-1,0));
  pr("anon fixed unaligned", M(0x10000001,4096,RW,MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED,-1,0));
  pr("anon growsdown shared", M(0,4096,RW,MAP_SHARED|MAP_ANONYMOUS|MAP_GROWSDOWN,-1,0));
  pr("file rd private RW", M(0,4096,RW,MAP_PRIVATE,rd,0));
  pr("file rd shared RW", M(0,4096,RW,MAP_SHARED,rd,0));
  pr("file rd shared R", M(0,4096,PROT_READ,MAP_SHARED,rd,0));
  pr("file rd shared_validate RW", M(0,4096,RW,MAP_SHARED_VALIDATE,rd,0));
  pr("file rd validate unknown flag", M(0,4096,PROT_READ,MAP_SHARED_VALIDATE|0x400000,rd,0));
  pr("file rd validate unknown flag + RW", M(0,4096,RW,MAP_SHARED_VALIDATE|0x400000,rd,0));
  pr("file rd shared unknown flag", M(0,4096,PROT_READ,MAP_SHARED|0x400000,rd,0));
  pr("file rd validate NOREPLACE", M(0,4096,PROT_READ,MAP_SHARED_VALIDATE|MAP_FIXED_NOREPLACE,rd,0));
  pr("file rd validate MAP_SYNC", M(0,4096,PROT_READ,MAP_SHARED_VALIDATE|MAP_SYNC,rd,0));
  pr("file rd type 0", M(0,4096,PROT_READ,0,rd,0));
  pr("file rd hugetlb", M(0,4096,PROT_READ,MAP_PRIVATE|MAP_HUGETLB,rd,0));
  pr("file rd hugetlb len 0", M(0,0,PROT_READ,MAP_PRIVATE|MAP_HUGETLB,rd,0));
  pr("file rd growsdown", M(0,4096,PROT_READ,MAP_PRIVATE|MAP_GROWSDOWN,rd,0));
  pr("file wr private R", M(0,4096,PROT_READ,MAP_PRIVATE,wr,0));
  pr("file wr shared W", M(0,4096,PROT_WRITE,MAP_SHARED,wr,0));
  pr("file rdwr shared RW", M(0,4096,RW,MAP_SHARED,rdwr,0));
  pr("file rdwr off overflow", M(0,8192,PROT_READ,MAP_SHARED,rdwr,0x7ffffffffffff000L));
  pr("dir private R", M(0,4096,PROT_READ,MAP_PRIVATE,dir,0));
  pr("path private R", M(0,4096,PROT_READ,MAP_PRIVATE,path,0));
  pr("pipe r private R", M(0,4096,PROT_READ,MAP_PRIVATE,p[0],0));
  pr("pipe w private R", M(0,4096,PROT_READ,MAP_PRIVATE,p[1],0));
  pr("eventfd private R", M(0,4096,PROT_READ,MAP_PRIVATE,ev,0));
  pr("epoll private R", M(0,4096,PROT_READ,MAP_PRIVATE,ep,0));
  pr("socket private R", M(0,4096,PROT_READ,MAP_PRIVATE,so,0));
  pr("dev null private R", M(0,4096,PROT_READ,MAP_PRIVATE,nul,0));
  pr("dev zero private R", M(0,4096,PROT_READ,MAP_PRIVATE,zero,0));
  pr("tty private R", tty < 0 ? -999 : M(0,4096,PROT_READ,MAP_PRIVATE,tty,0));
  pr("anon with bad fd", M(0,4096,RW,MAP_PRIVATE|MAP_ANONYMOUS,12345,0));
  pr("anon with bad fd off unaligned", M(0,4096,RW,MAP_PRIVATE|MAP_ANONYMOUS,12345,5));
  long a = M(0,16384,RW,MAP_PRIVATE|MAP_ANONYMOUS,-1,0);
  pr("munmap unaligned", sc(SYS_munmap,a+1,4096,0,0,0,0));
  pr("munmap len 0", sc(SYS_munmap,a,0,0,0,0,0));
  pr("munmap len -1", sc(SYS_munmap,a,-1,0,0,0,0));
  pr("munmap unmapped", sc(SYS_munmap,0x1000,4096,0,0,0,0));
  pr("munmap high", sc(SYS_munmap,1L<<47,4096,0,0,0,0));
  pr("mprotect unaligned", sc(SYS_mprotect,a+1,4096,PROT_READ,0,0,0));
  pr("mprotect len 0", sc(SYS_mprotect,a,0,PROT_READ,0,0,0));
  pr("mprotect len 0 unaligned", sc(SYS_mprotect,a+1,0,PROT_READ,0,0,0));
  pr("mprotect bad prot 0x10", sc(SYS_mprotect,a,4096,0x10,0,0,0));
  pr("mprotect PROT_SEM", sc(SYS_mprotect,a,4096,PROT_READ|8,0,0,0));
  pr("mprotect growsdown non-grows vma", sc(SYS_mprotect,a,4096,PROT_READ|PROT_GROWSDOWN,0,0,0));
  pr("mprotect both grows", sc(SYS_mprotect,a,4096,PROT_READ|PROT_GROWSDOWN|PROT_GROWSUP,0,0,0));
  pr("mprotect len -1", sc(SYS_mprotect,a,-1,PROT_READ,0,0,0));
  pr("mprotect len -4096", sc(SYS_mprotect,a,-4096,PROT_READ,0,0,0));
  pr("mprotect unmapped", sc(SYS_mprotect,0x1000,4096,PROT_READ,0,0,0));
  pr("madvise unaligned", sc(SYS_madvise,a+1,4096,MADV_DONTNEED,0,0,0));
  pr("madvise bad advice 5", sc(SYS_madvise,a,4096,5,0,0,0));
  pr("madvise bad advice 5 unaligned", sc(SYS_madvise,a+1,4096,5,0,0,0));
  pr("madvise len 0", sc(SYS_madvise,a,0,MADV_DONTNEED,0,0,0));
  pr("madvise len -1", sc(SYS_madvise,a,-1,MADV_DONTNEED,0,0,0));
  pr("madvise unmapped", sc(SYS_madvise,0x1000,4096,MADV_DONTNEED,0,0,0));
  pr("madvise unmapped hugepage", sc(SYS_madvise,0x1000,4096,MADV_HUGEPAGE,0,0,0));
  pr("madvise unmapped mergeable", sc(SYS_madvise,0x1000,4096,MADV_MERGEABLE,0,0,0));
  pr("madvise unmapped dodump", sc(SYS_madvise,0x1000,4096,MADV_DODUMP,0,0,0));
  pr("madvise unmapped cold", sc(SYS_madvise,0x1000,4096,MADV_COLD,0,0,0));
  pr("madvise hugepage", sc(SYS_madvise,a,4096,MADV_HUGEPAGE,0,0,0));
  pr("madvise hwpoison", sc(SYS_madvise,a,4096,100,0,0,0));
  pr("madvise guard_install 102", sc(SYS_madvise,a,4096,102,0,0,0));
  pr("madvise collapse 25", sc(SYS_madvise,a,4096,25,0,0,0));
  pr("madvise 26", sc(SYS_madvise,a,4096,26,0,0,0));
  pr("madvise populate_read unmapped", sc(SYS_madvise,0x1000,4096,22,0,0,0));
  pr("madvise free on shared", sc(SYS_madvise,M(0,4096,RW,MAP_SHARED|MAP_ANONYMOUS,-1,0),4096,MADV_FREE,0,0,0));
  pr("msync bad flags", sc(SYS_msync,a,4096,8,0,0,0));
  pr("msync async|sync", sc(SYS_msync,a,4096,MS_ASYNC|MS_SYNC,0,0,0));
  pr("msync unaligned", sc(SYS_msync,a+1,4096,MS_SYNC,0,0,0));
  pr("msync len 0", sc(SYS_msync,a,0,MS_SYNC,0,0,0));
  pr("msync flags 0", sc(SYS_msync,a,4096,0,0,0,0));
  pr("msync unmapped", sc(SYS_msync,0x1000,4096,MS_SYNC,0,0,0));
  pr("msync partly unmapped", sc(SYS_msync,a,1<<20,MS_SYNC,0,0,0));
  pr("msync len -1", sc(SYS_msync,a,-1,MS_SYNC,0,0,0));
  pr("mlock", sc(SYS_mlock,a,4096,0,0,0,0));
  pr("mlock unaligned", sc(SYS_mlock,a+1,4096,0,0,0,0));
  pr("mlock unmapped", sc(SYS_mlock,0x1000,4096,0,0,0,0));
  pr("mlock len 0 unmapped", sc(SYS_mlock,0x1000,0,0,0,0,0));
  pr("munlock unmapped", sc(SYS_munlock,0x1000,4096,0,0,0,0));
  pr("mlock2 flags 2", sc(SYS_mlock2,a,4096,2,0,0,0));
  pr("mlockall 0", sc(SYS_mlockall,0,0,0,0,0,0));
  pr("mlockall ONFAULT", sc(SYS_mlockall,4,0,0,0,0,0));
  pr("mlockall 8", sc(SYS_mlockall,8,0,0,0,0,0));
  pr("mlockall CURRENT", sc(SYS_mlockall,1,0,0,0,0,0));
  pr("munlockall", sc(SYS_munlockall,0,0,0,0,0,0));
  unsigned char vec[8];
  pr("mincore", sc(SYS_mincore,a,16384,(long)vec,0,0,0));
  printf("vec %d %d %d %d\n", vec[0],vec[1],vec[2],vec[3]);
  pr("mincore unaligned", sc(SYS_mincore,a+1,4096,(long)vec,0,0,0));
  pr("mincore unmapped", sc(SYS_mincore,0x1000,4096,(long)vec,0,0,0));
  pr("mincore bad vec", sc(SYS_mincore,a,4096,8,0,0,0));
  pr("mincore unmapped bad vec", sc(SYS_mincore,0x1000,4096,8,0,0,0));
  pr("mincore len 0", sc(SYS_mincore,a,0,8,0,0,0));
  pr("mremap flags 8", sc(SYS_mremap,a,4096,8192,8,0,0));
  pr("mremap fixed w/o maymove", sc(SYS_mremap,a,4096,8192,MREMAP_FIXED,0x20000000,0));
  pr("mremap unaligned", sc(SYS_mremap,a+1,4096,8192,MREMAP_MAYMOVE,0,0));
  pr("mremap newlen 0", sc(SYS_mremap,a,4096,0,MREMAP_MAYMOVE,0,0));
  pr("mremap dontunmap lens differ", sc(SYS_mremap,a,4096,8192,MREMAP_MAYMOVE|MREMAP_DONTUNMAP,0,0));
  pr("mremap dontunmap w/o maymove", sc(SYS_mremap,a,4096,4096,MREMAP_DONTUNMAP,0,0));
  pr("mremap fixed unaligned new", sc(SYS_mremap,a,4096,4096,MREMAP_MAYMOVE|MREMAP_FIXED,0x20000001,0));
  pr("mremap newlen -1", sc(SYS_mremap,a,4096,-1,MREMAP_MAYMOVE,0,0));
  pr("mremap unmapped", sc(SYS_mremap,0x1000,4096,8192,MREMAP_MAYMOVE,0,0));
  pr("membarrier query", sc(SYS_membarrier,0,0,0,0,0,0));
  pr("membarrier private expedited unregistered", sc(SYS_membarrier,8,0,0,0,0,0));
  pr("membarrier flags 1", sc(SYS_membarrier,0,1,0,0,0,0));
  pr("brk 0", sc(SYS_brk,0,0,0,0,0,0));
  return 0;
}
