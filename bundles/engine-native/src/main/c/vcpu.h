/*
 * The layout of one native vCPU, shared by the assembly entry/exit code, the signal handlers and
 * Java (NativeLayout mirrors these numbers; NativeShimTest checks them through osgix_layout()).
 * GS base points at the vCPU while its host thread runs guest code, so the code that leaves the
 * guest finds its state without a free register and without the guest-owned FS base.
 */
#ifndef OSGIX_VCPU_H
#define OSGIX_VCPU_H

#define V_MAGIC        0x000  /* "osgixcpu" while attached */
#define V_SELF         0x008  /* the vCPU's own address */
#define V_REGS         0x010  /* rax rbx rcx rdx rsi rdi rbp rsp r8..r15: 16 x 8 */
#define V_RAX          (V_REGS + 0 * 8)
#define V_RBX          (V_REGS + 1 * 8)
#define V_RCX          (V_REGS + 2 * 8)
#define V_RDX          (V_REGS + 3 * 8)
#define V_RSI          (V_REGS + 4 * 8)
#define V_RDI          (V_REGS + 5 * 8)
#define V_RBP          (V_REGS + 6 * 8)
#define V_RSP          (V_REGS + 7 * 8)
#define V_R8           (V_REGS + 8 * 8)
#define V_R9           (V_REGS + 9 * 8)
#define V_R10          (V_REGS + 10 * 8)
#define V_R11          (V_REGS + 11 * 8)
#define V_R12          (V_REGS + 12 * 8)
#define V_R13          (V_REGS + 13 * 8)
#define V_R14          (V_REGS + 14 * 8)
#define V_R15          (V_REGS + 15 * 8)
#define V_RIP          0x090
#define V_RFLAGS       0x098
#define V_FS_BASE      0x0a0
#define V_GS_BASE      0x0a8  /* the guest's own GS base: recorded, not loaded (GS is ours) */
#define V_EXIT         0x0b0  /* u32: why the last run ended (EXIT_*) */
#define V_IN_GUEST     0x0b4  /* u32: 1 from entry to exit */
#define V_STOP         0x0b8  /* u32: a stop was requested */
#define V_HOST_TID     0x0bc  /* u32 */
#define V_FAULT_ADDR   0x0c0  /* si_addr of the last fault */
#define V_SIGNO        0x0c8  /* u32: host signal of the last fault */
#define V_SI_CODE      0x0cc  /* u32 */
#define V_SYSNO        0x0d0  /* the syscall number of the last EXIT_SYSCALL */
#define V_HOST_RSP     0x0d8
#define V_HOST_FS      0x0e0
#define V_HOST_MXCSR   0x0e8  /* u32 */
#define V_HOST_FCW     0x0ec  /* u16 */
#define V_SELECTOR     0x0f0  /* u8: Syscall User Dispatch selector */
#define V_TRAP_RIP     0x0f8  /* the syscall instruction's address for a SUD trap, else 0 */
#define V_ALTSTACK     0x100  /* base of the signal stack (inside the vCPU block) */
#define V_OLD_MASK     0x108  /* the host thread's signal mask before attach */
#define V_XSAVE        0x140  /* 64-byte aligned xsave area */
#define V_XSAVE_MAX    0x3000 /* room for the largest xsave layout we accept */
#define V_STACK_OFF    0x4000 /* the signal stack: the rest of the block */
#define V_BLOCK_SIZE   0x44000
#define V_STACK_SIZE   (V_BLOCK_SIZE - V_STACK_OFF)

#define EXIT_STOPPED 0
#define EXIT_SYSCALL 1
#define EXIT_SEGV    2
#define EXIT_ILLEGAL 3
#define EXIT_FPE     4
#define EXIT_TRAP    5
#define EXIT_BUS     7

#define VCPU_MAGIC 0x7570637869677f6fULL

/* the signal that makes a running vCPU leave the guest (Machine.requestStop) */
#define KICK_SIGNAL 62

#endif
